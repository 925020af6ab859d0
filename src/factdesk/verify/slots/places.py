"""Places: where the same event happened; a person's name is never read as a place."""

from __future__ import annotations

from typing import Any

from factdesk.model import Claim, Facet, Finding, Passage
from factdesk.verify.sentence import content_lemmas
from factdesk.verify.slots import SlotContext


def check(ctx: SlotContext) -> list[Finding]:
    return _places(ctx.claim, ctx.facets, ctx.same_event, ctx.passage)


def _places(claim: Claim, facets: list[Facet], same_event: Any, passage: Passage) -> list[Finding]:
    # A name that is a person's anywhere on either side is never read as a place ("Warnock").
    people = {
        w.lower()
        for f in [*claim.facets_of("person"), *(f for f in facets if f.kind == "person")]
        for w in str(f.value.get("refers_to") or f.value.get("name") or "").split()
        if w[:1].isupper()
    }

    def place(f: Facet) -> bool:
        return not {w.lower() for w in str(f.value["name"]).split()} & people

    claim_places = [f for f in claim.facets_of("place") if place(f)]
    if not claim_places:
        return []
    place_words = frozenset(w for f in claim_places for w in content_lemmas(f.text))
    evidence_places = [
        f for f in facets if f.kind == "place" and place(f) and same_event(f, place_words)
    ]
    if not evidence_places:
        return []
    names_c = {f.value["name"].lower() for f in claim_places}
    names_e = {f.value["name"].lower() for f in evidence_places}
    if any(a in b or b in a for a in names_c for b in names_e):
        return [
            Finding(
                "place",
                "supports",
                "the evidence names the same place",
                sorted(names_c),
                sorted(names_e),
                passage.source_id,
            )
        ]
    detail = f"the evidence places it in {', '.join(f.text for f in evidence_places)}, not {', '.join(f.text for f in claim_places)}"
    return [
        Finding(
            "place",
            "refutes",
            detail,
            [f.text for f in claim_places],
            [f.text for f in evidence_places],
            passage.source_id,
            ((claim_places[0].text, evidence_places[0].text),),
            evidence_places[0].start,
        )
    ]
