// Listen: read the page's main content aloud with the browser's own speech synthesis,
// in the page's language, sentence by sentence, the sentence being read highlighted.
// Nothing leaves the device. The controls stay hidden (the page unchanged) where the
// browser has no voice for the page's language.

const BLOCKS = "h1, h2, h3, h4, p, li, dt, dd, th, td, legend, caption, label";

function pageLanguage() {
  return (document.documentElement.lang || "en").toLowerCase();
}

function voiceFor(language) {
  const primary = language.split("-")[0];
  const voices = window.speechSynthesis.getVoices();
  return (
    voices.find((voice) => voice.lang.toLowerCase() === language) ||
    voices.find((voice) => voice.lang.toLowerCase().split(/[-_]/)[0] === primary) ||
    null
  );
}

function shown(element) {
  return !element.closest("[hidden], .kw-listen, .kw-visually-hidden, [aria-hidden='true']") &&
    element.getClientRects().length > 0;
}

// Each readable block, innermost only (a list item's paragraph, not the item twice).
function blocks(main) {
  return [...main.querySelectorAll(BLOCKS)].filter(
    (element) => shown(element) && !element.querySelector(BLOCKS) && element.textContent.trim()
  );
}

// The sentences of one block, each with the DOM range it covers, for the highlight.
function sentences(block, language) {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement && node.parentElement.closest(".kw-visually-hidden")) continue;
    nodes.push({ node, start: text.length });
    text += node.data;
  }
  const pieces = [];
  if ("Segmenter" in Intl) {
    const segmenter = new Intl.Segmenter(language, { granularity: "sentence" });
    for (const part of segmenter.segment(text)) pieces.push({ start: part.index, text: part.segment });
  } else {
    pieces.push({ start: 0, text });
  }
  return pieces
    .filter((piece) => piece.text.trim())
    .map((piece) => ({ block, text: piece.text.trim(), range: rangeFor(nodes, piece.start, piece.start + piece.text.length) }));
}

function rangeFor(nodes, start, end) {
  const range = document.createRange();
  const place = (offset, setter) => {
    for (let i = nodes.length - 1; i >= 0; i -= 1) {
      if (nodes[i].start <= offset) {
        range[setter](nodes[i].node, Math.min(offset - nodes[i].start, nodes[i].node.data.length));
        return;
      }
    }
  };
  if (!nodes.length) return null;
  place(start, "setStart");
  place(end, "setEnd");
  return range;
}

function highlight(item) {
  document.querySelectorAll(".kw-listen-current").forEach((element) => element.classList.remove("kw-listen-current"));
  if (window.CSS && CSS.highlights) CSS.highlights.delete("kw-listen");
  if (!item) return;
  item.block.classList.add("kw-listen-current");
  if (window.CSS && CSS.highlights && item.range && typeof Highlight === "function") {
    CSS.highlights.set("kw-listen", new Highlight(item.range));
  }
}

export function start(controls) {
  if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance !== "function") return;
  const synth = window.speechSynthesis;
  const language = pageLanguage();
  const [listen, pause, stop] = ["listen", "pause", "stop"].map((name) =>
    controls.querySelector(`[data-listen="${name}"]`)
  );
  const main = document.getElementById("maincontent");
  let queue = [];
  let position = 0;
  let paused = false;

  const show = (state) => {
    listen.hidden = state !== "idle";
    pause.hidden = state === "idle";
    stop.hidden = state === "idle";
    pause.textContent = paused ? pause.dataset.resume : pause.dataset.pause;
    pause.setAttribute("aria-pressed", paused ? "true" : "false");
  };

  const finish = () => {
    synth.cancel();
    queue = [];
    paused = false;
    highlight(null);
    show("idle");
  };

  const speakNext = () => {
    if (position >= queue.length) {
      finish();
      return;
    }
    const item = queue[position];
    const utterance = new SpeechSynthesisUtterance(item.text);
    utterance.lang = language;
    const voice = voiceFor(language);
    if (voice) utterance.voice = voice;
    utterance.onend = () => {
      if (queue[position] !== item) return; // stopped, or started again
      position += 1;
      speakNext();
    };
    highlight(item);
    synth.speak(utterance);
  };

  listen.addEventListener("click", () => {
    synth.cancel();
    queue = blocks(main).flatMap((block) => sentences(block, language));
    position = 0;
    paused = false;
    show("speaking");
    speakNext();
  });
  pause.addEventListener("click", () => {
    paused = !paused;
    if (paused) synth.pause();
    else synth.resume();
    show("speaking");
  });
  stop.addEventListener("click", () => {
    finish();
    listen.focus();
  });

  // Voices can arrive after the page: show the controls once one speaks this language.
  const offer = () => {
    if (voiceFor(language)) {
      controls.hidden = false;
      show("idle");
    }
  };
  offer();
  if (controls.hidden && "addEventListener" in synth) synth.addEventListener("voiceschanged", offer);
  window.addEventListener("pagehide", () => synth.cancel());
}
