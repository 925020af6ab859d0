"""Inauthentic comments: templated, generic, coordinated, agree-reply pairs, promotional pivots.

A first, rule-based detector. Each comment gets flags and a score in [0, 1]:

* ``templated``: its text is a near copy of another comment by a different author;
* ``generic``: praise or agreement that says nothing about the article (no content word of it);
* ``agree_reply``: a generic agreement posted as a reply;
* ``coordinated``: posted within two minutes of another flagged comment;
* ``promotional``: money, links, "check my profile" and the like, off the article's topic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from factdesk.model import Comment
from factdesk.textutil import STOPWORDS

GENERIC = re.compile(
    r"\b(great|nice|awesome|amazing|informative|helpful|wonderful|excellent|good) "
    r"(article|post|read|piece|content|work|info|information|job)\b|\bthanks? (you )?for sharing\b|"
    r"\bvery informative\b|\bwell written\b|\bkeep (it )?up\b",
    re.IGNORECASE,
)
AGREE = re.compile(
    r"^\W*(i )?(totally |completely |fully |strongly )?(agree|same here|exactly|so true|this\b|\+1|100%)",
    re.IGNORECASE,
)
PROMO = re.compile(
    r"https?://|www\.|\b(check|visit) (out )?my (profile|page|channel|site|link)|\bdm me\b|\bsubscribe\b|"
    r"\bearn \$?\d|\$\d+ (a|per) (day|week|hour)|\bcrypto|\bbitcoin|\btrading bot|\bforex|\bwork(ing)? from home\b|"
    r"\bfollow me\b|\bpromo code\b|\bdiscount\b",
    re.IGNORECASE,
)
WEIGHTS = {
    "templated": 0.5,
    "generic": 0.35,
    "agree_reply": 0.25,
    "coordinated": 0.2,
    "promotional": 0.6,
}


@dataclass(frozen=True, slots=True)
class CommentScore:
    """One comment's flags and score."""

    id: str
    inauthentic_score: float
    flags: tuple[str, ...]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in STOPWORDS and len(w) > 2}


def _similar(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.7


def _time(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def score_comments(comments: Sequence[Comment], article_text: str = "") -> list[CommentScore]:
    """Flags and scores for every comment, in order."""
    topic = _words(article_text)
    flags: list[set[str]] = [set() for _ in comments]
    for i, c in enumerate(comments):
        words = _words(c.text)
        on_topic = len(words & topic) >= 2 if topic else True
        if GENERIC.search(c.text) and (not on_topic or len(words) < 12):
            flags[i].add("generic")
        if c.parent_id and AGREE.search(c.text) and len(words) < 15:
            flags[i].add("agree_reply")
        if PROMO.search(c.text):
            flags[i].add("promotional")
        for j, other in enumerate(comments):
            if j != i and (c.author or "") != (other.author or "") and _similar(c.text, other.text):
                flags[i].add("templated")
    times = [_time(c.published) for c in comments]
    for i, t in enumerate(times):
        if t is None or not flags[i]:
            continue
        for j, u in enumerate(times):
            if j != i and u is not None and flags[j] and abs((t - u).total_seconds()) <= 120:
                flags[i].add("coordinated")
    out = []
    for c, f in zip(comments, flags, strict=True):
        score = min(1.0, sum(WEIGHTS[k] for k in f))
        out.append(CommentScore(c.id, round(score, 3), tuple(sorted(f))))
    return out
