"""Quotes: the same words attributed to another named speaker."""

from __future__ import annotations

import re

from factdesk.claims.facets import PRONOUNS
from factdesk.model import Claim, Facet, Finding, Passage
from factdesk.verify.slots import SlotContext
from factdesk.verify.slots.roles import same_person


def check(ctx: SlotContext) -> list[Finding]:
    return _quotes(ctx.claim, ctx.facets, ctx.passage)


def _named(speaker: object) -> bool:
    """A speaker given by name ("Bruce Boudreau"), not a pronoun or a description ("he")."""
    words = str(speaker or "").split()
    return bool(words) and all(w[:1].isupper() for w in words) and words[0].lower() not in PRONOUNS


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _quotes(claim: Claim, facets: list[Facet], passage: Passage) -> list[Finding]:
    out: list[Finding] = []
    for cq in claim.facets_of("quote"):
        qw = _words(cq.value["quote"])
        for eq in (f for f in facets if f.kind == "quote"):
            ew = _words(eq.value["quote"])
            if not qw or len(qw & ew) / len(qw | ew) < 0.6:
                continue
            cs, es = cq.value.get("speaker"), eq.value.get("speaker")
            if _named(cs) and _named(es) and not same_person(str(cs), str(es)):
                out.append(
                    Finding(
                        "quote",
                        "refutes",
                        f"the evidence attributes these words to {es}, not {cs}",
                        cs,
                        es,
                        passage.source_id,
                    )
                )
            else:
                out.append(
                    Finding(
                        "quote",
                        "supports",
                        "the evidence carries the same words",
                        cq.text,
                        eq.text,
                        passage.source_id,
                    )
                )
    return out
