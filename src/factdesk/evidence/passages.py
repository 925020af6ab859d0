"""Cutting documents into passages: windows of whole sentences, small enough for entailment."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factdesk.textutil import split_sentences

MAX_WORDS = 80
TARGET_WORDS = 45
MAX_SENTENCES = 3
_WORD_RE = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Span:
    """A passage's place in its document: ``text == document.text[start:end]``; ``parse``: its
    spaCy parse as bytes when made at ingest (read back at check time instead of parsing)."""

    start: int
    end: int
    text: str
    parse: bytes | None = field(default=None, compare=False, repr=False)


def _pieces(text: str) -> list[tuple[int, int]]:
    """Sentences, with sentences over MAX_WORDS cut at word boundaries."""
    out: list[tuple[int, int]] = []
    for start, end in split_sentences(text):
        words = [(start + m.start(), start + m.end()) for m in _WORD_RE.finditer(text[start:end])]
        if len(words) <= MAX_WORDS:
            out.append((start, end))
            continue
        for i in range(0, len(words), MAX_WORDS):
            group = words[i : i + MAX_WORDS]
            out.append((group[0][0], group[-1][1]))
    return out


def make_passages(text: str) -> list[Span]:
    """Group consecutive sentences into passages of about TARGET_WORDS words (at most
    MAX_SENTENCES sentences); paragraphs are not crossed."""
    spans: list[Span] = []
    group: list[tuple[int, int]] = []
    words = 0

    def flush() -> None:
        nonlocal group, words
        if group:
            start, end = group[0][0], group[-1][1]
            spans.append(Span(start, end, text[start:end]))
        group, words = [], 0

    for start, end in _pieces(text):
        count = len(text[start:end].split())
        crosses_paragraph = bool(group) and "\n" in text[group[-1][1] : start]
        if group and (
            crosses_paragraph or words + count > MAX_WORDS or len(group) >= MAX_SENTENCES
        ):
            flush()
        group.append((start, end))
        words += count
        if words >= TARGET_WORDS:
            flush()
    flush()
    return spans
