"""Dates: the claim's date against the date the evidence gives the same event ("launched on
December 25, 2021"); plans and forecasts are compared only with plans and forecasts."""

from __future__ import annotations

from datetime import date
from typing import Any

from factdesk.model import Claim, Facet, Finding, Passage
from factdesk.verify.events import (
    ahead,
    anchor,
    claim_anchor,
    other_event,
    planned,
    span,
    value_context,
    widened,
)
from factdesk.verify.sentence import published_date, sentence_of
from factdesk.verify.slots import SlotContext


def check(ctx: SlotContext) -> list[Finding]:
    return _dates(ctx.claim, ctx.facets, ctx.same_event, ctx.passage, ctx.claim_date)


def _overlaps(a: list[str], b: list[str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _dates(
    claim: Claim,
    facets: list[Facet],
    same_event: Any,
    passage: Passage,
    claim_date: date | None = None,
) -> list[Finding]:
    out: list[Finding] = []
    claim_times = [f for f in claim.facets_of("time") if f.value.get("interval")]
    # A plan ("plans to release ... in 2020", "will go on sale next year") and a happening are
    # different events, and plans change: the one never refutes the other.
    # A date after the statement was made is a plan or a forecast too ("growth coming back in
    # 2020"), whatever the verb.
    published = published_date(passage)
    candidates = [f for f in facets if f.kind == "time" and f.value.get("interval")]
    for ct in claim_times:
        plan = planned(claim.facets) or (ahead(ct, claim_date) and not claim_anchor(claim, ct).past)
        evidence_times = [
            f
            for f in candidates
            if same_event(f)
            and (
                planned(facets, sentence_of(passage.text, f.start))
                or (ahead(f, published) and not anchor(passage.text, f.start, f.end).past)
            )
            == plan
        ]
        if ct.value["granularity"] in {"open_range", "years", "decade"} or not evidence_times:
            continue
        ci = ct.value["interval"]
        mine = claim_anchor(claim, ct)
        same = [
            et
            for et in evidence_times
            if not other_event(mine, anchor(passage.text, et.start, et.end))
        ]
        agreeing = [
            et for et in same if _overlaps(widened(ct, ci), widened(et, et.value["interval"]))
        ]
        if agreeing:
            out.append(
                Finding(
                    "date",
                    "supports",
                    f"the evidence also dates it {span(agreeing[0])}",
                    span(ct),
                    span(agreeing[0]),
                    passage.source_id,
                )
            )
            continue
        same.sort(key=lambda et: -value_context(claim.text, ct, passage.text, et))
        precise = [
            et
            for et in same
            if et.value["granularity"]
            in {"day", "part_of_month", "month", "year", "season", "quarter"}
        ]
        if precise:
            et = precise[0]
            detail = f"the evidence dates it {span(et)} (\u201c{et.text}\u201d), not {span(ct)} (\u201c{ct.text}\u201d)"
            out.append(
                Finding(
                    "date",
                    "refutes",
                    detail,
                    span(ct),
                    span(et),
                    passage.source_id,
                    ((ct.text, et.text),),
                    et.start,
                )
            )
    return out
