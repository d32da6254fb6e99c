// "Watch in BSL": captions on as soon as the video is opened. They are not the track's
// default in the HTML, because a default track loads with the page, before anyone asks.
export function start(details) {
  details.addEventListener("toggle", () => {
    if (!details.open) return;
    for (const track of details.querySelector("video").textTracks) {
      if (track.kind === "captions" && track.mode !== "showing") track.mode = "showing";
    }
  });
}
