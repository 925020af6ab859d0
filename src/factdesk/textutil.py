"""Small text helpers shared by the stages: a fast sentence splitter with exact offsets."""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence in news text.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sen",
    "rep",
    "gov",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "st",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
    "corp",
    "vs",
    "etc",
    "no",
    "fig",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mt",
    "ft",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
    "approx",
    "dept",
    "est",
    "pres",
    "supt",
    "atty",
    "ave",
    "blvd",
}
# Function words that carry no topic: left out of search queries and word-overlap measures.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "it",
        "its",
        "that",
        "this",
        "as",
        "from",
        "has",
        "have",
        "had",
        "not",
        "but",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "who",
        "which",
        "said",
        "says",
        "i",
        "you",
        "we",
        "my",
        "your",
    ]
)

_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` offsets of the sentences in ``text``; paragraph breaks always split.

    Handles abbreviations ("Mr.", "U.S.", "Jan."), initials ("J. K. Rowling"), decimals and
    closing quotes after the full stop.
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        base = para.start()
        chunk = para.group()
        start = 0
        for match in _END_RE.finditer(chunk):
            end = match.end()
            before = chunk[start : match.start()]
            # The last word only: searching all of a long run of letters is quadratic.
            word = re.search(r"([A-Za-z.]+)$", before[-40:])
            token = word.group(1).lower().rstrip(".") if word else ""
            following = chunk[end:].lstrip()
            if match.group().startswith(".") and len(match.group().rstrip("\"'”’)]")) == 1:
                if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                    continue
                if following and (following[0].islower() or following[0].isdigit()):
                    continue
            if chunk[start:end].strip():
                spans.append(_trim(chunk, start, end, base))
            start = end
        if chunk[start:].strip():
            spans.append(_trim(chunk, start, len(chunk), base))
    return spans


def _trim(chunk: str, start: int, end: int, base: int) -> tuple[int, int]:
    while start < end and chunk[start].isspace():
        start += 1
    while end > start and chunk[end - 1].isspace():
        end -= 1
    return base + start, base + end


def without_surrogates(text: str) -> str:
    """``text`` with lone UTF-16 surrogates (JSON's ``"\\ud800"``, which no encoder or tokenizer
    takes) replaced by U+FFFD and escaped pairs joined into their character."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
