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

from dataclasses import replace
from typing import Any

from factdesk.model import Claim, EntityValue, Facet

__all__ = ["as_checked", "standalone"]

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
    """The claim as retrieval and the checks read it: its standalone text, with every facet
    after the replaced subject moved by as much as the text moved (a pronoun's facet becomes the
    name it stands for)."""
    if not claim.standalone or claim.standalone == claim.text:
        return claim
    old, new = claim.text, claim.standalone
    lo = 0
    while lo < min(len(old), len(new)) and old[lo] == new[lo]:
        lo += 1
    tail = 0
    while tail < min(len(old), len(new)) - lo and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    old_hi, new_hi = len(old) - tail, len(new) - tail
    shift = new_hi - old_hi
    facets = []
    for f in claim.facets:
        at = f.start - claim.start
        if at >= old_hi:
            facets.append(replace(f, start=f.start + shift, end=f.end + shift))
        elif f.end - claim.start <= lo or at < 0:
            facets.append(f)
        elif f.kind == "person" and isinstance(f.value, EntityValue) and f.value.refers_to:
            name = new[lo:new_hi].removesuffix("'s")
            value = EntityValue("PERSON", name, f.value.refers_to)
            facets.append(
                Facet("person", name, claim.start + lo, claim.start + lo + len(name), value)
            )
    return replace(claim, text=new, end=claim.start + len(new), facets=tuple(facets))


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
    for f in facets:
        if (
            f.kind == "person"
            and f.start == token.idx
            and isinstance(f.value, EntityValue)
            and f.value.label == "PRONOUN"
            and f.value.refers_to
            and was_subject(token, f.value.refers_to)
        ):
            name = f.value.refers_to + ("'s" if possessive else "")
            return token.idx, token.idx + len(token.text), name
    return None


def was_subject(token: Any, person: str) -> bool:
    """The person a pronoun is linked to was a subject in its sentence or the one before: "He"
    after "Nobody had done it since Carl Lewis" is not Lewis."""
    last = person.split()[-1]
    sentences = [token.sent, *_sentences_before(token.doc, token.sent, 1)]
    for sent in sentences:
        for t in sent:
            if t.i >= token.i or t.text != last:
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
        if len(names) == 1:
            return lo, hi, names.pop()
        if names:
            return None  # two or more of that kind: not plain
    return None


def _candidates(sent: Any, labels: set[str]) -> set[str]:
    names = {
        e.text.removeprefix("the ").removeprefix("The ") for e in sent.ents if e.label_ in labels
    }
    if "" in labels:  # named things spaCy leaves unlabelled ("iPhone")
        for chunk in sent.noun_chunks:
            root = chunk.root
            if root.pos_ == "PROPN" and not root.ent_type_:
                names.add(" ".join(t.text for t in chunk if t.pos_ == "PROPN"))
    return {n for n in names if n}


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
