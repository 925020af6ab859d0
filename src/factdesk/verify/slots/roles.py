"""Roles: "former" against sitting for the same person and title."""

from __future__ import annotations

from factdesk.model import Claim, Facet, Finding, Passage
from factdesk.verify.slots import SlotContext


def check(ctx: SlotContext) -> list[Finding]:
    return _roles(ctx.claim, ctx.facets, ctx.passage)


def same_person(a: str, b: str) -> bool:
    return a == b or a.split()[-1] == b.split()[-1]


def _roles(claim: Claim, facets: list[Facet], passage: Passage) -> list[Finding]:
    out: list[Finding] = []
    evidence_roles = [f for f in facets if f.kind == "role"]
    for cr in claim.facets_of("role"):
        cv = cr.value
        for er in evidence_roles:
            ev = er.value
            if not same_person(cv["person"], ev["person"]) or cv["title"] != ev["title"]:
                continue
            if cv["status"] == ev["status"] or {cv["status"], ev["status"]} <= {
                "current",
                "acting",
            }:
                out.append(
                    Finding(
                        "role",
                        "supports",
                        f"the evidence also calls {ev['person']} \u201c{er.text}\u201d",
                        cr.text,
                        er.text,
                        passage.source_id,
                    )
                )
            elif cv["status"] == "former" and ev["status"] in {"current", "acting"}:
                detail = f"{ev['person']} was the sitting {ev['title']} (\u201c{er.text}\u201d), not a former one"
                out.append(Finding("role", "refutes", detail, cr.text, er.text, passage.source_id))
            elif cv["status"] in {"current", "acting"} and ev["status"] == "former":
                detail = f"{ev['person']} was a former {ev['title']} by then (\u201c{er.text}\u201d), not a sitting one"
                out.append(Finding("role", "refutes", detail, cr.text, er.text, passage.source_id))
    return out
