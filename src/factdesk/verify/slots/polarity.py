"""Polarity: the same statement with the opposite polarity ("did not reopen" against
"reopened")."""

from __future__ import annotations

import re

from factdesk.model import Claim, Finding, Passage
from factdesk.textutil import split_sentences
from factdesk.verify.sentence import POLARITY, content_lemmas, says_within
from factdesk.verify.slots import SlotContext


def check(ctx: SlotContext) -> list[Finding]:
    return _polarity(ctx.claim, ctx.claim_lemmas, ctx.passage, ctx.profile.same_statement)


def _pieces(text: str) -> list[str]:
    """Clauses, roughly: the parts between commas, semicolons, dashes and joining words."""
    parts = re.split(r"[,;:\u2014\u2013]\s+|\s+(?:but|and|while|although|whereas|because)\s+", text)
    return [p for p in parts if p.strip()] or [text]


def _polarity(
    claim: Claim, claim_lemmas: frozenset[str], passage: Passage, same: float
) -> list[Finding]:
    """The same statement with the opposite polarity: "the bridge did not reopen" against "the
    bridge reopened", both sentences holding nearly all of each other's content words."""
    if len(claim_lemmas) < 4:
        return []
    negated = bool(POLARITY.search(claim.text))
    for s, e in split_sentences(passage.text):
        said = passage.text[s:e]
        theirs = content_lemmas(said)
        shared = len(claim_lemmas & theirs)
        if not theirs or shared / len(claim_lemmas) < same:
            continue
        if shared / len(theirs) < same:
            continue
        if says_within(said, claim.text):
            negated_there = negated
        else:
            theirs_piece = max(_pieces(said), key=lambda p: len(claim_lemmas & content_lemmas(p)))
            there = content_lemmas(theirs_piece)
            mine_piece = max(_pieces(claim.text), key=lambda p: len(there & content_lemmas(p)))
            negated = bool(POLARITY.search(mine_piece))
            negated_there = bool(POLARITY.search(theirs_piece))
        if negated_there != negated:
            return [
                Finding(
                    "negation",
                    "refutes",
                    f"the evidence says the opposite: \u201c{said.strip()}\u201d",
                    "negated" if negated else "affirmed",
                    "affirmed" if negated else "negated",
                    passage.source_id,
                )
            ]
        return [
            Finding(
                "negation",
                "supports",
                "the evidence makes the same statement",
                "negated" if negated else "affirmed",
                "negated" if negated else "affirmed",
                passage.source_id,
            )
        ]
    return []
