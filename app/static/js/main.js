// Progressive enhancement: every page works without this file. Each feature is a small
// module started by a data-module="name" hook in the HTML.
const MODULES = {
  "error-summary": () => import("./modules/error-summary.js"),
  "passkey-sign-in": () => import("./modules/passkey.js"),
  "passkey-sign-up": () => import("./modules/passkey.js"),
  "passkey-add": () => import("./modules/passkey.js"),
  "keep-draft": () => import("./modules/keep-draft.js"),
  "print-button": () => import("./modules/print-button.js"),
};

// The server says it now has what was typed: forget the copy kept on this device.
const saved = document.body.dataset.savedDraft;
if (saved) {
  try { localStorage.removeItem("keepwell-draft:" + saved); } catch (error) { /* storage blocked */ }
}

for (const element of document.querySelectorAll("[data-module]")) {
  const name = element.dataset.module;
  const load = MODULES[name];
  if (load) {
    load().then((module) => module.start(element, name)).catch((error) => console.error(name, error));
  }
}

if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error) => console.warn("Service worker", error));
  });
}
