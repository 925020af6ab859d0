"""Roles: "former" against sitting for the same person and title; and another title of a kind
one person holds one of at a time ("chief financial officer" against "chief executive")."""

from __future__ import annotations

import re
from datetime import date

from factdesk.model import Claim, Facet, Finding, Passage
from factdesk.verify.sentence import published_date
from factdesk.verify.slots import SlotContext


def check(ctx: SlotContext) -> list[Finding]:
    out = _roles(ctx.claim, ctx.facets, ctx.passage)
    if out or not ctx.profile.on("other_title"):
        return out
    return _other_title(
        ctx.claim, ctx.facets, ctx.passage, ctx.claim_date, ctx.profile.role_stale_days
    )


# Titles of one kind, of which one person holds one at a time: a company's chief officers, a
# military rank, a government's posts. Titles of different kinds are held together ("chairman
# and chief executive", "senator and candidate") and never compared.
_KINDS = [
    {"chief executive", "chief financial officer", "chief operating officer"},
    {"general", "admiral"},
    {"chief of staff", "secretary of state", "attorney general"},
]
_SAME = {"ceo": "chief executive", "chief executive officer": "chief executive", "cfo":
         "chief financial officer", "coo": "chief operating officer"}  # fmt: skip


def _kind(title: str) -> int | None:
    title = _SAME.get(title, title)
    return next((i for i, k in enumerate(_KINDS) if title in k), None)


def _other_title(
    claim: Claim, facets: list[Facet], passage: Passage, claim_date: date | None, days: int
) -> list[Finding]:
    """The passage gives the claim's person, by full name, another title of the same kind with
    the same standing (both sitting or both former), and nowhere the claim's own title, and it
    was written within ``days`` of the claim: "Lehman's chief financial officer, Richard Fuld"
    against "led by chairman and chief executive Richard Fuld"."""
    published = published_date(passage)
    if claim_date and published and abs((published - claim_date).days) > days:
        return []
    out: list[Finding] = []
    for cr in claim.facets_of("role"):
        cv = cr.value
        mine = _SAME.get(str(cv["title"]), str(cv["title"]))
        kind = _kind(mine)
        if kind is None or len(str(cv["person"]).split()) < 2:
            continue
        if re.search(rf"\b{re.escape(mine)}\b", passage.text, re.I) or re.search(
            rf"\b{re.escape(str(cv['title']))}\b", passage.text, re.I
        ):
            continue  # the passage gives the claim's title too: titles held together
        for er in facets:
            if er.kind != "role" or er.value["person"] != cv["person"]:
                continue
            theirs = _SAME.get(str(er.value["title"]), str(er.value["title"]))
            standing = {cv["status"], er.value["status"]}
            if (
                theirs == mine
                or theirs in mine
                or mine in theirs  # "secretary" of "secretary of state": the same post
                or _kind(theirs) != kind
                or not (standing <= {"current", "acting"} or standing == {"former"})
            ):
                continue
            detail = (
                f"the evidence calls {er.value['person']} \u201c{er.text}\u201d, not {cv['title']}"
            )
            out.append(Finding("role", "refutes", detail, cr.text, er.text, passage.source_id))
            break
    return out


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
