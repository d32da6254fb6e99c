/* Push reminders. The payload carries only the page to open and the kind of reminder,
   unless the person chose to show what it is about on their lock screen. */
const PUSH_TITLE = {{ _("Keepwell: you have a reminder") | tojson }};
// Discreet mode: nothing on the lock screen names Keepwell, not even its icon.
const PUSH_TITLE_DISCREET = {{ _("You have a reminder") | tojson }};
const PUSH_ICON = {{ asset_url("icons/icon-192.png") | tojson }};

function localPath(value) {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

self.addEventListener("push", (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = {}; }
  const kind = typeof data.kind === "string" ? data.kind.slice(0, 40) : "reminder";
  const discreet = data.discreet === true;
  const title = typeof data.title === "string" && data.title ? data.title : (discreet ? PUSH_TITLE_DISCREET : PUSH_TITLE);
  const options = {
    body: typeof data.body === "string" ? data.body : "",
    icon: discreet ? undefined : PUSH_ICON,
    tag: "keepwell-" + kind,  // a newer reminder of the same kind replaces the older one
    data: { url: localPath(data.url) },
    // Someone asked for help: stay on screen until seen, and sound again if repeated.
    requireInteraction: kind === "help_alert",
    renotify: kind === "help_alert",
  };
  event.waitUntil(self.registration.showNotification(title, options));
});

async function focusQuietly(client) {
  try { return await client.focus(); } catch (error) { return client; }
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(localPath(event.notification.data && event.notification.data.url), self.location.origin).href;
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    const same = windows.find((client) => client.url === target);
    if (same) return focusQuietly(same);
    const open = windows.find((client) => "navigate" in client);
    if (open) {
      try {
        const moved = await open.navigate(target);
        return focusQuietly(moved || open);
      } catch (error) { /* not ours to move: open a new window below */ }
    }
    return self.clients.openWindow(target);
  })());
});
