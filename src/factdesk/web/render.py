"""Pages from templates (Jinja2, autoescaped: everything from an article is untrusted), and
the shapes the templates read: an article cut into marked and unmarked runs per paragraph."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2

_QUOTED = re.compile(r"\u201c(.+?)\u201d")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of article text; ``claim`` is the claim it belongs to, or None."""

    text: str
    claim: dict[str, Any] | None = None
    mark: str | None = None  # the CSS class of a marked stretch without a claim


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("factdesk.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["http_only"] = http_only
    return env


def page(name: str, **values: Any) -> str:
    """The template ``name`` filled with ``values``."""
    return environment().get_template(name).render(**values)


def http_only(url: Any) -> str | None:
    """``url`` when it is an http(s) link, else None (a ``javascript:`` link is no link)."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url
    return None


Span = tuple[int, int, dict[str, Any] | None, str | None]


def paragraphs(text: str, spans: Sequence[Span]) -> list[list[Run]]:
    """``text`` as paragraphs (split at blank lines) of runs, the ``(start, end, claim, mark)``
    spans marked; a span overlapping an earlier one, or past the end, is left unmarked."""
    runs: list[Run] = []
    at = 0
    for start, end, claim, mark in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < at or end > len(text) or start >= end:
            continue
        runs.append(Run(text[at:start]))
        runs.append(Run(text[start:end], claim, mark))
        at = end
    runs.append(Run(text[at:]))
    out: list[list[Run]] = [[]]
    for run in runs:
        for i, part in enumerate(run.text.split("\n\n")):
            if i:
                out.append([])
            if part:
                out[-1].append(Run(part, run.claim, run.mark))
    return [p for p in out if any(r.text.strip() for r in p)]


def claim_paragraphs(report: dict[str, Any]) -> list[list[Run]]:
    """The article of ``report`` with each claim marked."""
    spans: list[Span] = [(c["span"][0], c["span"][1], c, None) for c in report["claims"]]
    return paragraphs(report["article"]["text"], spans)


def comparisons(report: dict[str, Any], compared: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each other article: its text with the sentences that contradict this article's
    claims marked, and those contradictions."""
    claims = {c["id"]: c for c in report["claims"]}
    out = []
    for other in compared:
        names = {other.get("url"), other.get("title"), other.get("source")}
        found = [
            c
            for c in report["contradictions"]
            if c["kind"] == "cross_source" and c.get("other_source") in names
        ]
        spans: list[Span] = []
        for c in found:
            quoted = _QUOTED.search(c["explanation"])
            said = quoted.group(1) if quoted else ""
            at = other["text"].find(said) if said else -1
            if at >= 0:
                spans.append((at, at + len(said), None, "contradicts"))
        out.append(
            {
                "title": other.get("title") or other.get("url") or "the other article",
                "url": other.get("url"),
                "published": other.get("published"),
                "paragraphs": paragraphs(other["text"], spans),
                "contradictions": [
                    {**c, "claims": [claims[i] for i in c["claim_ids"] if i in claims]}
                    for c in found
                ],
            }
        )
    return out
