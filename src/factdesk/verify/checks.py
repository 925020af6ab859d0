"""Structured checks: a date, number, place, role or quote in the claim set against the same
slot in evidence about the same event.

Entailment models miss a wrong year or "former" for a sitting official; these checks catch such
differences and say what differs. "The same event" means the evidence sentence holding the
value shares content words (event verbs, names, nouns) with the claim beyond the value itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from factdesk.claims import analyse
from factdesk.claims.facets import PRONOUNS
from factdesk.claims.nlp import parse, parse_many
from factdesk.claims.numbers import NUMBER_TOLERANCE, same_amount
from factdesk.model import Claim, Facet, Finding, Passage
from factdesk.textutil import split_sentences
from factdesk.verify.places import disjoint
from factdesk.verify.restated import restated

MIN_SHARED = 2  # content words shared with the claim for a sentence to be about the same event

Confirm = Callable[[str, str, str], bool]
"""``confirm(premise, counterfactual, claim)``: does the premise (the evidence sentences) say the
counterfactual (the claim with the evidence's values), rather than the claim itself?"""


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    lemmas: frozenset[str]
    actions: frozenset[str]


_SKIP_ENTS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}


CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}
# Content lemmas of sentences read as part of a parsed passage, by sentence text: a passage's
# sentences are looked up many times (once per claim), and parsing each alone took most of a
# check's time.
_KNOWN: dict[str, frozenset[str]] = {}
_KNOWN_MOST = 50_000


def _token_lemmas(tokens: Any, pos: set[str]) -> frozenset[str]:
    return frozenset(
        t.lemma_.lower()
        for t in tokens
        if t.pos_ in pos
        and not t.is_stop
        and not t.like_num
        and t.ent_type_ not in _SKIP_ENTS
        and len(t.text) > 2
    )


def _lemmas(text: str, pos: set[str]) -> frozenset[str]:
    return _token_lemmas(parse(text), pos)


def content_lemmas(text: str) -> frozenset[str]:
    """Lemmas of the nouns, proper nouns, verbs and adjectives, without numbers and dates."""
    known = _KNOWN.get(text)
    return known if known is not None else _lemmas(text, CONTENT_POS)


def names(text: str) -> frozenset[str]:
    """Lower-cased proper nouns: what a claim is about ("webb", "nasa")."""
    return _lemmas(text, {"PROPN"})


def _named_subject(sent: Any) -> frozenset[str] | None:
    """Proper nouns of a parsed sentence's main-clause subject; None when it has no subject."""
    for child in sent.root.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return frozenset(
                t.lemma_.lower() for t in child.subtree if t.pos_ == "PROPN" and len(t.text) > 1
            )
    return None


def subject_names(text: str) -> frozenset[str]:
    """Proper nouns of the main clause's subject ("Webb orbits ..." -> {"webb"}); empty when
    the subject names nobody ("The telescope launched ...", "Its mirror is ...")."""
    for sent in parse(text).sents:
        named = _named_subject(sent)
        if named is not None:
            return named
    return frozenset()


def other_subjects(text: str, wanted: frozenset[str]) -> bool:
    """Whether a sentence of ``text`` has a main-clause subject naming someone or something
    other than ``wanted`` ("Buzz Aldrin was born ..." when the claim is about Armstrong)."""
    return any(named and not named & wanted for named in map(_named_subject, parse(text).sents))


def relevance(claim_lemmas: frozenset[str], passage_lemmas: frozenset[str]) -> float:
    """Share of the claim's content words found in the passage."""
    return len(claim_lemmas & passage_lemmas) / len(claim_lemmas) if claim_lemmas else 0.0


@lru_cache(maxsize=1024)
def _facets(text: str, published: date | None) -> tuple[Facet, ...]:
    """A passage's facets, read once however many claims it is checked against."""
    return tuple(analyse(text, published=published)[1])


def _sentences(text: str) -> list[_Sentence]:
    return list(_sentence_table(text))


@lru_cache(maxsize=2048)
def _sentence_table(text: str) -> tuple[_Sentence, ...]:
    """The passage's sentences with their lemmas, from one parse of the whole passage."""
    doc = parse(text)
    out = []
    if len(_KNOWN) > _KNOWN_MOST:
        _KNOWN.clear()
    for s, e in split_sentences(text):
        span = doc.char_span(s, e, alignment_mode="expand")
        tokens = span if span is not None else parse(text[s:e])
        content = _token_lemmas(tokens, CONTENT_POS)
        _KNOWN.setdefault(text[s:e], content)
        out.append(_Sentence(s, e, content, _token_lemmas(tokens, {"VERB", "NOUN"})))
    return tuple(out)


def read_ahead(passages: Sequence[str], pieces: Iterable[str] = ()) -> None:
    """Parse, in spaCy batches, what the checks of many claims will read: the ``passages``
    (their sentence tables from that parse) and any other ``pieces`` of them (the sentences of
    the windows the model reads) not known from those tables."""
    texts = list(dict.fromkeys(passages))
    parse_many(texts)
    for text in texts:
        _sentence_table(text)
    parse_many(p for p in pieces if p not in _KNOWN)


def _holder(sentences: list[_Sentence], facet: Facet) -> _Sentence | None:
    return next((s for s in sentences if s.start <= facet.start < s.end), None)


# Verbs that carry little of the event themselves ("took place", "was held"): an anchor on one
# of them says nothing about which event a value belongs to.
LIGHT_VERBS = {"be", "have", "take", "happen", "occur", "come", "make", "do", "get", "go"}


@dataclass(frozen=True, slots=True)
class Anchor:
    """The event a value is attached to in the parse: the first verb above it, and that verb's
    objects ("won the primary on March 4" -> win, {primary})."""

    verb: str | None
    objects: frozenset[str]
    past: bool = False  # the verb is in the past tense ("launched"): a happening, not a plan


def anchor(text: str, start: int, end: int) -> Anchor:
    """The event the value at ``text[start:end]`` belongs to."""
    doc = parse(text)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return Anchor(None, frozenset())
    token = span.root
    for _ in range(8):
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            objects = frozenset(
                c.lemma_.lower()
                for c in token.children
                if c.dep_ in {"dobj", "attr", "oprd"} and c.pos_ in {"NOUN", "PROPN"}
            )
            past = token.tag_ in {"VBD", "VBN"} or any(
                c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBN"} for c in token.children
            )
            return Anchor(token.lemma_.lower(), objects, past)
    return Anchor(None, frozenset())


def other_event(a: Anchor, b: Anchor) -> bool:
    """True when the parse shows two values belong to different events: different event verbs
    (neither a light verb), or the same verb with different objects (won the election / won the
    primary)."""
    if a.verb is None or b.verb is None:
        return False
    if a.verb != b.verb:
        return a.verb not in LIGHT_VERBS and b.verb not in LIGHT_VERBS
    return bool(a.objects and b.objects and not a.objects & b.objects)


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
    confirm: Confirm | None = None,
    claim_date: date | None = None,
    restate: bool = True,
) -> list[Finding]:
    """Findings for one claim against one passage (empty when nothing comparable).

    Args:
        claim: The claim, with its facets.
        claim_lemmas: ``content_lemmas(claim.text)``.
        passage: The evidence.
        topic: Proper nouns the claim is about ("webb"); by default the claim's own. The
            passage (with its title) must name one of them, so that a fact about Hubble is not
            compared with a claim about Webb.
        confirm: The counterfactual test of "the same event": a date, number or place that
            differs refutes only when the evidence sentence says the claim with the evidence's
            value put in its place ("... launched on December 25, 2021"); a value of another
            event in the same sentence (a primary months before a swearing-in) does not. Without
            it, sharing content words is taken as the same event.
        claim_date: When the claim was made: a date after it is a plan or a forecast, compared
            only with plans and forecasts.
        restate: Look for the claim said again with a detail changed (off between the claims
            of one article, where such sentences are lists and templates).
    """
    about_names = topic if topic is not None else names(claim.text)
    on_topic = not about_names or bool(
        about_names & (names(passage.title or "") | names(passage.text))
    )
    acts = _claim_acts(claim)
    # The claim said again with a detail changed: the same event by construction, no
    # counterfactual test needed.
    again = restated(claim, passage) if restate else []
    if not on_topic and not claim.facets_of("quote") and not acts:
        return again
    facets = list(_facets(passage.text, _published(passage)))
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
    # So is an act's doer: "Olsen endorsed Delgado" is compared with "Harlan endorsed Delgado".
    findings += _agents(acts, claim_lemmas, facets, passage)
    if on_topic:
        findings += _polarity(claim, claim_lemmas, passage)
        findings += _dates(claim, facets, same_event, passage, claim_date)
        findings += _numbers(claim, facets, same_event, passage)
        findings += _roles(claim, facets, passage)
        findings += _places(claim, facets, same_event, passage)
    return again + _confirmed(claim, findings, passage, sentences, confirm, about_names)


def _confirmed(
    claim: Claim,
    findings: list[Finding],
    passage: Passage,
    sentences: list[_Sentence],
    confirm: Confirm | None,
    about_names: frozenset[str],
) -> list[Finding]:
    """The findings, with a differing slot that fails the counterfactual test (or is a place that
    may nest) demoted to ``differs``."""
    if confirm is None:
        return findings
    slots = [f for f in findings if f.stance == "refutes" and f.kind in SLOT_KINDS]
    if not slots:
        return findings
    # All the passage's differing values put in at once ("... on December 25, 2021 ... from
    # French Guiana"), else one at a time.
    # Places nest ("Washington" is in "the US") and one story names many: a differing place
    # refutes alone only when the names cannot nest (two countries, two US states), else only
    # beside another differing detail of the same event.
    nested = [f for f in slots if f.kind == "place" and not _disjoint_places(f)]
    findings = [
        replace(f, stance="differs", detail=f"{f.detail}, but places nest") if f in nested else f
        for f in findings
    ]
    slots = [f for f in slots if f not in nested]
    if not slots:
        return findings
    participants = about_names | names(claim.text)
    if len(slots) > 1 and _counterfactual_holds(
        claim, slots, passage, sentences, confirm, participants
    ):
        confirmed = slots
    else:
        confirmed = [
            f
            for f in slots
            if _counterfactual_holds(claim, [f], passage, sentences, confirm, participants)
        ]
    return [
        f
        if f not in slots or f in confirmed
        else replace(f, stance="differs", detail=f"{f.detail}, but perhaps of another event")
        for f in findings
    ]


SLOT_KINDS = {"date", "number", "place", "agent"}


def _disjoint_places(f: Finding) -> bool:
    mine = [str(v) for v in f.claim_value or []]
    theirs = [str(v) for v in f.evidence_value or []]
    return any(disjoint(a, b) for a in mine for b in theirs)


def core_clause(text: str, start: int, end: int) -> str:
    """The clause that holds ``text[start:end]``, without the clauses joined to it: "Its mirror
    is 8.5 metres across" from "... across and is made of 18 segments"; "Coach Sara Quinn
    appointed in July 2022" from "Coach Sara Quinn, appointed in July 2022, has won ...".
    The whole text when the parse shows no verb above the value."""
    doc = parse(text)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return text
    verb = span.root
    while verb.head.i != verb.i and not (
        verb.pos_ == "VERB" or (verb.pos_ == "AUX" and verb.dep_ == "ROOT")
    ):
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return text
    inside = set(range(span.start, span.end))

    def keep(token: Any) -> set[int]:
        out = {token.i}
        for child in token.children:
            cut = child.dep_ in {"conj", "cc", "advcl", "parataxis"} or (
                child.dep_ in {"relcl", "acl"} and child.pos_ == "VERB"
            )
            if cut and not inside & {t.i for t in child.subtree}:
                continue
            out |= {t.i for t in child.subtree}
        return out

    chosen = keep(verb)
    if verb.dep_ in {"acl", "relcl"}:
        chosen |= keep(verb.head) - {t.i for t in verb.subtree} | {t.i for t in verb.subtree}
    elif verb.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        subject = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        for c in subject:
            chosen |= {t.i for t in c.subtree}
    words = "".join(doc[i].text_with_ws for i in sorted(chosen))
    words = re.sub(r"\s+([.,;:])", r"\1", words).strip(" ,;:.")
    return words if len(words.split()) >= 3 else text


def counterfactual(claim: Claim, *found: Finding) -> tuple[str, str] | None:
    """The claim's clause that holds the differing values, as said (first) and with the
    evidence's values in place of the claim's ("Webb launched on December 25, 2021" for "... on
    December 24, 2022"); None when the claim's values cannot be found in it."""
    pairs = [pair for f in found for pair in f.substitutions]
    spots = [claim.text.find(old) for old, _ in pairs]
    if not pairs or any(at < 0 for at in spots):
        return None
    lo, hi = min(spots), max(at + len(old) for at, (old, _) in zip(spots, pairs, strict=True))
    clause = core_clause(claim.text, lo, hi)
    said = clause
    for old, new in pairs:
        at = said.find(old)
        if at < 0:
            return None
        said = said[:at] + new + said[at + len(old) :]
    return clause, said


def _counterfactual_holds(
    claim: Claim,
    found: list[Finding],
    passage: Passage,
    sentences: list[_Sentence],
    confirm: Confirm,
    about: frozenset[str],
) -> bool:
    made = counterfactual(claim, *found)
    if made is None or any(f.evidence_at is None for f in found):
        return False
    clause, hypothesis = made
    held = [
        next((n for n, s in enumerate(sentences) if s.start <= (f.evidence_at or 0) < s.end), None)
        for f in found
    ]
    if any(i is None for i in held):
        return False
    first, last = min(i for i in held if i is not None), max(i for i in held if i is not None)
    # The holding sentences, with the one before ("It launched ..." after "Webb ...").
    start = sentences[max(0, first - 1)].start
    premise = passage.text[start : sentences[last].end]
    # The event's participants: the sentences (or the document's title) must name someone or
    # something the claim is about, else "stopping 30 shots" meets another game's 22 saves.
    doers = all(f.kind == "agent" for f in found)  # whose names differ by design
    # The differing values themselves ("Germany" for "France") are not the participants.
    about = about - {w.lower() for f in found for old, _ in f.substitutions for w in old.split()}
    if about and not doers and not about & (names(premise) | names(passage.title or "")):
        return False
    return confirm(premise, hypothesis, clause)


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
    published = _published(passage)
    candidates = [f for f in facets if f.kind == "time" and f.value.get("interval")]
    for ct in claim_times:
        plan = _planned(claim.facets) or (
            _ahead(ct, claim_date) and not _claim_anchor(claim, ct).past
        )
        evidence_times = [
            f
            for f in candidates
            if same_event(f)
            and (
                _planned(facets, _sentence_of(passage.text, f.start))
                or (_ahead(f, published) and not anchor(passage.text, f.start, f.end).past)
            )
            == plan
        ]
        if ct.value["granularity"] in {"open_range", "years", "decade"} or not evidence_times:
            continue
        ci = ct.value["interval"]
        mine = _claim_anchor(claim, ct)
        same = [
            et
            for et in evidence_times
            if not other_event(mine, anchor(passage.text, et.start, et.end))
        ]
        agreeing = [
            et for et in same if _overlaps(_widened(ct, ci), _widened(et, et.value["interval"]))
        ]
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
        same.sort(key=lambda et: -_context(claim.text, ct, passage.text, et))
        precise = [
            et
            for et in same
            if et.value["granularity"]
            in {"day", "part_of_month", "month", "year", "season", "quarter"}
        ]
        if precise:
            et = precise[0]
            detail = f"the evidence dates it {_span(et)} (\u201c{et.text}\u201d), not {_span(ct)} (\u201c{ct.text}\u201d)"
            out.append(
                Finding(
                    "date",
                    "refutes",
                    detail,
                    _span(ct),
                    _span(et),
                    passage.source_id,
                    ((ct.text, et.text),),
                    et.start,
                )
            )
    return out


def _near(text: str, start: int, end: int, width: int = 4) -> set[str]:
    before = re.findall(r"\w+", text[max(0, start - 60) : start].lower())[-width:]
    after = re.findall(r"\w+", text[end : end + 60].lower())[:width]
    return set(before) | set(after)


def _context(claim_text: str, mine: Facet, text: str, theirs: Facet) -> int:
    """Words shared around two values: of several numbers in a sentence, the one in the claim's
    place ("to fund a $6 billion buyout" against "$6.5 billion in debt ... a $3 billion buyout")."""
    at = claim_text.find(mine.text)
    if at < 0:
        return 0
    return len(_near(claim_text, at, at + len(mine.text)) & _near(text, theirs.start, theirs.end))


def _claim_anchor(claim: Claim, facet: Facet) -> Anchor:
    """The anchor of a claim's value; claim facets hold offsets into the article."""
    start = facet.start - claim.start
    if claim.text[start : start + len(facet.text)] != facet.text:
        start = claim.text.find(facet.text)
        if start < 0:
            return Anchor(None, frozenset())
    return anchor(claim.text, start, start + len(facet.text))


PLANS = {"future", "intention", "prediction"}


def _sentence_of(text: str, at: int) -> tuple[int, int]:
    return next(
        ((s.start, s.end) for s in _sentence_table(text) if s.start <= at < s.end), (0, len(text))
    )


def _planned(
    facets: tuple[Facet, ...] | list[Facet], within: tuple[int, int] | None = None
) -> bool:
    """True when the statement is a plan, forecast or promise ("will", "plans to", "is
    expected to"), not something that happened; ``within``: only facets in that span."""
    return any(
        f.kind == "modality"
        and f.value.get("type") in PLANS
        and (within is None or within[0] <= f.start < within[1])
        for f in facets
    )


def _ahead(f: Facet, when: date | None) -> bool:
    """True when the time the facet names starts after ``when`` (the day it was written)."""
    return when is not None and date.fromisoformat(f.value["interval"][0]) > when


def _widened(f: Facet, interval: list[str]) -> list[str]:
    """A date said relative to publication ("today", "on Tuesday") is a day either way: the
    page's date may be its update, or another time zone's day."""
    if f.value.get("anchor") != "publication" or f.value.get("granularity") != "day":
        return interval
    lo, hi = date.fromisoformat(interval[0]), date.fromisoformat(interval[1])
    return [(lo - timedelta(days=1)).isoformat(), (hi + timedelta(days=1)).isoformat()]


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
        mine = _claim_anchor(claim, cn)
        # Values the claim gives itself ("$139 (originally $159)") are no rival to each other.
        own = [
            f.value["value"]
            for f in claim.facets_of("number")
            if f is not cn and f.value.get("unit") == cv.get("unit")
        ]
        plan = _planned(claim.facets)
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
            and _planned(facets, _sentence_of(passage.text, f.start)) == plan
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
        rivals.sort(key=lambda r: -_context(claim.text, cn, passage.text, r))
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


# Acts whose doer a content farm changes: who said, endorsed, praised, announced what.
AGENT_VERBS = {
    "say": "said",
    "tell": "told",
    "announce": "announced",
    "endorse": "endorsed",
    "praise": "praised",
    "back": "backed",
    "criticize": "criticized",
    "criticise": "criticised",
    "condemn": "condemned",
    "sign": "signed",
    "veto": "vetoed",
    "approve": "approved",
    "appoint": "appointed",
    "nominate": "nominated",
    "score": "scored",
    "warn": "warned",
    "confirm": "confirmed",
}
NOUN_ACTS = {
    "endorsement": "endorse",
    "backing": "back",
    "praise": "praise",
    "criticism": "criticize",
}
AGENT_OVERLAP = 0.6  # share of the claim's other content words the evidence sentence must hold


@dataclass(frozen=True, slots=True)
class _Act:
    verb: str
    agent: str  # canonical name
    agent_text: str  # as written
    at: int  # offset of the act's word


def _acts(text: str, people: list[Facet], *, offset: int = 0) -> list[_Act]:
    """Acts of AGENT_VERBS (or their nouns) whose doer is a named person or organisation.

    ``people``: person/org facets, with offsets ``offset`` ahead of ``text``'s.
    """
    doc = parse(text)
    out: list[_Act] = []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in AGENT_VERBS:
            verb, deps = lemma, {"nsubj"}
        elif token.pos_ == "NOUN" and lemma in NOUN_ACTS:
            verb, deps = NOUN_ACTS[lemma], {"poss"}
        else:
            continue
        for child in token.children:
            if child.dep_ not in deps:
                continue
            sub = list(child.subtree)
            s, e = sub[0].idx + offset, sub[-1].idx + len(sub[-1].text) + offset
            named = [f for f in people if s <= f.start < e and f.kind in {"person", "org"}]
            # The name that heads the subject ("executive Kevin Mayer" of "Walt Disney Co.
            # executive Kevin Mayer"), else a person before an organisation.
            named.sort(
                key=lambda f: (
                    not (f.start <= child.idx + offset < f.end),
                    f.kind != "person",
                )
            )
            if named and named[0].value.get("label") != "PRONOUN":
                f = named[0]
                name = str(f.value.get("refers_to") or f.value.get("name") or f.text)
                out.append(_Act(verb, name, f.text.rstrip("'’s"), token.idx + offset))
    return out


def _claim_acts(claim: Claim) -> list[_Act]:
    people = [*claim.facets_of("person"), *claim.facets_of("org")]
    return _acts(claim.text, people, offset=claim.start) if people else []


def _agents(
    mine: list[_Act], claim_lemmas: frozenset[str], facets: list[Facet], passage: Passage
) -> list[Finding]:
    """Who did it: the evidence has the claim's act (said, endorsed, ...) about the same thing
    done by someone else ("Anna Lund told analysts ...", not "Jonas Berg")."""
    if not mine:
        return []
    theirs = _acts(passage.text, [f for f in facets if f.kind in {"person", "org"}])
    sentences = split_sentences(passage.text)
    out: list[Finding] = []
    for act in mine:
        rest = claim_lemmas - {w.lower() for w in act.agent.split() + act.agent_text.split()}
        if len(rest) < 3:
            continue  # "Parise said:" says too little to tell whose words they are
        for other in (o for o in theirs if o.verb == act.verb):
            holder = next(((s, e) for s, e in sentences if s <= other.at < e), None)
            if holder is None or not rest:
                continue
            said = passage.text[holder[0] : holder[1]]
            sentence = content_lemmas(said)
            if len(rest & sentence) / len(rest) < AGENT_OVERLAP:
                continue
            if not _same_person(act.agent, other.agent) and act.agent.split()[-1] in said:
                continue  # the claim's doer is in the sentence too: no other doer to name
            if _same_person(act.agent, other.agent):
                out.append(
                    Finding(
                        "agent",
                        "supports",
                        f"the evidence also has {other.agent} as the one who {AGENT_VERBS[act.verb]} it",
                        act.agent,
                        other.agent,
                        passage.source_id,
                    )
                )
                break
            detail = f"the evidence says {other.agent} {AGENT_VERBS[act.verb]} it, not {act.agent}"
            out.append(
                Finding(
                    "agent",
                    "refutes",
                    detail,
                    act.agent,
                    other.agent,
                    passage.source_id,
                    ((act.agent_text, other.agent_text),),
                    other.at,
                )
            )
    return out


POLARITY = re.compile(r"\b(not|never|no longer)\b|n't\b", re.IGNORECASE)
SAME_STATEMENT = 0.8  # share of each side's content words the other holds: the same statement


def _pieces(text: str) -> list[str]:
    """Clauses, roughly: the parts between commas, semicolons, dashes and joining words."""
    parts = re.split(r"[,;:\u2014\u2013]\s+|\s+(?:but|and|while|although|whereas|because)\s+", text)
    return [p for p in parts if p.strip()] or [text]


def says_within(text: str, claim: str, *, at_least: int = 1) -> bool:
    """The claim's words (``at_least`` of them), in order, inside the text."""
    words = re.findall(r"\w+", claim.lower())
    return len(words) >= at_least and " ".join(words) in " ".join(re.findall(r"\w+", text.lower()))


def _polarity(claim: Claim, claim_lemmas: frozenset[str], passage: Passage) -> list[Finding]:
    """The same statement with the opposite polarity: "the bridge did not reopen" against "the
    bridge reopened", both sentences holding nearly all of each other's content words."""
    if len(claim_lemmas) < 4:
        return []
    negated = bool(POLARITY.search(claim.text))
    for s, e in split_sentences(passage.text):
        said = passage.text[s:e]
        theirs = content_lemmas(said)
        shared = len(claim_lemmas & theirs)
        if not theirs or shared / len(claim_lemmas) < SAME_STATEMENT:
            continue
        if shared / len(theirs) < SAME_STATEMENT:
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
            if _named(cs) and _named(es) and not _same_person(str(cs), str(es)):
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


def clear_caches() -> None:
    """Forget every cached parse, passage facet and sentence (for speed benchmarks)."""
    from factdesk.claims.nlp import clear_cache

    clear_cache()
    _sentence_table.cache_clear()
    _facets.cache_clear()
    _KNOWN.clear()
