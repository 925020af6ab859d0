"""Presupposed facts: an act named by a noun ("the mayor's veto of the budget", "his refusal to
step down", "Jackson's snub") takes for granted that it happened. A content farm plants a false
fact there, where no verb states it, and a check of the whole sentence reads past it.

``presupposed(doc, facets)`` finds such noun phrases (an act noun with a possessor) and gives
each as a claim of its own: its span is the noun phrase in the article, its standalone form a
sentence stating the act ("The mayor vetoed the budget."), which is what retrieval and the
checks read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from factdesk.claims.standalone import linked_person
from factdesk.model import Facet

__all__ = ["Presupposed", "presupposed"]

# Act nouns, and how the act is said of the possessor: the verb in the past, or "was" + the
# participle where the possessor underwent it ("his dismissal": he was dismissed).
ACTIVE = {
    "endorsement": "endorsed",
    "backing": "backed",
    "praise": "praised",
    "criticism": "criticised",
    "condemnation": "condemned",
    "veto": "vetoed",
    "recall": "recalled",
    "acquisition": "acquired",
    "purchase": "bought",
    "takeover": "took over",
    "sale": "sold",
    "victory": "won",
    "win": "won",
    "launch": "launched",
    "visit": "visited",
    "announcement": "announced",
    "approval": "approved",
    "rejection": "rejected",
    "resignation": "resigned",
    "refusal": "refused",
    "pledge": "pledged",
    "promise": "promised",
    "confession": "confessed",
    "admission": "admitted",
    "denial": "denied",
    "apology": "apologised",
    "decision": "decided",
    "withdrawal": "withdrew",
    "departure": "left",
    "retirement": "retired",
    "return": "returned",
    "investment": "invested",
    "donation": "donated",
    "boycott": "boycotted",
    "signing": "signed",
    "invasion": "invaded",
    "death": "died",
}
PASSIVE = {
    "appointment": "appointed",
    "dismissal": "dismissed",
    "sacking": "sacked",
    "firing": "fired",
    "ouster": "ousted",
    "removal": "removed",
    "arrest": "arrested",
    "election": "elected",
    "re-election": "re-elected",
    "nomination": "nominated",
    "conviction": "convicted",
    "acquittal": "acquitted",
    "snub": "snubbed",
    "impeachment": "impeached",
    "indictment": "indicted",
    "exclusion": "excluded",
}
# Words of the phrase left out of the statement: opinion ("stubborn", "tearful").
NAMED = {"PERSON", "ORG", "GPE", "NORP"}


@dataclass(frozen=True, slots=True)
class Presupposed:
    """A presupposing noun phrase: its offsets in the article and the statement it takes for
    granted."""

    start: int
    end: int
    statement: str


def presupposed(doc: Any, facets: list[Facet]) -> list[Presupposed]:
    """Every noun phrase of the article that presupposes an act by someone named."""
    out = []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or (lemma not in ACTIVE and lemma not in PASSIVE):
            continue
        owners = [c for c in token.children if c.dep_ == "poss"]
        if not owners:
            continue
        doer = _doer(owners[0], facets)
        if doer is None:
            continue
        made = _statement(token, lemma, doer)
        if made is None:
            continue
        statement, right = made
        start = min(owners[0].left_edge.idx, token.left_edge.idx)
        end = right.idx + len(right.text)
        while end > start and doc.text[end - 1] in ",;:":
            end -= 1
        out.append(Presupposed(start, end, statement))
    return out


def _doer(owner: Any, facets: list[Facet]) -> str | None:
    """The possessor as a name: "Paulson's" -> "Treasury Secretary Henry Paulson", "his" ->
    the person it is linked to, "the mayor's" -> "The mayor"."""
    if owner.pos_ == "PRON":
        return linked_person(owner, facets)
    words = [t for t in owner.subtree if t.dep_ != "case" and t.text not in {"'s", "’s", "'"}]
    named = owner.ent_type_ in NAMED
    someone = (
        owner.pos_ == "NOUN"
        and not owner.ent_type_
        and any(c.dep_ == "det" for c in owner.children)
    )
    if not words or not (named or someone):
        return None  # "last week's election": a time, not a doer
    text = " ".join(t.text for t in words)
    return text[:1].upper() + text[1:]


# The participle of an act said of the possessor when someone else did it ("Twitter's
# acquisition by Musk": Twitter was acquired by Musk).
PARTICIPLE = {"took over": "taken over", "withdrew": "withdrawn", "won": "won", "left": "left"}


def _statement(token: Any, lemma: str, doer: str) -> tuple[str, Any] | None:
    """ "Paulson's pledge of taxpayer backing for a Lehman deal" -> "Paulson pledged taxpayer
    backing for a Lehman deal.", and the phrase's last word. Who did the act decides the
    voice: "the club's dismissal of Mourinho" (the club did it) -> "The club dismissed
    Mourinho."; "his dismissal" -> "He was dismissed."; "Twitter's acquisition by Musk" ->
    "Twitter was acquired by Musk."; "Apple's iPhone launch" -> "Apple launched the iPhone"."""
    rest: list[str] = []
    last = token
    acted_on = by = False
    for child in token.children:
        # What the act was done to or for ("of the budget", "to give up the leadership"), not
        # what befell it later ("vacated by the court") nor opinion ("stubborn").
        infinitive = child.dep_ == "acl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        )
        if child.i < token.i or not (child.dep_ == "prep" or infinitive):
            continue
        words = [t.text_with_ws for t in child.subtree]
        phrase = "".join(words).strip()
        if child.dep_ == "prep" and child.lower_ == "of" and not rest:
            phrase = phrase[3:].strip()  # "veto of the budget": vetoed the budget
            acted_on = True
        by = by or (child.dep_ == "prep" and child.lower_ == "by")
        rest.append(phrase)
        last = max(last, child.right_edge, key=lambda t: t.i)
    compound = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
    if compound and not acted_on and lemma in ACTIVE:
        # "Apple's iPhone launch": what was launched stands before the act's noun.
        rest.insert(0, "the " + " ".join(t.text for t in compound))
        acted_on = True
    if lemma in ACTIVE:
        past = ACTIVE[lemma]
        verb = f"was {PARTICIPLE.get(past, past)}" if by and not acted_on else past
    else:
        verb = PASSIVE[lemma] if acted_on else f"was {PASSIVE[lemma]}"
    if not rest and lemma in {"decision", "promise", "refusal", "pledge"}:
        return None  # "his decision" alone says nothing checkable
    return " ".join([doer, verb, *rest]).strip().rstrip(",;:") + ".", last
