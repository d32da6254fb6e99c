// Push reminders on this device: ask the browser for permission only after the person
// taps the button, subscribe with the server's VAPID key, and tell the server. Words
// come from data-* attributes, already in the person's language.
function keyBytes(text) {
  const base = text.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base + "===".slice((base.length + 3) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

function isAppleMobile() {
  return /iPad|iPhone|iPod/.test(navigator.userAgent)
    || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
}

function isInstalled() {
  return window.matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
}

function say(status, message) {
  status.textContent = "";
  const paragraph = document.createElement("p");
  paragraph.textContent = message;
  status.append(paragraph);
}

async function post(form, name, value) {
  const body = new FormData(form);
  body.set(name, value);
  const response = await fetch(form.action, {
    method: "POST",
    body,
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  });
  if (!response.ok) throw new Error(`server ${response.status}`);
}

async function subscribe(registration, key) {
  const options = { userVisibleOnly: true, applicationServerKey: keyBytes(key) };
  try {
    return await registration.pushManager.subscribe(options);
  } catch (error) {
    // A subscription made with an older server key must go before a new one is made.
    const old = await registration.pushManager.getSubscription();
    if (!old) throw error;
    await old.unsubscribe();
    return registration.pushManager.subscribe(options);
  }
}

export async function start(section) {
  const data = section.dataset;
  const status = section.querySelector("[data-push-status]");
  const startButton = section.querySelector("[data-push-start]");
  const stopButton = section.querySelector("[data-push-stop]");
  const startForm = section.querySelector("[data-push-form]");
  const stopForm = section.querySelector("[data-push-forget]");
  const supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  if (!supported) {
    say(status, isAppleMobile() && !isInstalled() ? data.messageIos : data.messageUnsupported);
    return;
  }
  const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" })
    .then(() => navigator.serviceWorker.ready);
  const current = await registration.pushManager.getSubscription();
  const showState = (on) => {
    startButton.hidden = on;
    stopButton.hidden = !on;
    say(status, on ? data.messageOn : data.messageOff);
  };
  showState(Boolean(current) && Notification.permission === "granted");
  if (Notification.permission === "denied") say(status, data.messageDenied);

  startButton.addEventListener("click", async () => {
    startButton.disabled = true;
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        say(status, data.messageDenied);
        return;
      }
      const subscription = await subscribe(registration, data.vapidKey);
      await post(startForm, "subscription", JSON.stringify(subscription.toJSON()));
      window.location.reload();
    } catch (error) {
      say(status, data.messageFailed);
    } finally {
      startButton.disabled = false;
    }
  });

  stopButton.addEventListener("click", async () => {
    stopButton.disabled = true;
    try {
      const subscription = await registration.pushManager.getSubscription();
      if (subscription) {
        await post(stopForm, "endpoint", subscription.endpoint);
        await subscription.unsubscribe();
      }
      window.location.reload();
    } catch (error) {
      say(status, data.messageFailed);
      stopButton.disabled = false;
    }
  });
}
