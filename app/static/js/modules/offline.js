// Offline: keep the person's own pages on this device, queue changes made with no signal
// and send them when it is back, and forget everything private the moment the server says
// this device should (app/pwa/offline.py decides; this only follows). Started on every
// page by main.js. Without it, every page still works online.
const version = new URL(import.meta.url).search;
const PRIVATE = "kw-private"; // the service worker's cache of private pages (sw.js)
const DEVICE = "keepwell-device";
const TAGS = "keepwell-offline-tags";
const DRAFTS = "keepwell-draft:";
const BACKGROUND = { "Keepwell-Background": "1" };
const MEMBER_PAGE = /^\/people\/(\d+)\//;

let queue;
let status; // the element that says what is waiting (layout.html), with its messages
let sending = false;
let waitingNow = 0; // how many changes wait to go, for the sign-out question
const SYNCED = "keepwell-offline-synced";
const SYNC_EVERY = 60000;

function readDevice() {
  try { return JSON.parse(localStorage.getItem(DEVICE) || "null"); } catch (error) { return null; }
}

function writeDevice(device) {
  try { localStorage.setItem(DEVICE, JSON.stringify(device)); } catch (error) { /* storage blocked */ }
}

function message(name, values = {}) {
  let text = (status && status.dataset["message" + name]) || "";
  for (const [key, value] of Object.entries(values)) text = text.replace("{" + key + "}", value);
  return text;
}

// Signed out (here, everywhere, timed out), another person, a shared phone, a deleted
// account: no page, no draft and no queued change of anyone stays on this device.
export async function forgetDevice() {
  try {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(DRAFTS) || [TAGS, DEVICE, SYNCED].includes(key)) localStorage.removeItem(key);
    }
  } catch (error) { /* storage blocked: nothing was kept */ }
  if ("caches" in window) await caches.delete(PRIVATE).catch(() => {});
  await queue.forgetAll();
  navigator.serviceWorker?.controller?.postMessage("forget-private");
}

async function whoIsSignedIn() {
  const answer = await fetch("/offline/whoami", { headers: BACKGROUND, credentials: "same-origin", cache: "no-store" }).catch(() => null);
  if (!answer || !answer.ok || !(answer.headers.get("Content-Type") || "").includes("json")) return null;
  return answer.json();
}

async function privateCache() {
  return "caches" in window ? caches.open(PRIVATE) : null;
}

// Own pages: fetch again only those whose tag changed; drop those no longer in the plan.
async function keepOwnPages() {
  const cache = await privateCache();
  if (!cache) return false;
  const answer = await fetch("/offline/pages.json", { headers: BACKGROUND, credentials: "same-origin" });
  if (!answer.ok || !(answer.headers.get("Content-Type") || "").includes("json")) return false;
  const { pages } = await answer.json();
  let known = {};
  try { known = JSON.parse(localStorage.getItem(TAGS) || "{}"); } catch (error) { known = {}; }
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname + new URL(request.url).search;
    if (!MEMBER_PAGE.test(path) && !(path in pages)) await cache.delete(request);
  }
  const kept = {};
  for (const [url, tag] of Object.entries(pages)) {
    if (known[url] === tag && (await cache.match(url))) { kept[url] = tag; continue; }
    const response = await fetch(url, { headers: BACKGROUND, credentials: "same-origin" }).catch(() => null);
    if (!response) return false; // the signal went: carry on next time
    if (response.ok && response.headers.get("Keepwell-Keep") === "1") {
      await cache.put(url, await stamped(response));
      kept[url] = tag;
      // Noted as it goes, so a sync cut short does not fetch again what it has.
      try { localStorage.setItem(TAGS, JSON.stringify({ ...known, ...kept })); } catch (error) { /* full */ }
    }
  }
  try { localStorage.setItem(TAGS, JSON.stringify(kept)); } catch (error) { /* storage full: still online */ }
  return true;
}

// The copy remembers when it was saved, to say so offline.
export async function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set("Keepwell-Saved-At", String(Date.now()));
  return new Response(await response.blob(), { status: response.status, headers });
}

// Pages of people who no longer share with this member (ended, paused) are forgotten.
async function forgetWithdrawn() {
  const cache = await privateCache();
  if (!cache) return;
  const byPerson = new Map();
  for (const request of await cache.keys()) {
    const found = MEMBER_PAGE.exec(new URL(request.url).pathname);
    if (found) byPerson.set(found[1], [...(byPerson.get(found[1]) || []), request]);
  }
  if (!byPerson.size) return;
  const people = [...byPerson.keys()].join(",");
  const answer = await fetch(`/offline/still-shared?people=${people}`, { headers: BACKGROUND, credentials: "same-origin" });
  if (!answer.ok || !(answer.headers.get("Content-Type") || "").includes("json")) return;
  const allowed = new Set((await answer.json()).people.map(String));
  const oldest = Date.now() - Number(document.body.dataset.offlineDays || 30) * 86400000;
  for (const requests of byPerson.values()) {
    for (const request of requests) {
      const copy = await cache.match(request);
      if (copy && Number(copy.headers.get("Keepwell-Saved-At") || 0) < oldest) await cache.delete(request);
    }
  }
  for (const [person, requests] of byPerson) {
    if (!allowed.has(person)) for (const request of requests) await cache.delete(request);
  }
}

async function forgetPerson(path) {
  const found = MEMBER_PAGE.exec(path);
  const cache = await privateCache();
  if (!found || !cache) return;
  for (const request of await cache.keys()) {
    if (new URL(request.url).pathname.startsWith(`/people/${found[1]}/`)) await cache.delete(request);
  }
}

async function freshToken() {
  const answer = await fetch("/offline/token", { headers: BACKGROUND, credentials: "same-origin" }).catch(() => null);
  if (!answer || !answer.ok || !(answer.headers.get("Content-Type") || "").includes("json")) return null;
  return (await answer.json()).token;
}

// Send what waits, in order, through the same routes as any save. Stops at the first
// change that cannot go yet (no signal, signed out), so the order always holds.
export async function sendWaiting(viewer) {
  // One tab sends at a time (two tabs sending the same change would each be answered
  // "already applied", but need not both try).
  if (navigator.locks) return navigator.locks.request("keepwell-send", () => sendNow(viewer));
  return sendNow(viewer);
}

async function sendNow(viewer) {
  if (sending || !navigator.onLine) return;
  sending = true;
  let sent = 0;
  try {
    const waiting = queue.toSend(await queue.all(), viewer);
    if (!waiting.length) return;
    say(message("Sending"));
    let token = await freshToken();
    for (const change of waiting) {
      if (!token) break;
      let result = await send(change, token);
      if (result === "retry-token") {
        token = await freshToken();
        result = token ? await send(change, token) : "later";
        if (result === "retry-token") result = "check";
      }
      if (result === "later" || result === "signed-out") break;
      if (result === "sent") {
        await queue.remove(change.seq);
        sent += 1;
      } else {
        change.state = result; // conflict, refused or check: kept, with the words
        await queue.put(change);
        if (result === "refused") await forgetPerson(new URL(change.url, location.href).pathname);
      }
    }
  } finally {
    sending = false;
  }
  await show(viewer, sent);
  if (sent) await keepOwnPages().catch(() => {});
}

async function send(change, token) {
  const body = new URLSearchParams(change.fields);
  body.set("csrf_token", token);
  body.set("change_id", change.change_id);
  const response = await fetch(change.url, { method: "POST", body, headers: BACKGROUND, credentials: "same-origin" }).catch(() => null);
  if (!response) return "later";
  const result = queue.outcome({ status: response.status, redirected: response.redirected, url: response.url });
  if (result === "conflict") change.link = new URL(response.url).pathname;
  return result;
}

function say(text) {
  const line = status?.querySelector("[data-offline-line]");
  if (!line) return;
  line.textContent = text;
  status.hidden = !text;
}

// What waits, what could not go, and the words of each, with "Copy my words".
async function show(viewer, sentNow = 0) {
  if (!status) return;
  const list = status.querySelector("[data-offline-list]");
  list.replaceChildren();
  const mine = (await queue.all()).filter((change) => change.viewer === viewer);
  const waiting = mine.filter((change) => change.state === "waiting").length;
  waitingNow = waiting;
  const lines = [];
  if (!navigator.onLine) {
    const cache = await privateCache();
    const copy = cache && (await cache.match(location.pathname + location.search));
    const savedAt = copy && Number(copy.headers.get("Keepwell-Saved-At"));
    const lang = document.documentElement.lang;
    lines.push(savedAt
      ? message("SavedAt", { time: new Date(savedAt).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }) })
      : message("Offline"));
  }
  if (sentNow) lines.push(message("Sent"));
  if (waiting) lines.push(message("Waiting", { count: String(waiting) }));
  say(lines.join(" "));
  for (const change of mine) {
    const item = document.createElement("li");
    const what = document.createElement("p");
    what.textContent = message("State" + change.state[0].toUpperCase() + change.state.slice(1)) + (change.label ? " " + change.label : "");
    const words = document.createElement("blockquote");
    words.dir = "auto"; // the person's own words, in whatever script they wrote them
    words.textContent = queue.wordsOf(change).join("\n");
    item.append(what, words);
    if (change.state === "conflict" && change.link) {
      const link = document.createElement("a");
      link.href = change.link;
      link.textContent = message("Choose");
      link.addEventListener("click", () => queue.remove(change.seq));
      item.append(link);
    }
    if (change.state !== "waiting") {
      const copy = document.createElement("button");
      copy.type = "button";
      copy.className = "kw-button kw-button--secondary";
      copy.textContent = message("Copy");
      copy.addEventListener("click", async () => {
        try { await navigator.clipboard.writeText(words.textContent); copy.textContent = message("Copied"); } catch (error) { /* the words are on the page */ }
      });
      const drop = document.createElement("button");
      drop.type = "button";
      drop.className = "kw-link-button";
      drop.textContent = message("Remove");
      drop.addEventListener("click", async () => { await queue.remove(change.seq); await show(viewer); });
      item.append(copy, drop);
    }
    list.append(item);
  }
  if (mine.length || lines.length) status.hidden = false;
}

// A form sent with no signal is kept on the device, in order, and the person goes on to
// the page they would have seen.
function queueOffline(form, viewer) {
  form.addEventListener("submit", async (event) => {
    if (navigator.onLine) return; // online: the ordinary form post, as without JavaScript
    event.preventDefault();
    const fields = [...new FormData(form, event.submitter)].filter(([, value]) => typeof value === "string");
    const change = queue.newChange({
      // getAttribute: a field named "action" would hide the form's own `action`.
      url: new URL(form.getAttribute("action") || location.href, location.href).pathname,
      fields,
      label: form.dataset.offlineLabel,
      viewer,
      next: form.dataset.offlineNext,
      now: Date.now(),
      id: crypto.randomUUID(),
    });
    try {
      await queue.add(change);
    } catch (error) {
      say(message("StorageOff"));
      return; // nothing was kept: the words stay in the form
    }
    if (form.dataset.draftKey) {
      try { localStorage.removeItem(DRAFTS + form.dataset.draftKey); } catch (error) { /* blocked */ }
    }
    if (form.dataset.offlineNext) location.assign(form.dataset.offlineNext);
    else await show(viewer);
  });
}

export async function start(body) {
  queue = await import(`./queue.js${version}`);
  status = document.querySelector("[data-offline-status]");
  const viewer = body.dataset.viewer || "";
  const shared = body.dataset.shared === "1";
  const known = readDevice();
  const online = navigator.onLine;
  const maxAge = Number(body.dataset.offlineDays || 0) * 86400000;

  // This page says someone else, or no one, is signed in. It may be an old copy shown
  // because the network failed (the phone still thinks it is online): forget only once
  // the server itself says so, never on a copy's word.
  if (online && known && (!viewer || shared || known.viewer !== viewer)) {
    const server = await whoIsSignedIn();
    if (server && (server.viewer !== known.viewer || server.shared)) await forgetDevice();
  } else if (online && shared) {
    await forgetDevice(); // a shared phone's pages are never kept: this one is fresh
  }
  if (!online && queue.expired(known, Date.now(), maxAge)) {
    // Timed out while away: forget before showing anything private.
    await forgetDevice();
    if (viewer) { location.replace("/offline"); return; }
  }
  if (!viewer || shared) return;
  if (online) writeDevice({ viewer, seen: Date.now(), idle: Number(body.dataset.idle || 0) });

  for (const form of document.querySelectorAll("form[data-offline-queue]")) queueOffline(form, viewer);
  const signOut = document.querySelector("form[data-sign-out]");
  signOut?.addEventListener("submit", (event) => {
    if (waitingNow && !window.confirm(message("SignOutWaiting", { count: String(waitingNow) }))) event.preventDefault();
  });

  await show(viewer).catch(() => say(message("StorageOff")));
  window.addEventListener("online", () => sendWaiting(viewer));
  window.addEventListener("offline", () => show(viewer));
  navigator.serviceWorker?.addEventListener("message", (event) => {
    if (event.data === "send-waiting") sendWaiting(viewer);
  });
  if (online) backgroundWork(viewer); // not awaited: the page is ready for taps now
}

// Once the page is in use: send what waits, forget withdrawn copies, keep own pages.
async function backgroundWork(viewer) {
  await sendWaiting(viewer);
  await forgetWithdrawn().catch(() => {});
  // The person's own pages, fetched again at most once a minute, or at once after a save.
  let last = 0;
  try { last = Number(localStorage.getItem(SYNCED) || 0); } catch (error) { last = 0; }
  // (A review just started has new questions to keep, for answering them offline.)
  const justSaved = document.querySelector(".kw-notice--success") || location.pathname.startsWith("/progress/assessments/");
  if (!MEMBER_PAGE.test(location.pathname) && (justSaved || Date.now() - last > SYNC_EVERY)) {
    // Noted once every page is kept: a sync cut short (the person moved on) starts again.
    if (await keepOwnPages().catch(() => false)) {
      try { localStorage.setItem(SYNCED, String(Date.now())); } catch (error) { /* blocked */ }
    }
  }
  navigator.serviceWorker?.ready.then((registration) => registration.sync?.register("kw-send")).catch(() => {});
}
