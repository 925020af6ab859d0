"""Long articles in pieces: cut at paragraph (else sentence, else word) boundaries so that each
piece parses well inside spaCy's ``max_length``, and claims found in a piece carry offsets into
the whole article.

An article up to :data:`PIECE_CHARS` characters is one piece, read exactly as before; longer
ones are cut in pieces of :data:`LONG_PIECE_CHARS` and lose only what links across a cut (a pronoun whose person was named in the previous piece,
"weeks later" after a date there).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from factdesk.budget import Budget
from factdesk.claims import DEFAULT_THRESHOLD, find_claims
from factdesk.model import Claim
from factdesk.textutil import split_sentences

PIECE_CHARS = 50_000
# A longer article is cut smaller: the budget is asked between pieces, and a piece's claims
# (about 3 s for 10,000 characters on two free cores) are the most it can overrun.
LONG_PIECE_CHARS = 10_000


def _cut(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """``[start, end)`` cut into spans of at most ``limit`` characters, at white space when
    there is some."""
    while end - start > limit:
        space = max(text.rfind(" ", start, start + limit), text.rfind("\n", start, start + limit))
        stop = space + 1 if space > start else start + limit
        yield start, stop
        start = stop
    if end > start:
        yield start, end


def _units(text: str, limit: int) -> Iterator[tuple[int, int]]:
    """Paragraphs; a paragraph over ``limit`` as its sentences; a sentence over it cut."""
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        if para.end() - para.start() <= limit:
            yield para.start(), para.end()
            continue
        last = para.start()
        for _s, e in split_sentences(para.group()):
            yield from _cut(text, last, para.start() + e, limit)
            last = para.start() + e
        yield from _cut(text, last, para.end(), limit)


def split_pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``[start, end)`` pieces of ``text`` in order: the whole text when it has at most ``limit``
    characters, else pieces of at most ``min(limit, LONG_PIECE_CHARS)``, made of whole
    paragraphs where they fit."""
    if len(text) <= limit:
        return [(0, len(text))] if text else []
    limit = min(limit, LONG_PIECE_CHARS)
    pieces: list[tuple[int, int]] = []
    start = end = -1
    for s, e in _units(text, limit):
        if start < 0:
            start = s
        elif e - start > limit:
            pieces.append((start, end))
            start = s
        end = e
    if end > start >= 0:
        pieces.append((start, end))
    return pieces


def _shift(claim: Claim, offset: int) -> Claim:
    if not offset:
        return claim
    facets = tuple(replace(f, start=f.start + offset, end=f.end + offset) for f in claim.facets)
    sentence = (claim.sentence[0] + offset, claim.sentence[1] + offset) if claim.sentence else None
    return replace(
        claim,
        start=claim.start + offset,
        end=claim.end + offset,
        facets=facets,
        sentence=sentence,
    )


def claims_of_piece(
    text: str,
    piece: tuple[int, int],
    *,
    first_id: int = 1,
    published: str | date | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Claim]:
    """The claims of ``text[start:end]``, with offsets into ``text`` and ids from
    ``c<first_id>`` on."""
    start, end = piece
    found = find_claims(text[start:end], published=published, threshold=threshold)
    return [replace(_shift(c, start), id=f"c{first_id + i}") for i, c in enumerate(found)]


def claims_within(
    text: str,
    *,
    published: str | date | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    budget: Budget | None = None,
) -> tuple[list[Claim], int]:
    """:func:`~factdesk.claims.find_claims` for a text of any length, piece by piece while the
    ``budget`` lasts (the first piece always); also how many characters were read."""
    claims: list[Claim] = []
    read = 0
    for n, piece in enumerate(split_pieces(text)):
        if n and budget is not None and budget.exceeded():
            break
        claims += claims_of_piece(
            text, piece, first_id=len(claims) + 1, published=published, threshold=threshold
        )
        read = piece[1]
    return claims, read
