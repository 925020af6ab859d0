"""Numbers: an amount with its unit and kind against the amount the evidence gives the same
event, within the number tolerance (2%, 10% when approximate)."""

from __future__ import annotations

from typing import Any

from factdesk.claims.numbers import NUMBER_TOLERANCE, same_amount
from factdesk.model import Claim, Facet, Finding, Passage
from factdesk.verify.events import anchor, claim_anchor, other_event, planned, value_context
from factdesk.verify.sentence import sentence_of
from factdesk.verify.slots import SlotContext


def check(ctx: SlotContext) -> list[Finding]:
    return _numbers(ctx.claim, ctx.facets, ctx.same_event, ctx.passage)


def _numbers(claim: Claim, facets: list[Facet], same_event: Any, passage: Passage) -> list[Finding]:
    out: list[Finding] = []
    for cn in claim.facets_of("number"):
        cv = cn.value
        if cv["kind"] == "count" and cv.get("unit") is None:
            continue  # a bare count ("18 segments") has no unit to match on
        mine = claim_anchor(claim, cn)
        # Values the claim gives itself ("$139 (originally $159)") are no rival to each other.
        own = [
            f.value["value"]
            for f in claim.facets_of("number")
            if f is not cn and f.value.get("unit") == cv.get("unit")
        ]
        plan = planned(claim.facets)
        rivals = [
            f
            for f in facets
            if f.kind == "number"
            and f.value["kind"] == cv["kind"]
            and f.value.get("unit") == cv.get("unit")
            and same_event(f)
            and not any(
                abs(f.value["value"] - v) <= NUMBER_TOLERANCE * max(abs(v), 1e-9) for v in own
            )
            and planned(facets, sentence_of(passage.text, f.start)) == plan
            # Percentages and money are said of many events in one story; a count of fans or a
            # length in metres names its own thing.
            and not (
                cv["kind"] in {"percent", "money"}
                and other_event(mine, anchor(passage.text, f.start, f.end))
            )
        ]
        if not rivals:
            continue
        approximate = bool(cv.get("approximate") or any(r.value.get("approximate") for r in rivals))
        close = [
            r for r in rivals if same_amount(r.value["value"], cv["value"], approximate=approximate)
        ]
        rivals.sort(key=lambda r: -value_context(claim.text, cn, passage.text, r))
        close = [r for r in rivals if r in close]
        if close:
            out.append(
                Finding(
                    "number",
                    "supports",
                    f"the evidence also gives {close[0].text}",
                    cn.text,
                    close[0].text,
                    passage.source_id,
                )
            )
        else:
            r = rivals[0]
            out.append(
                Finding(
                    "number",
                    "refutes",
                    f"the evidence gives {r.text}, not {cn.text}",
                    cn.text,
                    r.text,
                    passage.source_id,
                    ((cn.text, r.text),),
                    r.start,
                )
            )
    return out
