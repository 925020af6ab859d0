"""The report as Markdown, for pasting into an issue, a wiki or a newsroom chat.

Everything in it that came from the article, its comments or the evidence is text, never
markup: HTML is written as entities, Markdown's own punctuation is escaped and line breaks are
folded, so a hostile page cannot put a script, an image or a link into a rendered report. Only
http(s) URLs become links.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from factdesk.model import Report

ICONS = {"supported": "✅", "refuted": "❌", "conflicting": "⚖️", "not_enough_evidence": "❔"}
_PUNCTUATION = re.compile(r"([\\`*_\[\]])")
_LINE_START = re.compile(r"^(\d*)([#+=|.)-])")
_URL_SAFE = ":/?#@!$&*+,;=%~-._[]"


def text(value: str) -> str:
    """``value`` as inert Markdown text on one line: ``<``, ``>`` and ``&`` as entities,
    backslash, backtick, ``*``, ``_``, ``[`` and ``]`` escaped."""
    one_line = " ".join(value.split())
    html = one_line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _PUNCTUATION.sub(r"\\\1", html)


def line(value: str) -> str:
    """:func:`text` that may start a line: a leading heading, list or table mark is escaped."""
    return _LINE_START.sub(r"\1\\\2", text(value))


def web_url(url: str) -> str | None:
    """``url`` made safe for a link target when it is http(s); None for any other scheme."""
    if urlsplit(url.strip()).scheme.lower() not in ("http", "https"):
        return None
    return quote(url.strip(), safe=_URL_SAFE)


def link(label: str, url: str | None) -> str:
    """``[label](url)`` for an http(s) URL, else the label alone."""
    target = web_url(url) if url else None
    return f"[{text(label)}]({target})" if target else text(label)


def render_markdown(report: Report) -> str:
    """Markdown from the report."""
    a = report.article
    lines = [f"# Fact check: {text(a.title or '(untitled)')}", ""]
    meta = [f"Published {text(a.published)}" if a.published else "Publication date unknown"]
    if a.authors:
        meta.append("by " + ", ".join(text(name) for name in a.authors))
    if a.url:
        url = web_url(a.url)
        meta.append(f"<{url}>" if url else text(a.url))
    headline = f"**{report.headline()}** Credibility {report.credibility():.2f}."
    lines += [" · ".join(meta), "", headline, ""]
    counts = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in report.verdict_counts().items())
    lines += [f"Verdicts — {counts}.", ""]
    for note in report.notes:
        lines += [f"> {text(note)}", ""]
    lines += ["## Claims", ""]
    for r in report.results:
        c, v = r.claim, r.verdict
        lines.append(
            f"### {ICONS[v.label]} {c.id}: {v.label.replace('_', ' ')} ({round(v.confidence, 4):.0%})"
        )
        lines += ["", f"> {text(c.text)}", ""]
        if c.standalone and c.standalone != c.text:
            lines += [f"Checked as: {text(c.standalone)}", ""]
        lines += [line(v.rationale), ""]
        cited = [e for e in v.evidence if e.stance != "neutral"][:3]
        for e in cited:
            p = e.passage
            where = link(p.title or p.source_id, p.url)
            when = f", {text(p.published[:10])}" if p.published else ""
            lines.append(f"- *{e.stance}* — {where}{when}: “{text(p.text)}”")
        if cited:
            lines.append("")
    if report.contradictions:
        lines += ["## Contradictions", ""]
        lines += [f"- {text(c.explanation)}" for c in report.contradictions]
        lines.append("")
    if a.comments:
        lines += [
            "## Comments",
            "",
            f"{len(a.comments)} comments, {report.inauthentic_share():.0%} flagged: they look machine-written or coordinated "
            "(a flag says what was seen, not who wrote it).",
            "",
        ]
        if report.comments.summary:
            lines += [line(report.comments.summary), ""]
        for comment, score in report.scored_comments():
            if score.flags:
                lines.append(
                    f"- **{text(comment.author or 'anonymous')}** (looks machine-written or "
                    f"coordinated, {score.inauthentic_score:.0%} probability; "
                    f"{text(', '.join(score.flags))}): {text(comment.text)}"
                )
                lines += [f"  - {text(reason)}" for reason in score.reasons]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
