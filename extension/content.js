/* factdesk extension: the content script, put into a page only when the reader asks for a check.
 *
 * It sends the page as the reader sees it (its HTML now, after the page's scripts ran, and its
 * URL) to the reader's factdesk server through the service worker, shows the check's progress,
 * then shows the results in the page: each claim highlighted in place in its verdict's colour
 * (a popover on click: verdict, confidence, rationale, cited passages), a summary panel, the
 * comment section's flagged comments marked, and "Listen" controls.
 *
 * Privacy: everything is drawn inside one element's closed shadow root, over the page rather
 * than into it: the page's own DOM is not changed, and its scripts can neither reach the shadow
 * root nor read the results (this script runs in the extension's isolated world). Text from the
 * page or the server is only ever set as text, links only when they are http(s).
 */
(function () {
  "use strict";
  if (globalThis.factdeskContent) return; // injected again: the first copy answers
  globalThis.factdeskContent = true;

  const LABELS = {
    supported: "Supported",
    refuted: "Refuted",
    conflicting: "Conflicting",
    not_enough_evidence: "Not enough evidence",
  };
  const CSS = `
:host { all: initial; }
.layer { position: absolute; left: 0; top: 0; width: 0; height: 0; }
.hl { position: absolute; cursor: pointer; pointer-events: auto; border-radius: 2px;
  mix-blend-mode: multiply; border-bottom: 2px solid var(--c); background: var(--bg); }
.hl:focus { outline: 2px solid #1a73e8; }
.supported { --c: #1b7f3b; --bg: rgba(27,127,59,.18); }
.refuted { --c: #b3261e; --bg: rgba(179,38,30,.20); }
.conflicting { --c: #a05a00; --bg: rgba(160,90,0,.20); }
.not_enough_evidence { --c: #5f6368; --bg: rgba(95,99,104,.14); }
.cmark { position: absolute; pointer-events: none; outline: 2px dashed #b3261e; border-radius: 3px;
  background: rgba(252,232,230,.35); }
.cbadge { position: absolute; pointer-events: auto; width: max-content; max-width: 320px; background: #fce8e6; color: #7a1a14;
  font: 12px/1.35 system-ui, sans-serif; border: 1px solid #b3261e; border-radius: 4px; padding: 2px 6px; }
.cbadge ul { margin: 2px 0 0 14px; padding: 0; }
.panel, .popover { font: 14px/1.45 system-ui, sans-serif; color: #202124; background: #fff;
  border: 1px solid #c4c7c5; border-radius: 8px; box-shadow: 0 4px 18px rgba(0,0,0,.18); }
.panel { position: fixed; top: 12px; right: 12px; width: 340px; max-height: 80vh; overflow: auto;
  padding: 10px 12px; pointer-events: auto; }
.panel h2 { font: 600 15px system-ui, sans-serif; margin: 0 0 6px; display: flex; justify-content: space-between; }
.panel button, .popover button { font: 13px system-ui, sans-serif; cursor: pointer; }
.close { border: 0; background: none; font-size: 18px !important; line-height: 1; }
.progress { margin: 4px 0; padding-left: 18px; color: #5f6368; }
.headline { font-weight: 600; margin: 6px 0; }
.counts span { display: inline-block; margin: 2px 6px 2px 0; padding: 0 6px; border-radius: 10px;
  border: 1px solid var(--c); background: var(--bg); }
.small { color: #5f6368; font-size: 12px; }
.error { color: #b3261e; }
.listen { margin-top: 8px; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.popover { position: absolute; width: 420px; max-width: 90vw; padding: 10px 12px; pointer-events: auto; }
.popover .close { float: right; }
.popover .verdict { font-weight: 700; color: var(--c); }
.popover blockquote { margin: 6px 0; padding-left: 8px; border-left: 3px solid #dadce0; }
.popover ul { padding-left: 18px; margin: 6px 0; }
.popover li { margin: 6px 0; }
.stance { font-variant: small-caps; font-weight: 600; }
.stance.supports { color: #1b7f3b; } .stance.refutes { color: #b3261e; }
a { color: #1a73e8; }
`;

  let host = null;
  let shadow = null;
  let ui = null;
  const state = { job: null, report: null, marks: [], comments: [], audio: null, observing: false };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
      else node.setAttribute(k, v);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function link(url, text) {
    if (typeof url === "string" && /^https?:\/\//i.test(url)) {
      return el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, text);
    }
    return document.createTextNode(text);
  }

  function ask(message) {
    return chrome.runtime.sendMessage(message).then((answer) => {
      if (!answer || !answer.ok) throw new Error((answer && answer.error) || "no answer");
      return answer.data;
    });
  }

  /** The host element and its closed shadow root, made anew for each check. */
  function makeUi() {
    if (host) host.remove();
    host = document.createElement("factdesk-check");
    host.style.cssText = "all: initial; position: absolute; left: 0; top: 0; width: 0; height: 0; " +
      "z-index: 2147483647; display: block; pointer-events: none;";
    shadow = host.attachShadow({ mode: "closed" });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
    const layer = el("div", { class: "layer" });
    const body = el("div", { class: "body" });
    const panel = el("section", { class: "panel", role: "region", "aria-label": "factdesk fact check" },
      el("h2", {}, "factdesk fact check",
        el("button", { class: "close", title: "Close", "aria-label": "Close", on: { click: closeAll } }, "×")),
      body);
    shadow.append(layer, panel);
    document.documentElement.append(host);
    ui = { layer, panel, body, popover: null };
  }

  function closeAll() {
    stopAudio();
    if (host) host.remove();
    host = shadow = ui = null;
    state.marks = [];
    state.comments = [];
  }

  function status(text, cls) {
    ui.body.replaceChildren(el("p", { class: "status " + (cls || "") }, text));
  }

  /* ---- the check ------------------------------------------------------------------------- */

  async function check() {
    if (host) host.remove(); // not part of the page sent
    const html = "<!DOCTYPE html>\n" + document.documentElement.outerHTML;
    makeUi();
    status("Sending the page to your factdesk server…");
    try {
      const job = await ask({ op: "start", html, url: location.href });
      state.job = job.id;
      const progress = el("ol", { class: "progress" });
      ui.body.replaceChildren(el("p", { class: "status" }, "Checking…"), progress);
      let info = job;
      while (info.state === "queued" || info.state === "running") {
        progress.replaceChildren(...info.progress.map((line) => el("li", {}, line)));
        if (info.state === "queued" && info.position) {
          ui.body.firstChild.textContent = `Waiting: ${info.position} checks ahead.`;
        }
        await new Promise((r) => setTimeout(r, 600));
        info = await ask({ op: "job", id: job.id });
      }
      if (info.state === "failed") throw new Error(info.error || "the check failed");
      state.report = await ask({ op: "report", id: job.id });
      show(state.report);
    } catch (e) {
      if (ui) status(`The check did not run: ${e.message}`, "error");
    }
  }

  /* ---- results in the page --------------------------------------------------------------- */

  function show(report) {
    const idx = factdeskMapper.index(document.body || document.documentElement, host);
    const placed = factdeskMapper.placeAll(idx, report.claims.map((c) => c.text));
    state.marks = [];
    const missing = [];
    report.claims.forEach((claim, i) => {
      if (placed[i].range) state.marks.push({ claim, range: placed[i].range, how: placed[i].how });
      else missing.push({ claim, reason: placed[i].reason });
    });
    state.comments = [];
    for (const item of report.comments.items) {
      if (!item.flags || !item.flags.length) continue;
      const found = factdeskMapper.placeWhole(idx, item.text);
      state.comments.push({ item, range: found.range });
    }
    summary(report, missing);
    layout();
    if (!state.observing) { // the page reflows: draw again where the words are now
      state.observing = true;
      new ResizeObserver(() => requestAnimationFrame(layout)).observe(document.body || document.documentElement);
      window.addEventListener("resize", () => requestAnimationFrame(layout));
    }
  }

  function summary(report, missing) {
    const s = report.summary;
    const counts = el("div", { class: "counts" });
    for (const [k, v] of Object.entries(s.verdict_counts)) {
      counts.append(el("span", { class: k, "data-verdict": k }, `${LABELS[k]}: ${v}`));
    }
    const parts = [
      el("p", { class: "headline" }, s.headline),
      counts,
      el("p", { class: "small placed" },
        `${report.claims.length - missing.length} of ${report.claims.length} claims highlighted in the page` +
        (missing.length ? `; ${missing.length} could not be placed:` : ".")),
    ];
    if (missing.length) {
      parts.push(el("ul", { class: "small missing" }, ...missing.map((m) =>
        el("li", {}, `“${m.claim.text.slice(0, 120)}” (${LABELS[m.claim.verdict]}): ${m.reason}`))));
    }
    const flagged = state.comments.length;
    if (report.comments.count) {
      parts.push(el("p", { class: "small comments" },
        `${report.comments.count} comments, ${flagged} flagged: they look machine-written or coordinated` +
        (flagged ? `, ${state.comments.filter((c) => c.range).length} marked in the page.` : ".")));
    }
    const listenStatus = el("span", { class: "small listen-status", "data-state": "idle" });
    parts.push(el("div", { class: "listen" },
      el("button", { class: "listen-article", on: { click: () => listen("article", listenStatus) } }, "▶ Listen to the article"),
      el("button", { class: "listen-report", on: { click: () => listen("report", listenStatus) } }, "▶ Listen to the fact-check"),
      listenStatus));
    for (const note of report.notes || []) parts.push(el("p", { class: "small" }, note));
    ui.body.replaceChildren(...parts);
  }

  function boxes(range) {
    const out = [];
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      out.push({ left: r.left + window.scrollX, top: r.top + window.scrollY, width: r.width, height: r.height });
    }
    return out;
  }

  function place(node, box) {
    node.style.left = `${box.left}px`;
    node.style.top = `${box.top}px`;
    if (box.width !== undefined) node.style.width = `${box.width}px`;
    if (box.height !== undefined) node.style.height = `${box.height}px`;
  }

  /** Draw the highlights and comment marks where their text is now. */
  function layout() {
    if (!ui) return;
    const layer = ui.layer;
    layer.replaceChildren();
    for (const mark of state.marks) {
      const c = mark.claim;
      const label = `${LABELS[c.verdict]} (${Math.round(c.confidence * 100)}%): ${c.text}`;
      for (const box of boxes(mark.range)) {
        const node = el("div", {
          class: `hl ${c.verdict}`, role: "button", tabindex: "0", "aria-label": label,
          "data-claim": c.id, "data-verdict": c.verdict,
          on: { click: (e) => popover(c, e), keydown: (e) => { if (e.key === "Enter") popover(c, e); } },
        });
        place(node, box);
        layer.append(node);
      }
    }
    for (const { item, range } of state.comments) {
      if (!range) continue;
      const rects = boxes(range);
      if (!rects.length) continue;
      const left = Math.min(...rects.map((r) => r.left)) - 3;
      const top = Math.min(...rects.map((r) => r.top)) - 3;
      const right = Math.max(...rects.map((r) => r.left + r.width)) + 3;
      const bottom = Math.max(...rects.map((r) => r.top + r.height)) + 3;
      const outline = el("div", { class: "cmark", "data-comment": item.id });
      place(outline, { left, top, width: right - left, height: bottom - top });
      const reasons = (item.reasons || []).map((r) => el("li", {}, r));
      const badge = el("div", { class: "cbadge", "data-comment": item.id },
        `⚑ looks machine-written or coordinated, ${Math.round(item.inauthentic_score * 100)}%: ${item.flags.join(", ")}`,
        reasons.length ? el("ul", {}, ...reasons) : null);
      // Beside the comment where the page leaves room, else under it.
      const room = document.documentElement.scrollWidth - right > 330;
      place(badge, room ? { left: right + 6, top } : { left, top: bottom + 2 });
      layer.append(outline, badge);
    }
  }

  function popover(claim, event) {
    event.stopPropagation();
    if (ui.popover) ui.popover.remove();
    const cited = claim.evidence.filter((e) => e.stance !== "neutral").slice(0, 3);
    const list = cited.length
      ? el("ul", { class: "passages" }, ...cited.map((e) => el("li", {},
        el("span", { class: `stance ${e.stance}` }, e.stance), " ",
        link(e.url, e.title || e.source_id),
        e.published ? el("span", { class: "small date" }, ` · ${e.published.slice(0, 10)}`) : null,
        el("blockquote", {}, e.passage))))
      : el("p", { class: "small" }, claim.evidence.length
        ? `${claim.evidence.length} passages found, none for or against.`
        : "No passage found about it.");
    const pop = el("div", { class: `popover ${claim.verdict}`, role: "dialog", "data-claim": claim.id },
      el("div", {},
        el("span", { class: "verdict" }, LABELS[claim.verdict]),
        el("span", { class: "small" }, ` · ${Math.round(claim.confidence * 100)}% confidence · ${claim.id}`),
        el("button", { class: "close", title: "Close", on: { click: () => pop.remove() } }, "×")),
      el("blockquote", { class: "claim" }, claim.text),
      ...(claim.standalone && claim.standalone !== claim.text
        ? [el("p", { class: "small" }, `Checked as: ${claim.standalone}`)]
        : []),
      el("p", { class: "rationale" }, claim.rationale),
      list);
    const box = event.currentTarget.getBoundingClientRect();
    place(pop, {
      left: Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + window.innerWidth - 440)),
      top: box.bottom + window.scrollY + 6,
    });
    ui.layer.append(pop);
    ui.popover = pop;
  }

  /* ---- listening --------------------------------------------------------------------------- */

  function stopAudio() {
    if (state.audio) {
      clearInterval(state.audio.timer);
      try { state.audio.source.stop(); } catch (e) { /* already stopped */ }
      state.audio.context.close();
      state.audio = null;
    }
  }

  const clock = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

  async function listen(what, out) {
    const was = state.audio && state.audio.what;
    stopAudio();
    if (was === what) {
      out.textContent = "Stopped.";
      out.dataset.state = "stopped";
      return;
    }
    const name = what === "article" ? "the article" : "the fact-check";
    out.textContent = `Preparing ${name} read aloud…`;
    out.dataset.state = "loading";
    try {
      const b64 = await ask({ op: "audio", id: state.job, what });
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const context = new AudioContext();
      const buffer = await context.decodeAudioData(bytes.buffer);
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(context.destination);
      const began = context.currentTime;
      source.start();
      const audio = { what, context, source, timer: 0 };
      const tick = () => {
        out.textContent = `Playing ${name} (${clock(context.currentTime - began)} of ${clock(buffer.duration)})`;
        out.dataset.state = "playing";
        out.dataset.position = String(context.currentTime - began);
        out.dataset.duration = String(buffer.duration);
      };
      audio.timer = setInterval(tick, 250);
      source.onended = () => {
        if (state.audio !== audio) return;
        stopAudio();
        out.textContent = "Done.";
        out.dataset.state = "done";
      };
      state.audio = audio;
      tick();
    } catch (e) {
      out.textContent = `No audio: ${e.message}`;
      out.dataset.state = "error";
    }
  }

  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && ui && ui.popover) {
      ui.popover.remove();
      ui.popover = null;
    }
  });

  chrome.runtime.onMessage.addListener((message, sender) => {
    if (sender.id === chrome.runtime.id && message && message.op === "check") check();
    return false;
  });
})();
