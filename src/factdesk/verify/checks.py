"""Structured checks: a date, number, place, role or quote in the claim set against the same
slot in evidence about the same event.

Entailment models miss a wrong year or "former" for a sitting official; these checks catch such
differences and say what differs. "The same event" means the evidence sentence holding the
value shares content words (event verbs, names, nouns) with the claim beyond the value itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from factdesk.claims import analyse
from factdesk.claims.nlp import parse
from factdesk.model import Claim, Facet, Finding, Passage
from factdesk.textutil import split_sentences

MIN_SHARED = 2  # content words shared with the claim for a sentence to be about the same event


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    lemmas: frozenset[str]
    actions: frozenset[str]


_SKIP_ENTS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}


def _lemmas(text: str, pos: set[str]) -> frozenset[str]:
    doc = parse(text)
    return frozenset(
        t.lemma_.lower()
        for t in doc
        if t.pos_ in pos
        and not t.is_stop
        and not t.like_num
        and t.ent_type_ not in _SKIP_ENTS
        and len(t.text) > 2
    )


def content_lemmas(text: str) -> frozenset[str]:
    """Lemmas of the nouns, proper nouns, verbs and adjectives, without numbers and dates."""
    return _lemmas(text, {"NOUN", "PROPN", "VERB", "ADJ"})


def names(text: str) -> frozenset[str]:
    """Lower-cased proper nouns: what a claim is about ("webb", "nasa")."""
    return _lemmas(text, {"PROPN"})


def subject_names(text: str) -> frozenset[str]:
    """Proper nouns of the main clause's subject ("Webb orbits ..." -> {"webb"}); empty when
    the subject names nobody ("The telescope launched ...", "Its mirror is ...")."""
    doc = parse(text)
    for sent in doc.sents:
        for child in sent.root.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return frozenset(
                    t.lemma_.lower() for t in child.subtree if t.pos_ == "PROPN" and len(t.text) > 1
                )
    return frozenset()


def relevance(claim_lemmas: frozenset[str], passage_lemmas: frozenset[str]) -> float:
    """Share of the claim's content words found in the passage."""
    return len(claim_lemmas & passage_lemmas) / len(claim_lemmas) if claim_lemmas else 0.0


def _sentences(text: str) -> list[_Sentence]:
    out = []
    for s, e in split_sentences(text):
        out.append(_Sentence(s, e, content_lemmas(text[s:e]), _lemmas(text[s:e], {"VERB", "NOUN"})))
    return out


def _holder(sentences: list[_Sentence], facet: Facet) -> _Sentence | None:
    return next((s for s in sentences if s.start <= facet.start < s.end), None)


def _iso(value: Any) -> str:
    return str(value)


def _published(p: Passage) -> date | None:
    try:
        return date.fromisoformat(p.published[:10]) if p.published else None
    except ValueError:
        return None


def check_passage(
    claim: Claim,
    claim_lemmas: frozenset[str],
    passage: Passage,
    *,
    topic: frozenset[str] | None = None,
) -> list[Finding]:
    """Findings for one claim against one passage (empty when nothing comparable).

    Args:
        claim: The claim, with its facets.
        claim_lemmas: ``content_lemmas(claim.text)``.
        passage: The evidence.
        topic: Proper nouns the claim is about ("webb"); by default the claim's own. The
            passage (with its title) must name one of them, so that a fact about Hubble is not
            compared with a claim about Webb.
    """
    about_names = topic if topic is not None else names(claim.text)
    on_topic = not about_names or bool(
        about_names & names(f"{passage.title or ''}. {passage.text}")
    )
    if not on_topic and not claim.facets_of("quote"):
        return []
    _clauses, facets, _ = analyse(passage.text, published=_published(passage))
    sentences = _sentences(passage.text)
    claim_actions = _lemmas(claim.text, {"VERB", "NOUN"})
    about: dict[int, bool] = {}

    def same_event(f: Facet, exclude: frozenset[str] = frozenset()) -> bool:
        holder = _holder(sentences, f)
        if holder is None:
            return False
        key = holder.start
        if key not in about:
            # Shared words, at least one of them an action or a thing (not only names).
            wanted = claim_lemmas - exclude
            needed = min(MIN_SHARED, max(1, (len(wanted) + 1) // 2))
            about[key] = len(wanted & holder.lemmas) >= needed and bool(
                (claim_actions - exclude) & holder.actions
            )
        return about[key]

    # A quotation is its own anchor: it is compared even when the passage names someone else.
    findings: list[Finding] = _quotes(claim, facets, passage)
    if on_topic:
        findings += _dates(claim, facets, same_event, passage)
        findings += _numbers(claim, facets, same_event, passage)
        findings += _roles(claim, facets, passage)
        findings += _places(claim, facets, same_event, passage)
    return findings


def _overlaps(a: list[str], b: list[str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _dates(claim: Claim, facets: list[Facet], same_event: Any, passage: Passage) -> list[Finding]:
    out: list[Finding] = []
    claim_times = [f for f in claim.facets_of("time") if f.value.get("interval")]
    evidence_times = [
        f for f in facets if f.kind == "time" and f.value.get("interval") and same_event(f)
    ]
    for ct in claim_times:
        if ct.value["granularity"] in {"open_range", "years", "decade"} or not evidence_times:
            continue
        ci = ct.value["interval"]
        agreeing = [et for et in evidence_times if _overlaps(ci, et.value["interval"])]
        if agreeing:
            out.append(
                Finding(
                    "date",
                    "supports",
                    f"the evidence also dates it {_span(agreeing[0])}",
                    _span(ct),
                    _span(agreeing[0]),
                    passage.source_id,
                )
            )
            continue
        precise = [
            et
            for et in evidence_times
            if et.value["granularity"]
            in {"day", "part_of_month", "month", "year", "season", "quarter"}
        ]
        if precise:
            et = precise[0]
            detail = f"the evidence dates it {_span(et)} (\u201c{et.text}\u201d), not {_span(ct)} (\u201c{ct.text}\u201d)"
            out.append(Finding("date", "refutes", detail, _span(ct), _span(et), passage.source_id))
    return out


def _span(f: Facet) -> str:
    lo, hi = (str(v) for v in f.value["interval"])
    if lo == hi:
        return lo
    if lo[:7] == hi[:7] and lo.endswith("-01") and f.value["granularity"] == "month":
        return lo[:7]
    if lo[:4] == hi[:4] and lo.endswith("01-01") and hi.endswith("12-31"):
        return lo[:4]
    return f"{lo}..{hi}"


def _numbers(claim: Claim, facets: list[Facet], same_event: Any, passage: Passage) -> list[Finding]:
    out: list[Finding] = []
    for cn in claim.facets_of("number"):
        cv = cn.value
        if cv["kind"] == "count" and cv.get("unit") is None:
            continue  # a bare count ("18 segments") has no unit to match on
        rivals = [
            f
            for f in facets
            if f.kind == "number"
            and f.value["kind"] == cv["kind"]
            and f.value.get("unit") == cv.get("unit")
            and same_event(f)
        ]
        if not rivals:
            continue
        tolerance = (
            0.1
            if cv.get("approximate") or any(r.value.get("approximate") for r in rivals)
            else 0.02
        )
        close = [
            r
            for r in rivals
            if abs(r.value["value"] - cv["value"])
            <= tolerance * max(abs(cv["value"]), abs(r.value["value"]), 1e-9)
        ]
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
                )
            )
    return out


def _same_person(a: str, b: str) -> bool:
    return a == b or a.split()[-1] == b.split()[-1]


def _roles(claim: Claim, facets: list[Facet], passage: Passage) -> list[Finding]:
    out: list[Finding] = []
    evidence_roles = [f for f in facets if f.kind == "role"]
    for cr in claim.facets_of("role"):
        cv = cr.value
        for er in evidence_roles:
            ev = er.value
            if not _same_person(cv["person"], ev["person"]) or cv["title"] != ev["title"]:
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
            if cs and es and not _same_person(cs, es):
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


def _places(claim: Claim, facets: list[Facet], same_event: Any, passage: Passage) -> list[Finding]:
    claim_places = [f for f in claim.facets_of("place")]
    if not claim_places:
        return []
    place_words = frozenset(w for f in claim_places for w in content_lemmas(f.text))
    evidence_places = [f for f in facets if f.kind == "place" and same_event(f, place_words)]
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
        )
    ]
