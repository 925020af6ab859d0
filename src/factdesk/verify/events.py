"""Is a value in the evidence about the same event as the claim's? The parse (the verb a value
hangs off and its objects), the words the two sentences share, and the counterfactual test (the
evidence says the claim's own clause with the evidence's value put in)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from factdesk.claims.nlp import parse
from factdesk.model import Claim, Facet, Finding, Passage
from factdesk.verify.sentence import Sentence, names

YEAR = re.compile(r"\b(1[6-9]|20)\d\d\b")  # a year written out ("2019")

Confirm = Callable[[str, str, str], bool]
"""``confirm(premise, counterfactual, claim)``: does the premise (the evidence sentences) say the
counterfactual (the claim with the evidence's values), rather than the claim itself?"""

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


def other_verb(a: Anchor, b: Anchor) -> bool:
    """True when two values hang off different event verbs (neither a light verb)."""
    if a.verb is None or b.verb is None or a.verb == b.verb:
        return False
    return a.verb not in LIGHT_VERBS and b.verb not in LIGHT_VERBS


def other_event(a: Anchor, b: Anchor) -> bool:
    """True when the parse shows two values belong to different events: different event verbs
    (neither a light verb), or the same verb with different objects (won the election / won the
    primary)."""
    if a.verb is None or b.verb is None:
        return False
    if a.verb != b.verb:
        return other_verb(a, b)
    return bool(a.objects and b.objects and not a.objects & b.objects)


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


def counterfactual_holds(
    claim: Claim,
    found: list[Finding],
    passage: Passage,
    sentences: list[Sentence],
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


def near(text: str, start: int, end: int, width: int = 4) -> set[str]:
    before = re.findall(r"\w+", text[max(0, start - 60) : start].lower())[-width:]
    after = re.findall(r"\w+", text[end : end + 60].lower())[:width]
    return set(before) | set(after)


def value_context(claim_text: str, mine: Facet, text: str, theirs: Facet) -> int:
    """Words shared around two values: of several numbers in a sentence, the one in the claim's
    place ("to fund a $6 billion buyout" against "$6.5 billion in debt ... a $3 billion buyout")."""
    at = claim_text.find(mine.text)
    if at < 0:
        return 0
    return len(near(claim_text, at, at + len(mine.text)) & near(text, theirs.start, theirs.end))


def claim_anchor(claim: Claim, facet: Facet) -> Anchor:
    """The anchor of a claim's value; claim facets hold offsets into the article."""
    start = facet.start - claim.start
    if claim.text[start : start + len(facet.text)] != facet.text:
        start = claim.text.find(facet.text)
        if start < 0:
            return Anchor(None, frozenset())
    return anchor(claim.text, start, start + len(facet.text))


PLANS = {"future", "intention", "prediction"}


def planned(facets: tuple[Facet, ...] | list[Facet], within: tuple[int, int] | None = None) -> bool:
    """True when the statement is a plan, forecast or promise ("will", "plans to", "is
    expected to"), not something that happened; ``within``: only facets in that span."""
    return any(
        f.kind == "modality"
        and f.value.get("type") in PLANS
        and (within is None or within[0] <= f.start < within[1])
        for f in facets
    )


def ahead(f: Facet, when: date | None) -> bool:
    """True when the time the facet names starts after ``when`` (the day it was written)."""
    return when is not None and date.fromisoformat(f.value["interval"][0]) > when


def widened(f: Facet, interval: list[str]) -> list[str]:
    """A date said relative to publication ("today", "on Tuesday") is a day either way: the
    page's date may be its update, or another time zone's day."""
    if f.value.get("anchor") != "publication" or f.value.get("granularity") != "day":
        return interval
    if re.search(r"\d", f.text):
        return interval  # "on 16 September", its year from the page's: that very day
    lo, hi = date.fromisoformat(interval[0]), date.fromisoformat(interval[1])
    return [(lo - timedelta(days=1)).isoformat(), (hi + timedelta(days=1)).isoformat()]


def span(f: Facet) -> str:
    lo, hi = (str(v) for v in f.value["interval"])
    if lo == hi:
        return lo
    if lo[:7] == hi[:7] and lo.endswith("-01") and f.value["granularity"] == "month":
        return lo[:7]
    if lo[:4] == hi[:4] and lo.endswith("01-01") and hi.endswith("12-31"):
        return lo[:4]
    return f"{lo}..{hi}"


# Words for the same kind of event ("introduced" and "unveiled"; "resigned" and "stepped
# down"), to tell which of a sentence's events a value belongs to.
EVENT_CLASSES: dict[str, str] = {
    w: c
    for c, words in {
        "unveil": "unveil introduce announce present reveal debut launch show",
        "sell": "sell sale buy purchase order",
        "resign": "resign quit step leave depart retire",
        "sign": "sign ink enact",
        "elect": "elect election vote",
        "die": "die death kill perish",
        "crash": "crash accident disaster collide collision",
        "suspend": "suspend ground withdraw halt pull ban",
        "return": "return resume restart reopen",
        "found": "found establish create start",
        "file": "file lodge submit petition",
        "convict": "convict guilty verdict",
        "sentence": "sentence jail imprison",
        "arrest": "arrest detain charge",
        "appoint": "appoint name nominate hire",
        "dismiss": "dismiss fire sack oust",
    }.items()
    for w in words.split()
}


def event_class(lemma: str | None) -> str | None:
    """The kind of event a verb or noun names, when known."""
    return EVENT_CLASSES.get(lemma or "")


def claim_verbs(text: str) -> frozenset[str]:
    """Lemmas of a text's verbs."""
    return frozenset(t.lemma_.lower() for t in parse(text) if t.pos_ == "VERB")


def of_other_verb(mine: Anchor, theirs: Anchor, verbs: frozenset[str]) -> bool:
    """The evidence's value hangs off an event the claim names with another of its verbs
    ("went on sale Friday, six months after Jobs introduced it" against "Jobs unveiled the
    iPhone on 9 January"): it is that event's date, not the claim's."""
    kind = event_class(theirs.verb)
    if kind is None or event_class(mine.verb) == kind:
        return False
    return any(event_class(v) == kind for v in verbs if v != mine.verb)
