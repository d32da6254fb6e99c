/* Keepwell service worker: offline pages, and push reminders.
   The server decides what may be kept (app/pwa/offline.py, in response headers); this
   only follows. Private pages are kept only with "Keepwell-Keep: 1", only for the person
   signed in, and are forgotten the moment anyone else, or no one, is. */
const VERSION = "{{ version }}";
const SHELL = "kw-shell-" + VERSION;
const PRIVATE = "kw-private"; // pages about a person: theirs, or shared with this member
const PUBLIC = "kw-public"; // public pages opened while signed out
const META = "kw-meta"; // who is signed in here, and when the server last saw them
const PRECACHE = {{ precache }};
const OFFLINE_URL = "/offline";
const HELP_URL = "/help";
const MEMBER_PAGE = /^\/people\/(\d+)\//;
const BACKGROUND = { "Keepwell-Background": "1" };
// The shell's pages are drawn as for someone signed out (app/auth/sessions.py), in the
// language and display chosen on this device: no one's names or numbers outlive sign-out.
const AS_SHELL = { "Keepwell-Background": "1", "Keepwell-Shell": "1" };
const shellRequest = (url) => new Request(url, { credentials: "same-origin", headers: AS_SHELL });
// A POST to any of these changes who is signed in: forget private pages.
const IDENTITY_CHANGES = [/^\/auth\//, /^\/account\/delete$/];
const NEVER_CACHE = [/^\/auth\//, /^\/account\/download/, /^\/sw\.js$/, /^\/api\//, /^\/healthz$/, /^\/offline\//];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE.map(shellRequest))).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    // "kw-pages" held every page opened, before the server chose what may be kept.
    await Promise.all(names.filter((n) => (n.startsWith("kw-shell-") && n !== SHELL) || n === "kw-pages").map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

// Who is signed in on this device ---------------------------------------------------

async function readDevice() {
  const found = await caches.match("/__device", { cacheName: META });
  return found ? found.json() : null;
}

async function writeDevice(device) {
  const cache = await caches.open(META);
  await cache.put("/__device", new Response(JSON.stringify(device), { headers: { "Content-Type": "application/json" } }));
}

async function forgetPrivate() {
  await caches.delete(PRIVATE);
  await caches.delete(META);
}

// Every HTML answer says who is signed in; anyone new, or no one, ends the old copies.
async function noteViewer(response) {
  const viewer = response.headers.get("Keepwell-Viewer");
  if (!viewer) return null;
  const known = await readDevice();
  const shared = response.headers.get("Keepwell-Device") === "shared";
  if (viewer === "none" || shared || (known && known.viewer !== viewer)) await forgetPrivate();
  if (viewer === "none" || shared) return null;
  const device = {
    viewer,
    seen: Date.now(),
    idle: Number(response.headers.get("Keepwell-Idle") || 0),
    maxAge: Number(response.headers.get("Keepwell-Offline-Days") || 30) * 86400000,
  };
  await writeDevice(device);
  return device;
}

function expired(device, now) {
  if (!device) return true;
  if (device.idle && now - device.seen > device.idle * 1000) return true;
  return now - device.seen > device.maxAge;
}

async function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set("Keepwell-Saved-At", String(Date.now()));
  return new Response(await response.blob(), { status: response.status, headers });
}

async function forgetPerson(id) {
  const cache = await caches.open(PRIVATE);
  for (const request of await cache.keys()) {
    if (new URL(request.url).pathname.startsWith(`/people/${id}/`)) await cache.delete(request);
  }
}

// Pages ----------------------------------------------------------------------------------

async function networkFirst(request) {
  const url = new URL(request.url);
  const key = url.pathname + url.search;
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    return offlineCopy(key, url);
  }
  const device = await noteViewer(response);
  const member = MEMBER_PAGE.exec(url.pathname);
  if (member && (response.status === 403 || response.status === 404)) await forgetPerson(member[1]);
  const basic = response.ok && response.type === "basic" && !NEVER_CACHE.some((p) => p.test(url.pathname));
  if (basic && device && response.headers.get("Keepwell-Keep") === "1") {
    const copy = await stamped(response.clone());
    await (await caches.open(PRIVATE)).put(key, copy);
  } else if (basic && !device && !(response.headers.get("Cache-Control") || "").includes("no-store")) {
    await (await caches.open(PUBLIC)).put(key, response.clone());
  }
  return response;
}

async function offlineCopy(key, url) {
  const device = await readDevice();
  if (device && expired(device, Date.now())) await forgetPrivate(); // before showing anything
  let mine = device && !expired(device, Date.now()) ? await caches.match(key, { cacheName: PRIVATE }) : null;
  if (mine && Date.now() - Number(mine.headers.get("Keepwell-Saved-At") || 0) > device.maxAge) {
    await (await caches.open(PRIVATE)).delete(key); // a copy older than it may be kept
    mine = null;
  }
  const cached = mine || (await caches.match(key, { cacheName: PUBLIC })) || (await caches.match(key, { cacheName: SHELL }));
  if (cached) return cached;
  if (url.pathname === HELP_URL) {
    const help = await caches.match(HELP_URL, { cacheName: SHELL });
    if (help) return help;
  }
  return (await caches.match(OFFLINE_URL, { cacheName: SHELL })) || Response.error();
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

// Get help now and the offline page, fetched again for the shell (in a new language, or
// signed out). In the background: they never take a message meant for the person's page.
async function refreshShell() {
  try {
    const shell = await caches.open(SHELL);
    for (const url of [OFFLINE_URL, HELP_URL]) {
      const fresh = await fetch(shellRequest(url));
      if (fresh.ok) await shell.put(url, fresh);
    }
  } catch (error) { /* offline: the pages kept before still work */ }
}

self.addEventListener("message", (event) => {
  if (event.data === "language-changed") event.waitUntil(refreshShell());
  if (event.data === "forget-private") event.waitUntil(forgetPrivate());
});

// Back online with the page closed: wake any open page to send what waits (offline.js).
self.addEventListener("sync", (event) => {
  if (event.tag !== "kw-send") return;
  event.waitUntil(self.clients.matchAll({ type: "window" }).then((pages) => pages.forEach((page) => page.postMessage("send-waiting"))));
});

async function postThenForget(request) {
  await forgetPrivate();
  const response = await fetch(request);
  await forgetPrivate();
  return response;
}

async function signInOrOut(event) {
  const response = await postThenForget(event.request);
  event.waitUntil(refreshShell());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && IDENTITY_CHANGES.some((p) => p.test(url.pathname))) {
    event.respondWith(signInOrOut(event));
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
