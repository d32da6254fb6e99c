/* Keepwell service worker: offline pages, and (later) push reminders.
   Pages a person has opened are kept for offline use; signing in or out clears them. */
const VERSION = "{{ version }}";
const SHELL = "kw-shell-" + VERSION;
const PAGES = "kw-pages";
const PRECACHE = {{ precache }};
const OFFLINE_URL = "/offline";
const HELP_URL = "/help";
// A POST to any of these changes who is signed in: forget private pages.
const IDENTITY_CHANGES = [/^\/auth\//, /^\/account\/delete$/];
const NEVER_CACHE = [/^\/auth\//, /^\/account\/download/, /^\/sw\.js$/, /^\/api\//, /^\/healthz$/];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith("kw-shell-") && n !== SHELL).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

async function forgetPrivatePages() {
  await caches.delete(PAGES);
  const cache = await caches.open(PAGES);
  // Keep Get help now (with the signed-in person's own supporters, if any) ready offline.
  try {
    const response = await fetch(HELP_URL, { credentials: "same-origin" });
    if (response.ok) await cache.put(HELP_URL, response);
  } catch (error) { /* offline: the shell copy of /help still works */ }
}

async function networkFirst(request) {
  const url = new URL(request.url);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic" && !NEVER_CACHE.some((p) => p.test(url.pathname))) {
      const copy = response.clone();
      caches.open(PAGES).then((cache) => cache.put(url.pathname + url.search, copy));
    }
    return response;
  } catch (error) {
    const cached = (await caches.match(url.pathname + url.search, { cacheName: PAGES }))
      || (await caches.match(url.pathname + url.search));
    if (cached) return cached;
    if (url.pathname === HELP_URL) {
      const help = await caches.match(HELP_URL);
      if (help) return help;
    }
    return (await caches.match(OFFLINE_URL)) || Response.error();
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(SHELL).then((cache) => cache.put(request, copy));
  }
  return response;
}

// A page in a new language asks for the offline pages again, in that language (main.js).
// Asked by the page once it has loaded, so this never takes a message meant for it.
async function relearnLanguage() {
  try {
    const shell = await caches.open(SHELL);
    const pages = await caches.open(PAGES);
    for (const url of [OFFLINE_URL, HELP_URL]) {
      const fresh = await fetch(url, { credentials: "same-origin" });
      if (fresh.ok) {
        await shell.put(url, fresh.clone());
        if (url === HELP_URL) await pages.put(url, fresh);
      }
    }
  } catch (error) { /* offline: the pages kept before still work */ }
}

self.addEventListener("message", (event) => {
  if (event.data === "language-changed") event.waitUntil(relearnLanguage());
});

async function postThenForget(request) {
  const response = await fetch(request);
  await forgetPrivatePages();
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && IDENTITY_CHANGES.some((p) => p.test(url.pathname))) {
    event.respondWith(postThenForget(request));
    return;
  }

  if (request.method !== "GET") return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  }
});
{% include "pwa/sw_push.js" ignore missing %}
