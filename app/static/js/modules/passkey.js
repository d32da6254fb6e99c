// Passkeys: ask the server for options, let the device make or use a passkey, then
// post the result in an ordinary form so the server renders the next page.
const b64 = {
  toBytes(text) {
    const base = text.replace(/-/g, "+").replace(/_/g, "/");
    const padded = base + "===".slice((base.length + 3) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  },
  fromBytes(buffer) {
    const bytes = new Uint8Array(buffer);
    let text = "";
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  },
};

// Older browsers lack the JSON helpers; these are the few fields that carry bytes.
function creationOptions(json) {
  if (PublicKeyCredential.parseCreationOptionsFromJSON) return PublicKeyCredential.parseCreationOptionsFromJSON(json);
  return {
    ...json,
    challenge: b64.toBytes(json.challenge),
    user: { ...json.user, id: b64.toBytes(json.user.id) },
    excludeCredentials: (json.excludeCredentials || []).map((c) => ({ ...c, id: b64.toBytes(c.id) })),
  };
}

function requestOptions(json) {
  if (PublicKeyCredential.parseRequestOptionsFromJSON) return PublicKeyCredential.parseRequestOptionsFromJSON(json);
  return {
    ...json,
    challenge: b64.toBytes(json.challenge),
    allowCredentials: (json.allowCredentials || []).map((c) => ({ ...c, id: b64.toBytes(c.id) })),
  };
}

function toJSON(credential) {
  if (typeof credential.toJSON === "function") return credential.toJSON();
  const response = {};
  for (const key of ["clientDataJSON", "attestationObject", "authenticatorData", "signature", "userHandle"]) {
    if (credential.response[key]) response[key] = b64.fromBytes(credential.response[key]);
  }
  if (credential.response.getTransports) response.transports = credential.response.getTransports();
  return {
    id: credential.id,
    rawId: b64.fromBytes(credential.rawId),
    type: credential.type,
    response,
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment,
  };
}

function say(status, message) {
  status.textContent = "";
  const paragraph = document.createElement("p");
  paragraph.className = "kw-error-message";
  paragraph.textContent = message;
  status.append(paragraph);
}

export function start(section, name) {
  const form = section.querySelector("[data-passkey-form]");
  const button = section.querySelector("[data-passkey-start]");
  const status = section.querySelector("[data-passkey-status]");
  const field = section.querySelector("[data-passkey-credential]");
  if (!window.PublicKeyCredential || !navigator.credentials) {
    say(status, section.dataset.messageUnsupported);
    return;
  }
  // A passkey belongs to a named site: at an address like 127.0.0.1 the browser refuses
  // before asking the person anything, so say the real reason, not "if you cancelled".
  if (/^[\d.]+$|:/.test(location.hostname)) {
    say(status, section.dataset.messageHostName);
    return;
  }
  button.hidden = false;
  const signingIn = name === "passkey-sign-in";

  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "";
    let options;
    try {
      const body = new FormData(form);
      const response = await fetch(section.dataset.optionsUrl, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(`options ${response.status}`);
      options = await response.json();
    } catch (error) {
      say(status, section.dataset.messageNetwork);
      button.disabled = false;
      return;
    }
    try {
      const credential = signingIn
        ? await navigator.credentials.get({ publicKey: requestOptions(options) })
        : await navigator.credentials.create({ publicKey: creationOptions(options) });
      field.value = JSON.stringify(toJSON(credential));
      form.submit();
    } catch (error) {
      say(status, section.dataset.messageFailed);
      button.disabled = false;
      button.focus();
    }
  });
}
