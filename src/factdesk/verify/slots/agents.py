"""Doers: who said, endorsed, praised, announced it ("Olsen endorsed Delgado" against "Harlan
endorsed Delgado")."""

from __future__ import annotations

from factdesk.claims.facets import bare
from factdesk.claims.nlp import parse
from factdesk.model import Claim, Facet, Finding, Passage
from factdesk.textutil import split_sentences
from factdesk.verify.sentence import content_lemmas
from factdesk.verify.slots import Act, SlotContext
from factdesk.verify.slots.roles import same_person


def check(ctx: SlotContext) -> list[Finding]:
    return _agents(ctx.acts, ctx.claim_lemmas, ctx.facets, ctx.passage, ctx.profile.agent_overlap)


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
    "urge": "urged",
    "promise": "promised",
    "pledge": "pledged",
    "vow": "vowed",
    "predict": "predicted",
    "propose": "proposed",
    "demand": "demanded",
    "admit": "admitted",
    "deny": "denied",
    "insist": "insisted",
    "argue": "argued",
    "accuse": "accused",
}
NOUN_ACTS = {
    "endorsement": "endorse",
    "backing": "back",
    "praise": "praise",
    "criticism": "criticize",
}


def _acts(text: str, people: list[Facet], *, offset: int = 0) -> list[Act]:
    """Acts of AGENT_VERBS (or their nouns) whose doer is a named person or organisation.

    ``people``: person/org facets, with offsets ``offset`` ahead of ``text``'s.
    """
    doc = parse(text)
    out: list[Act] = []
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
                out.append(Act(verb, name, bare(f.text), token.idx + offset))
    return out


def claim_acts(claim: Claim) -> list[Act]:
    people = [*claim.facets_of("person"), *claim.facets_of("org")]
    return _acts(claim.text, people, offset=claim.start) if people else []


def _agents(
    mine: list[Act],
    claim_lemmas: frozenset[str],
    facets: list[Facet],
    passage: Passage,
    overlap: float,
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
            if len(rest & sentence) / len(rest) < overlap:
                continue
            if not same_person(act.agent, other.agent) and act.agent.split()[-1] in said:
                continue  # the claim's doer is in the sentence too: no other doer to name
            if same_person(act.agent, other.agent):
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
