"""The text to speak, written for the ear: no URLs, dates said as words ("25 December 2021"),
verdicts and confidences as sentences."""

from __future__ import annotations

import re
from datetime import date

from factdesk.model import Article, Report, VerdictLabel

VERDICTS: dict[VerdictLabel, str] = {
    "supported": "supported",
    "refuted": "refuted",
    "conflicting": "disputed: the sources disagree",
    "not_enough_evidence": "not enough evidence",
}
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:T[\d:.+\-Z]*)?\b")


def say_date(match: re.Match[str]) -> str:
    try:
        d = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return match.group(0)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def for_the_ear(text: str) -> str:
    """Text as it should be spoken: URLs dropped, ISO dates as words, quotes and ellipses
    that engines read oddly removed, white space collapsed."""
    text = _URL.sub("", text)
    text = _ISO.sub(say_date, text)
    text = re.sub(r"[\u201c\u201d\u2018\u2019\"]", "", text).replace("\u2026", "...")
    return " ".join(text.split())


def spoken_article(article: Article) -> list[str]:
    """The article as lines to speak: title, byline, date, then its paragraphs."""
    lines = [article.title or "Untitled article."]
    if article.authors:
        lines.append("By " + ", ".join(article.authors) + ".")
    if article.published:
        lines.append(f"Published {article.published[:10]}.")
    lines += [p for p in article.text.split("\n") if p.strip()]
    return [s for s in (for_the_ear(line) for line in lines) if s]


def spoken_report(report: Report) -> list[str]:
    """The report as lines to speak: the headline, each claim with its verdict and why, the
    contradictions and the comment flags."""
    lines = [
        f"Fact check of: {report.article.title or 'an untitled article'}.",
        report.headline(),
    ]
    for n, r in enumerate(report.results, start=1):
        c, v = r.claim, r.verdict
        lines.append(
            f"Claim {n}: {c.text.rstrip('.')}. Verdict: {VERDICTS[v.label]}, "
            f"with {round(round(v.confidence, 4) * 100)} percent confidence."
        )
        lines.append(v.rationale)
    for contradiction in report.contradictions:
        lines.append(f"The article contradicts itself: {contradiction.explanation}")
    count = len(report.article.comments)
    if count:
        flagged = sum(1 for s in report.comments.items if s.flags)
        lines.append(
            f"Of {count} comments, {flagged} look machine-written or coordinated."
            if flagged
            else f"None of the {count} comments looks machine-written or coordinated."
        )
    return [t for t in (for_the_ear(line) for line in lines) if t]
