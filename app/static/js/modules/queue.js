// Changes made offline, kept on this device in the order they were made until the server
// has them (IndexedDB: they survive the phone being switched off). The pure functions
// here decide what a change is and what the server's answer means; they are tested
// under Node's test runner (tests/js/queue.test.mjs).
const DATABASE = "keepwell";
const STORE = "queue";

// Fields nobody typed: never shown back as "your words".
const HIDDEN = new Set(["csrf_token", "change_id", "base_version", "entry_id", "direction", "action", "final"]);

export function newChange({ url, fields, label, viewer, next, now, id }) {
  return {
    change_id: id,
    url,
    fields: fields.filter(([name]) => name !== "csrf_token" && name !== "change_id"),
    label: label || "",
    viewer,
    next: next || "",
    created: now,
    state: "waiting",
    link: "",
  };
}

export function wordsOf(change) {
  return change.fields.filter(([name, value]) => !HIDDEN.has(name) && String(value).trim()).map(([, value]) => String(value));
}

// In the order they were made, only this person's, only those still to send.
export function toSend(changes, viewer) {
  return changes
    .filter((change) => change.viewer === viewer && change.state === "waiting")
    .sort((a, b) => a.seq - b.seq);
}

// What the server's answer to a sent change means. `answer`: status, whether the fetch
// followed a redirect, and the final address.
export function outcome({ status, redirected, url }) {
  const path = new URL(url, "http://x").pathname;
  if (status === 401 || path.startsWith("/auth/sign-in")) return "signed-out";
  if (status === 403 || status === 404) return "refused"; // access ended, or no such entry
  if (status === 400) return "retry-token"; // the page's security token: fetch a fresh one
  if (status === 409 || status === 429 || status >= 500) return "later";
  if (status === 200 && /\/conflicts\/\d+$/.test(path)) return "conflict";
  if (status === 200 && redirected) return "sent";
  if (status === 200) return "check"; // the form came back with a message to fix
  return "later";
}

export function expired(device, now, maxAgeMs) {
  if (!device || !device.viewer) return false;
  if (device.idle && now - device.seen > device.idle * 1000) return true;
  return Boolean(maxAgeMs) && now - device.seen > maxAgeMs;
}

// IndexedDB -----------------------------------------------------------------------------

function request(idbRequest) {
  return new Promise((resolve, reject) => {
    idbRequest.onsuccess = () => resolve(idbRequest.result);
    idbRequest.onerror = () => reject(idbRequest.error);
  });
}

let opened = null;

function open() {
  if (!opened) {
    opened = new Promise((resolve, reject) => {
      const opening = indexedDB.open(DATABASE, 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
      opening.onsuccess = () => {
        const db = opening.result;
        db.onversionchange = () => { db.close(); opened = null; }; // being deleted: let it go
        resolve(db);
      };
      opening.onerror = () => { opened = null; reject(opening.error); };
      opening.onblocked = () => { opened = null; reject(new Error("blocked")); };
    });
  }
  return opened;
}

async function store(mode) {
  const db = await open();
  return db.transaction(STORE, mode).objectStore(STORE);
}

export async function add(change) { return request((await store("readwrite")).add(change)); }
export async function put(change) { return request((await store("readwrite")).put(change)); }
export async function remove(seq) { return request((await store("readwrite")).delete(seq)); }
export async function all() { return request((await store("readonly")).getAll()); }

export async function forgetAll() {
  if (opened) { (await opened.catch(() => null))?.close(); opened = null; }
  await request(indexedDB.deleteDatabase(DATABASE)).catch(() => {});
}
