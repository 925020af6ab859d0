"""Verification: each claim judged against evidence, with structured checks and a verdict."""

from __future__ import annotations

from datetime import date

from factdesk.claims import analyse
from factdesk.model import Claim, Facet, Passage, Verdict
from factdesk.verify.nli import NLIModel, Verifier, default_verifier
from factdesk.verify.verdict import verify_claim

__all__ = [
    "NLIModel",
    "Verifier",
    "claim_from_text",
    "default_verifier",
    "verify_claim",
    "verify_text",
]


def claim_from_text(text: str, *, claim_date: date | None = None) -> Claim:
    """A Claim for a bare statement (the ``verify`` stage), with its facets."""
    _clauses, facets, _ = analyse(text, published=claim_date)
    kept: list[Facet] = list(facets)
    return Claim(
        id="c1", text=text, start=0, end=len(text), checkworthiness=1.0, facets=tuple(kept)
    )


def verify_text(
    text: str,
    passages: list[Passage],
    *,
    claim_date: date | None = None,
    verifier: Verifier | None = None,
) -> Verdict:
    """Judge a bare statement against exactly the passages given (no retrieval). Passages
    without a title are taken to be about the claim's subject (``verify_claim``'s ``given``)."""
    claim = claim_from_text(text, claim_date=claim_date)
    return verify_claim(
        claim,
        passages,
        verifier=verifier or default_verifier(),
        claim_date=claim_date,
        given=True,
    )
