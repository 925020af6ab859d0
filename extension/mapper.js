/* factdesk mapper: find a claim's text among the page's own text nodes.
 *
 * The claim comes from the text factdesk extracted (whitespace tidied, blocks joined by blank
 * lines); the page has the same words spread over text nodes, inline tags, other whitespace,
 * curly or straight quotes, one dash or another. Both sides are folded the same way (no
 * whitespace, one quote, one dash, NFKC, lower case, no combining marks) and the claim is looked
 * for in the page's folded text, each folded character remembering the text node and offset it
 * came from; a match becomes a DOM Range. The extractor's own markup (a table's "|", a list item's
 * "- ") is left out of the claim. When the whole claim is not there, its start and end
 * are looked for near each other (a word dropped or added in between): "approximate".
 *
 * Used by the extension's content script and, the same file, by
 * benchmarks/extension_placement.py. Defines globalThis.factdeskMapper (in a content script that
 * is the extension's own isolated world, which page scripts cannot see).
 */
(function (root) {
  "use strict";

  const SKIP = new Set([
    "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "SELECT", "OPTION", "HEAD",
    "TITLE", "IFRAME", "OBJECT", "CANVAS", "svg", "math",
  ]);
  const QUOTES = "\"'‘’‚‛“”„‟′″‹›«»`´＂＇";
  const DASHES = "-‐‑‒–—―−﹘﹣－";
  const DROP = /[\s|\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]|\p{M}/u;
  const MARKUP = /^\s*(?:[-*•#>]+\s+)+/;
  const ANCHOR = 40; // folded characters looked for at each end of a claim not found whole

  /** The folded form of one code point: "" (dropped), or one or more characters. */
  function fold(ch) {
    if (DROP.test(ch)) return "";
    if (QUOTES.includes(ch)) return '"';
    if (DASHES.includes(ch)) return "-";
    if (ch.charCodeAt(0) < 128) return ch.toLowerCase();
    let out = "";
    for (const c of ch.normalize("NFKD")) {
      if (DROP.test(c)) continue;
      out += QUOTES.includes(c) ? '"' : DASHES.includes(c) ? "-" : c.toLowerCase();
    }
    return out;
  }

  /** ``text`` folded (for a claim). */
  function foldText(text) {
    let out = "";
    for (const ch of text) out += fold(ch);
    return out;
  }

  function skipped(node, skip) {
    for (let el = node.parentNode; el; el = el.parentNode) {
      if (el === skip) return true;
      if (el.nodeType === 1 && SKIP.has(el.tagName)) return true;
    }
    return false;
  }

  /**
   * The folded text of ``rootNode``'s text nodes, each folded character's node and offset.
   * ``skip``: an element left out (the extension's own).
   */
  function index(rootNode, skip) {
    const doc = rootNode.ownerDocument || rootNode;
    const walker = doc.createTreeWalker(rootNode, 4 /* NodeFilter.SHOW_TEXT */);
    const nodes = [];
    const parts = [];
    let nodeOf = [];
    let offsetOf = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (skipped(node, skip)) continue;
      const data = node.data;
      const n = nodes.length;
      let folded = "";
      let at = 0;
      for (const ch of data) {
        const f = fold(ch);
        for (let i = 0; i < f.length; i++) {
          nodeOf.push(n);
          offsetOf.push(at);
        }
        folded += f;
        at += ch.length;
      }
      if (folded) {
        nodes.push(node);
        parts.push(folded);
      }
    }
    return {
      text: parts.join(""),
      nodes,
      nodeOf: Int32Array.from(nodeOf),
      offsetOf: Int32Array.from(offsetOf),
    };
  }

  /** A DOM Range over folded characters [start, end) of ``idx``. */
  function rangeOf(idx, start, end) {
    const doc = idx.nodes[0].ownerDocument;
    const range = doc.createRange();
    const first = idx.nodes[idx.nodeOf[start]];
    const last = idx.nodes[idx.nodeOf[end - 1]];
    const lastAt = idx.offsetOf[end - 1];
    const code = last.data.charCodeAt(lastAt);
    range.setStart(first, idx.offsetOf[start]);
    range.setEnd(last, lastAt + (code >= 0xd800 && code < 0xdc00 ? 2 : 1));
    return range;
  }

  function visible(range) {
    const rects = range.getClientRects();
    for (const r of rects) if (r.width > 0 && r.height > 0) return true;
    return false;
  }

  function occurrences(text, needle, from, limit) {
    const found = [];
    for (let at = text.indexOf(needle, from); at >= 0 && found.length < limit;
      at = text.indexOf(needle, at + 1)) {
      found.push(at);
    }
    return found;
  }

  /** The best of candidate [start, end) spans: visible, at or after ``cursor``, first. */
  function best(idx, spans, cursor) {
    let fallback = null;
    const ranked = spans.filter((s) => s[0] >= cursor).concat(spans.filter((s) => s[0] < cursor));
    for (const [start, end] of ranked) {
      const range = rangeOf(idx, start, end);
      if (visible(range)) return { start, end, range };
      if (!fallback) fallback = { start, end, range };
    }
    return fallback;
  }

  /**
   * Place one claim: ``{range, start, end, how: "exact" | "approximate"}``, or
   * ``{range: null, reason}`` saying why it could not be placed.
   */
  function place(idx, claimText, cursor = 0) {
    // A list item's "- " and a heading's "# " are the extractor's, not the page's.
    const needle = foldText(claimText.replace(MARKUP, ""));
    if (!needle) return { range: null, reason: "the claim has no text" };
    if (!idx.text) return { range: null, reason: "the page has no text" };
    const whole = occurrences(idx.text, needle, 0, 50).map((s) => [s, s + needle.length]);
    if (whole.length) return { ...best(idx, whole, cursor), how: "exact" };
    // Not whole: its start and its end, near each other (within half the claim's length).
    const k = Math.min(ANCHOR, Math.floor(needle.length / 2));
    if (k < 8) return { range: null, reason: "a short claim not in the page's text" };
    const head = needle.slice(0, k);
    const tail = needle.slice(needle.length - k);
    const heads = occurrences(idx.text, head, 0, 50);
    const spans = [];
    for (const h of heads) {
      const lo = h + Math.floor(needle.length * 0.5) - k;
      const hi = h + Math.ceil(needle.length * 1.5);
      for (let t = idx.text.indexOf(tail, Math.max(lo, h + k)); t >= 0 && t + k <= hi;
        t = idx.text.indexOf(tail, t + 1)) {
        spans.push([h, t + k]);
        break;
      }
    }
    if (spans.length) return { ...best(idx, spans, cursor), how: "approximate" };
    const tails = occurrences(idx.text, tail, 0, 1).length;
    let reason;
    if (heads.length && tails) reason = "its start and end are in the page, far apart";
    else if (heads.length) reason = "its start is in the page, its end is not";
    else if (tails) reason = "its end is in the page, its start is not";
    else reason = "neither its start nor its end is in the page's text";
    return { range: null, reason };
  }

  /**
   * Place a text that stands alone in the page (a comment): of its occurrences, the first
   * that is the whole text of an element (so a reply quoting it is passed over); else as
   * ``place`` does.
   */
  function placeWhole(idx, text) {
    const needle = foldText(text.replace(MARKUP, ""));
    if (!needle || !idx.text) return place(idx, text);
    for (const start of occurrences(idx.text, needle, 0, 50)) {
      const range = rangeOf(idx, start, start + needle.length);
      let node = range.commonAncestorContainer;
      if (node.nodeType !== 1) node = node.parentNode;
      if (node && foldText(node.textContent || "") === needle) {
        return { range, start, end: start + needle.length, how: "exact" };
      }
    }
    return place(idx, text);
  }

  /** Place each of ``texts`` (in article order): one result each, as ``place`` gives. */
  function placeAll(idx, texts) {
    let cursor = 0;
    return texts.map((text) => {
      const found = place(idx, text, cursor);
      if (found.range) cursor = found.end;
      return found;
    });
  }

  root.factdeskMapper = { fold, foldText, index, place, placeAll, placeWhole, rangeOf };
})(globalThis);
