// A confirmation ("Saved") or an alert is in the page when it loads, so a screen reader
// would not announce it as a live region. Move focus to the first one instead (as GOV.UK
// does with its notification banners); an error summary, if there is one, goes first.
export function start(notice) {
  if (document.querySelector(".kw-error-summary")) return;
  if (notice !== document.querySelector("[data-module='notice']")) return;
  notice.setAttribute("tabindex", "-1");
  notice.addEventListener("blur", () => notice.removeAttribute("tabindex"), { once: true });
  notice.focus();
}
