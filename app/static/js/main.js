// Progressive enhancement: every page works without this file. Each feature is a small
// module started by a data-module="name" hook in the HTML.
// Every module shares main.js's ?v= version, so a release never mixes old and new files.
const version = new URL(import.meta.url).search;
const MODULES = {
  "error-summary": "error-summary.js",
  "passkey-sign-in": "passkey.js",
  "passkey-sign-up": "passkey.js",
  "passkey-add": "passkey.js",
  "keep-draft": "keep-draft.js",
  "print-button": "print-button.js",
  "copy": "copy-share.js",
  "share": "copy-share.js",
  "near-me": "near-me.js",
  "push": "push.js",
  "notice": "notice.js",
  "listen": "listen.js",
  "bsl-video": "bsl-video.js",
};

// The server says it now has what was typed: forget the copy kept on this device.
const saved = document.body.dataset.savedDraft;
if (saved) {
  try { localStorage.removeItem("keepwell-draft:" + saved); } catch (error) { /* storage blocked */ }
}

const starting = [];
for (const element of document.querySelectorAll("[data-module]")) {
  const name = element.dataset.module;
  const file = MODULES[name];
  if (file) {
    starting.push(import(`./modules/${file}${version}`)
      .then((module) => module.start(element, name))
      .catch((error) => console.error(name, error)));
  }
}

// Offline copies, changes made offline, and forgetting them all at sign-out (every page).
if ("viewer" in document.body.dataset) {
  starting.push(import(`./modules/offline.js${version}`)
    .then((module) => module.start(document.body))
    .catch((error) => console.error("offline", error)));
}
// Every module has started: what a tap does is now what the page says (browser tests
// wait for this rather than racing a slow phone's first tap).
Promise.allSettled(starting).then(() => { document.documentElement.dataset.ready = "1"; });

if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error) => console.warn("Service worker", error));
    // A new language: the worker fetches its offline pages again, in this language.
    const language = document.documentElement.lang;
    let known = null;
    try { known = localStorage.getItem("keepwell-language"); } catch (error) { /* storage blocked */ }
    // (The first visit stores it only: the worker has just kept its pages in it.)
    if (known === null) {
      try { localStorage.setItem("keepwell-language", language); } catch (error) { /* storage blocked */ }
    } else if (known !== language) {
      navigator.serviceWorker.ready.then((registration) => {
        registration.active.postMessage("language-changed");
        try { localStorage.setItem("keepwell-language", language); } catch (error) { /* storage blocked */ }
      });
    }
  });
}
