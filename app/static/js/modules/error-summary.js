// Move focus to the error summary so screen readers announce it, and make its links
// focus the field itself (not just scroll to it).
export function start(summary) {
  summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    if (!link) return;
    const target = document.getElementById(link.hash.slice(1));
    if (!target) return;
    event.preventDefault();
    const group = target.closest(".kw-form-group, fieldset");
    (group || target).scrollIntoView();
    target.focus({ preventScroll: true });
  });
}
