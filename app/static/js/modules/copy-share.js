// Copy and Share buttons, for recovery codes and invites. Each starts hidden and is shown
// only where the phone can do it; without JavaScript the words are still on the page.
function say(button, message) {
  const status = document.getElementById(button.dataset.status);
  if (status) status.textContent = message;
}

export function start(button, name) {
  const text = () => {
    const source = button.dataset.copyFrom ? document.getElementById(button.dataset.copyFrom) : null;
    return source ? source.innerText.trim() : button.dataset.text || "";
  };
  if (name === "share") {
    if (!navigator.share) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.share({ title: button.dataset.title || "", text: text(), url: button.dataset.url || undefined })
        .catch(() => { /* they closed the share sheet: nothing to say */ });
    });
    return;
  }
  if (!navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text());
      say(button, button.dataset.copied);
    } catch (error) {
      say(button, button.dataset.failed);
    }
  });
}
