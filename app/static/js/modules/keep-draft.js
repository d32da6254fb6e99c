// Keep what a person types on this device until the server has it, so a lost
// connection or an expired page never costs them their words.
const PREFIX = "keepwell-draft:";

function fieldsOf(form) {
  return [...form.querySelectorAll("textarea, input[type=text], input[type=tel]")];
}

function snapshot(form) {
  const values = {};
  for (const field of fieldsOf(form)) values[field.name] = field.value;
  return values;
}

function differs(a, b) {
  return Object.keys(a).some((key) => (a[key] || "") !== (b[key] || ""));
}

export function start(form) {
  if (document.body.dataset.shared === "1") return; // a shared or borrowed phone: keep nothing
  const key = PREFIX + form.dataset.draftKey;
  const onServer = snapshot(form);
  let saved = null;
  try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (error) { saved = null; }

  if (saved && differs(saved, onServer)) {
    const notice = document.createElement("div");
    notice.className = "kw-warning";
    notice.setAttribute("role", "status");
    const text = document.createElement("p");
    text.textContent = form.dataset.messageRestore;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "kw-button kw-button--secondary";
    button.textContent = form.dataset.messageRestoreButton;
    button.addEventListener("click", () => {
      for (const field of fieldsOf(form)) if (field.name in saved) field.value = saved[field.name];
      notice.remove();
      fieldsOf(form)[0]?.focus();
    });
    notice.append(text, button);
    form.prepend(notice);
  } else if (saved) {
    localStorage.removeItem(key); // the server already has exactly this
  }

  form.addEventListener("input", () => {
    try { localStorage.setItem(key, JSON.stringify(snapshot(form))); } catch (error) { /* storage full or blocked */ }
  });
}
