// "Use where I am now": asks the browser for the person's position only when they tap,
// puts it in the search form's hidden lat/lon fields and searches. Nothing is sent
// anywhere else. Words come from data-* attributes, so they are in the page's language.
export function start(holder) {
  const form = holder.closest("form");
  const lat = holder.querySelector("input[name=lat]");
  const lon = holder.querySelector("input[name=lon]");
  const status = holder.querySelector("[role=status]");
  if (!form || !lat || !lon || !("geolocation" in navigator)) return;

  const button = document.createElement("button");
  button.type = "button";
  button.className = "kw-button kw-button--secondary kw-near-me";
  button.textContent = holder.dataset.label;
  holder.prepend(button);
  if (lat.value && lon.value && status) status.textContent = holder.dataset.found;

  // Typing a place means "search there", not "where I was".
  const place = form.querySelector("input[name=place]");
  if (place) {
    place.addEventListener("input", () => { lat.value = ""; lon.value = ""; if (status) status.textContent = ""; });
  }

  button.addEventListener("click", () => {
    button.disabled = true;
    if (status) status.textContent = holder.dataset.busy;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        lat.value = position.coords.latitude.toFixed(4);
        lon.value = position.coords.longitude.toFixed(4);
        if (place) place.value = "";
        form.submit();
      },
      () => {
        button.disabled = false;
        if (status) status.textContent = holder.dataset.failed;
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  });
}
