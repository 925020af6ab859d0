"""Claims that stand alone: a subject that only refers back, named from the sentences before it.

"The orbiter, the youngest in the fleet, had been on a 16-day mission" says nothing a source can
be searched or read for until "the orbiter" is Columbia. ``standalone`` gives a claim's text with
such a subject replaced by what it refers to, when the article makes that plain:

* "he" / "she", and "his" / "her" before the subject's noun, when the pronoun is linked to one
  person (``facets.link_people``);
* "the summit" when a sentence shortly before names "the Osaka summit" (the same head noun with
  a name or number in it);
* "the company", "the city", "the orbiter" when the nearest sentence before that names anything
  of that kind (an organisation, a place, a named craft or product) names exactly one.

Anything less plain stays as written. Retrieval and the checks read the standalone text
(``as_checked``); the report still quotes the article's own words, and gives the standalone form
beside them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from factdesk.model import Claim, EntityValue, Facet

__all__ = ["as_checked", "linked_person", "standalone", "was_subject"]

# How far back (in sentences) an antecedent is looked for.
WINDOW = 3
DEFINITE = {"the", "this", "that"}
# Head nouns that stand for a thing of one kind, and the entity labels that kind takes.
ORG_NOUNS = {
    "company", "firm", "bank", "lender", "group", "carrier", "airline", "club", "team",
    "agency", "network", "broadcaster", "maker", "manufacturer", "retailer",
    "studio", "union", "giant", "corporation", "conglomerate", "insurer", "startup",
    "organisation", "organization", "charity", "university", "label", "publisher",
}  # fmt: skip
PLACE_NOUNS = {
    "city", "country", "nation", "state", "town", "capital", "region", "province", "village",
    "island", "county", "kingdom", "republic",
}  # fmt: skip
THING_NOUNS = {
    "handset", "phone", "smartphone", "device", "orbiter", "shuttle", "spacecraft", "jet",
    "plane", "aircraft", "airliner", "ship", "vessel", "rig", "car", "vehicle", "rocket",
    "satellite", "telescope", "film", "movie", "album", "book", "song", "drug", "vaccine",
    "console", "tablet", "laptop",
}  # fmt: skip
LABELS = {
    **{n: {"ORG"} for n in ORG_NOUNS},
    **{n: {"GPE", "LOC"} for n in PLACE_NOUNS},
    **{n: {"ORG", "PRODUCT", "WORK_OF_ART", "FAC", ""} for n in THING_NOUNS},
}
SUBJECTS = {"nsubj", "nsubjpass"}
RESTRICTIVE = {"only", "first", "last", "next", "same", "other", "new", "former", "latest"}


def standalone(doc: Any, start: int, end: int, facets: list[Facet]) -> str | None:
    """The claim ``doc.text[start:end]`` with its back-referring subject replaced, or ``None``
    when it has none or the article does not make plain what it refers to."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 3:
        return None
    subject = _subject(span)
    if subject is None:
        return None
    found = _pronoun(subject, facets) or _definite(doc, subject)
    if found is None:
        return None
    lo, hi, name = found
    text: str = doc.text[start:end]
    return text[: lo - start] + _cased(name, lo == start) + text[hi - start :]


def as_checked(claim: Claim) -> Claim:
    """The claim as retrieval and the checks read it: its standalone text, each facet placed
    on its own words there (found in order, as whole words); a pronoun the text replaced
    becomes the person it stands for, and a facet whose words the text no longer holds goes.
    Offsets stay relative to ``claim.start``, as the checks read them."""
    if not claim.standalone or claim.standalone == claim.text:
        return claim
    new = claim.standalone
    facets: list[Facet] = []
    at = 0
    for f in sorted(claim.facets, key=lambda f: (f.start, f.end)):
        found = _word(new, f.text, at) or _word(new, f.text, 0)
        if found is not None:
            lo, hi = found
            facets.append(replace(f, start=claim.start + lo, end=claim.start + hi))
            at = lo
            continue
        if f.kind == "person" and isinstance(f.value, EntityValue) and f.value.refers_to:
            name = f.value.refers_to
            place = _word(new, name, 0)
            if place is not None:
                value = EntityValue("PERSON", name, name)
                start, end = claim.start + place[0], claim.start + place[1]
                facets.append(Facet("person", name, start, end, value))
    facets.sort(key=lambda f: (f.start, f.end, f.kind))
    return replace(claim, text=new, end=claim.start + len(new), facets=tuple(facets))


def _word(text: str, words: str, start: int) -> tuple[int, int] | None:
    """Where ``words`` stand in ``text`` as whole words ("He" is not in "Henry"), from
    ``start``."""
    m = re.compile(rf"(?<![\w]){re.escape(words)}(?![\w])").search(text, start)
    return (m.start(), m.end()) if m else None


def _subject(span: Any) -> Any:
    """The clause's subject when it opens the clause (after a conjunction or adverb at most)."""
    opening = [t for t in span[:4] if not t.is_punct and t.pos_ not in {"CCONJ", "ADV", "SCONJ"}]
    for token in span:
        if token.dep_ in SUBJECTS and token.head.i < span.end and opening:
            if token.left_edge.i == opening[0].i or token.i == opening[0].i:
                return token
            return None
    return None


def _pronoun(subject: Any, facets: list[Facet]) -> tuple[int, int, str] | None:
    """ "He" / "she" as a subject, or "his" / "her" before it, linked to one person."""
    token = subject
    possessive = False
    if token.pos_ != "PRON":
        owners = [c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"]
        if not owners:
            return None
        token, possessive = owners[0], True
    if token.lower_ not in ({"his", "her"} if possessive else {"he", "she"}):
        return None
    person = linked_person(token, facets)
    if person is None:
        return None
    return token.idx, token.idx + len(token.text), person + ("'s" if possessive else "")


def linked_person(token: Any, facets: list[Facet]) -> str | None:
    """The person a pronoun token is linked to (``facets.link_people``), when that person was a
    subject just before and nothing in view says otherwise (``was_subject``)."""
    for f in facets:
        if (
            f.kind == "person"
            and f.start == token.idx
            and isinstance(f.value, EntityValue)
            and f.value.label == "PRONOUN"
            and f.value.refers_to
        ):
            return f.value.refers_to if was_subject(token, f.value.refers_to) else None
    return None


# People named by what they do, not by name: a pronoun after one may be theirs.
UNNAMED = {
    "spokeswoman", "spokesman", "spokesperson", "official", "officials", "lawyer", "attorney",
    "aide", "source", "sources", "police", "officer", "prosecutor", "prosecutors", "witness",
    "judge", "colleague", "friend", "wife", "husband", "daughter", "son", "mother", "father",
    "sister", "brother", "woman", "man", "spokesmen", "spokeswomen", "representative",
}  # fmt: skip
_FEMALE = {"she", "her", "hers", "herself", "ms", "mrs", "miss"}
_MALE = {"he", "him", "his", "himself", "mr"}


def was_subject(token: Any, person: str) -> bool:
    """The person a pronoun is linked to was a subject in its sentence or the one before, and
    nothing in view says otherwise: "He" after "Nobody had done it since Carl Lewis" is not
    Lewis; "She" after "John Smith was charged, a police spokeswoman said" is the spokeswoman;
    "she" is not a person the window calls "he"."""
    last = person.split()[-1]
    sentences = [token.sent, *_sentences_before(token.doc, token.sent, 1)]
    seen = [t for sent in sentences for t in sent if t.i < token.i]
    if any(t.lower_ in UNNAMED and t.dep_ in SUBJECTS for t in seen):
        return False
    other = _MALE if token.lower_ in _FEMALE else _FEMALE
    if any(t.lower_.rstrip(".") in other for t in seen):
        return False
    for t in seen:
        if t.text != last:
            continue
        head = t
        while head.dep_ in {"compound", "flat", "appos"} and head.head is not head:
            head = head.head
        if head.dep_ in SUBJECTS:
            return True
    return False


def _definite(doc: Any, subject: Any) -> tuple[int, int, str] | None:
    """ "The summit" / "the company" resolved from the sentences just before."""
    if subject.pos_ != "NOUN" or subject.ent_type_:
        return None
    dets = [c for c in subject.children if c.dep_ == "det" and c.lower_ in DEFINITE]
    before_head = [c for c in subject.children if c.i < subject.i]
    if (
        not dets
        or any(
            c.pos_ == "PROPN" or c.ent_type_ or c.dep_ in {"poss", "nummod"} or c.tag_ == "JJS"
            for c in before_head
        )
        or any(t.lower_ in RESTRICTIVE for t in doc[dets[0].i : subject.i])
        or any(c.dep_ == "prep" for c in subject.children if c.i > subject.i)
    ):
        return None  # "the only carrier in the US", "the first company": a description, not a back-reference
    lo, hi = dets[0].idx, subject.idx + len(subject.text)
    before = _sentences_before(doc, subject.sent, WINDOW)
    lemma = subject.lemma_.lower()
    for sent in before:  # nearest first
        for chunk in reversed(list(sent.noun_chunks)):
            if chunk.root.lemma_.lower() == lemma and any(
                t.pos_ in {"PROPN", "NUM"} or t.ent_type_ for t in chunk if t.i != chunk.root.i
            ):
                words = chunk.text
                first = chunk[0].lower_
                if first in {"a", "an", "the", "this", "that"}:
                    words = "the " + chunk[1:].text
                return lo, hi, words
    labels = LABELS.get(lemma)
    if not labels:
        return None
    for sent in before:
        names = _candidates(sent, labels)
        if len(names) == 1 and all(names.values()):
            return lo, hi, next(iter(names))
        if names:
            return None  # two or more of that kind, or one the sentence only cites: not plain
    return None


def _candidates(sent: Any, labels: set[str]) -> dict[str, bool]:
    """The things of those kinds the sentence names, each with whether it is a subject there.
    One named thing that is a subject is plain; one cited ("spoke to Reuters") is not."""
    found: dict[str, bool] = {}
    for e in sent.ents:
        if e.label_ in labels:
            name = e.text.removeprefix("the ").removeprefix("The ")
            found[name] = found.get(name, False) or _is_subject(e.root)
    if "" in labels:  # named things spaCy leaves unlabelled ("iPhone")
        for chunk in sent.noun_chunks:
            root = chunk.root
            if root.pos_ == "PROPN" and not root.ent_type_:
                name = " ".join(t.text for t in chunk if t.pos_ == "PROPN")
                found[name] = found.get(name, False) or _is_subject(root)
    return {n: subject for n, subject in found.items() if n}


def _is_subject(token: Any) -> bool:
    while token.dep_ in {"compound", "flat", "appos", "conj"} and token.head is not token:
        token = token.head
    return token.dep_ in SUBJECTS


def _sentences_before(doc: Any, sent: Any, n: int) -> list[Any]:
    out: list[Any] = []
    at = sent.start
    while at > 0 and len(out) < n:
        previous = doc[at - 1].sent
        out.append(previous)
        at = previous.start
    return out


def _cased(name: str, first: bool) -> str:
    return name[:1].upper() + name[1:] if first else name
