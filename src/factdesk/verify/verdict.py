"""The verdict: the entailment model's judgement of each passage, and the structured findings,
combined into supported, refuted, conflicting or not enough evidence, with a confidence and a
rationale that names what differs. The numbers and the named rules are in ``verify/profile.py``.

Rules, in order:

* no passage at all -> ``not_enough_evidence``; never ``refuted``;
* a passage refutes a claim when a structured check finds a differing date, number, place, role
  or quote about the same event, or when the model's contradiction probability is at least the
  profile's ``refute_threshold`` on a sentence holding most of the claim's words, from a document
  that names its subject, states its key facts and agrees with none of its dates or numbers;
* it supports it when the model's entailment probability is at least the model's
  ``support_threshold`` (tuned on held-out data by ``training/tune_verdict.py``), no structured
  check on it refutes, and its document states the claim's key facts (``verify/keyfacts.py``,
  applied in ``verify/support.py``); when every key fact but one is stated and the sentence read
  gives another value of that one, the passage refutes it instead ("said but for one detail");
* evidence published long after the claim was made counts half when it refutes on the model's
  word alone (the world may have changed since);
* refuting and supporting passages from different sources -> ``conflicting``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from factdesk.model import Claim, Evidence, Finding, Passage, Stance, Verdict
from factdesk.verify.checks import Confirm, check_passage
from factdesk.verify.keyfacts import describe, unstated
from factdesk.verify.nli import Judgement, Verifier
from factdesk.verify.profile import DEFAULT_PROFILE, Profile
from factdesk.verify.sentence import (
    POLARITY,
    content_lemmas,
    names,
    other_subjects,
    published_date,
    relevance,
    says_within,
    subject_names,
)
from factdesk.verify.support import (
    best_sentence,
    key_facts_stated,
    said_but_one,
)
from factdesk.verify.windows import (
    MAX_WORDS,
    Read,
    joint_premise,
    judge_passages,
    sentences,
    window_pairs,
)

# The tuned numbers and the named rules live in one versioned profile (verify/profile.py). A
# refutation on the model's word alone needs a contradicting sentence about the claim's own
# words (profile.model_refute_relevance of them, at least model_refute_shared): a sentence on
# another aspect of the story that the model reads as contradicting is the commonest false
# alarm on real articles.
THRESHOLD = DEFAULT_PROFILE.refute_threshold


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def verify_claim(
    claim: Claim,
    passages: Sequence[Passage],
    *,
    verifier: Verifier,
    claim_date: date | None = None,
    structured: bool = True,
    topic: frozenset[str] | None = None,
    given: bool = False,
    profile: Profile = DEFAULT_PROFILE,
) -> Verdict:
    """Judge one claim against the passages found for it.

    ``topic``: proper nouns the claim is about when it names none itself ("Its mirror is ...");
    the pipeline passes the article title's.
    ``given``: the passages were given as the claim's evidence (the ``verify`` stage), not
    found by a search: one without a title, none of whose sentences has another named subject,
    is taken to be about whom the claim is about, as a sentence of that person's encyclopedia
    page is ("She won one Academy Award ..."), so it need not name them. Found passages must
    name them (or their title must).
    ``profile``: the tuned numbers and the rules applied (``verify/profile.py``).
    """
    if not passages:
        return Verdict("not_enough_evidence", 1.0, "No evidence was found for this claim.")
    shown = passages
    wanted = subject_names(claim.text)
    if given and wanted:
        # For the naming tests only: the claim's words stand in for the missing title, unless a
        # sentence of the passage is about someone else by name ("Buzz Aldrin was born ...").
        passages = [
            p if p.title or other_subjects(p.text, wanted) else replace(p, title=claim.text)
            for p in passages
        ]
    texts = [p.text for p in passages]
    support_at = verifier.support_threshold
    reads = judge_passages(verifier, texts, claim.text, skip=unnamed(claim.text, passages))
    judgements = [r.judgement for r in reads]
    claim_lemmas = content_lemmas(claim.text)
    # What the claim is about: its subject's names, else the article's (given), else no filter.
    topic = wanted or topic or frozenset()
    confirm = entailment_confirmer(verifier)
    per_passage = [
        _timely(
            check_passage(
                claim,
                claim_lemmas,
                p,
                topic=topic,
                confirm=confirm if profile.on("counterfactual") else None,
                claim_date=claim_date,
                profile=profile,
            ),
            p,
            claim_date,
            profile,
        )
        if structured
        else []
        for p in passages
    ]
    # A document that agrees with a slot in one passage does not refute it in another ("the
    # first image on July 11 ... the rest of the images on July 12").
    agreeing = {_slot(f) for found in per_passage for f in found if f.stance == "supports"}
    # A document that says the claim word for word is not refuted by another of its sentences
    # saying it with another value: that is a list or a template ("1 Green, 2 Red").
    verbatim = {p.source_id for p in passages if says_within(p.text, claim.text, at_least=4)}
    per_passage = [
        [
            f
            for f in found
            if not (f.verbatim and f.source_id in verbatim and profile.on("verbatim_support"))
            and (f.stance == "supports" or f.verbatim or _slot(f) not in agreeing)
        ]
        for found in per_passage
    ]
    # Documents that agree with one of the claim's dates or numbers somewhere.
    dated = {
        f.source_id
        for found in per_passage
        for f in found
        if f.stance == "supports" and f.kind in {"date", "number"}
    }
    weighed: list[Evidence] = []
    findings: list[Finding] = []
    refute_scores: list[tuple[float, int]] = []
    support_scores: list[tuple[float, int]] = []
    for i, (passage, j) in enumerate(zip(passages, judgements, strict=True)):
        found = per_passage[i]
        refuting = [f for f in found if f.stance == "refutes"]
        if (
            refuting
            and all(f.kind == "place" for f in refuting)
            and _entails(j)
            and profile.on("places_nest")
        ):
            # Places nest ("Ohio" is in "the United States") and the check cannot know it; when
            # the model reads the passage as saying the claim, a differing place name is no
            # refutation. Dates, numbers, roles and quotes stand: that is where the model errs.
            found, refuting = [f for f in found if f.stance != "refutes"], []
        findings.extend(found)
        contradiction = j.contradiction
        if not refuting:
            said = best_sentence(reads[i].refute_window, claim_lemmas)
            shared = claim_lemmas & content_lemmas(said)
            agrees = passage.source_id in dated
            if (
                # A passage that agrees on a checked detail (a date, a number, a doer) is not
                # read as contradicting the same statement on the model's word alone.
                (agrees and not _flipped(claim, claim_lemmas, said, profile.model_refute_relevance))
                or len(shared) < min(profile.model_refute_shared, len(claim_lemmas))
                or len(claim_lemmas) < profile.model_refute_shared
                or relevance(claim_lemmas, content_lemmas(said)) < profile.model_refute_relevance
                or not _names_subject(claim, passage, reads[i], said, profile)
            ):
                contradiction = min(contradiction, profile.refute_threshold - 0.01)
            elif (
                contradiction >= profile.refute_threshold
                and profile.on("key_fact")
                and unstated(claim, [p for p in shown if p.source_id == passage.source_id])
            ):
                # Nor is a document that does not state the claim's key facts (its dates,
                # numbers, people): it speaks of another moment or another thing ("flowed
                # before it was capped" against "has not flowed since it was capped on 15 July").
                contradiction = min(contradiction, profile.refute_threshold - 0.01)
        if profile.on("verbatim_support") and says_within(passage.text, claim.text, at_least=4):
            # A trusted source that says the very words supports them, whatever the model reads.
            j = Judgement(max(j.entailment, 0.99), 0.0, 0.0)
            contradiction = 0.0
        published = published_date(passage)
        late = (
            claim_date and published and published > claim_date + _days(profile.late_evidence_days)
        )
        if late and not refuting and profile.on("late_evidence"):
            contradiction *= 0.5
        refute = max(contradiction, profile.structured_confidence if refuting else 0.0)
        # A passage that gives another value of what may be the same event supports nothing,
        # nor does a sentence that says most of the claim with the opposite polarity (the model
        # reads "was not updated" as "was updated").
        differs = any(f.stance == "differs" and f.kind != "place" for f in found) or _flipped(
            claim,
            claim_lemmas,
            best_sentence(reads[i].support_window, claim_lemmas),
            profile.model_refute_relevance,
        )
        support = (
            j.entailment
            if not refuting
            and not differs
            and _names_subject(claim, passage, reads[i], None, profile)
            else 0.0
        )
        stance: Stance = (
            "refutes"
            if refute >= profile.refute_threshold and refute >= support
            else "supports"
            if support >= support_at and support > contradiction
            else "neutral"
        )
        if stance == "refutes":
            refute_scores.append((refute, i))
        elif stance == "supports":
            support_scores.append((support, i))
        weighed.append(
            Evidence(
                shown[i],
                stance,
                j.entailment,
                contradiction,
                relevance(claim_lemmas, content_lemmas(passage.text)),
            )
        )
    # Sentences that each hold part of the claim, read together; the model finds a passage
    # that holds only part of it contradicting ("born in Ohio" vs "born in Ohio, walked on the
    # Moon"), and a joint reading that supports the claim overrules that.
    model_only = [
        i for _, i in refute_scores if not any(f.stance == "refutes" for f in per_passage[i])
    ]
    several = len(passages) > 1 or any(len(t.split()) > MAX_WORDS for t in texts)
    together = None
    if several and (not support_scores or model_only) and profile.on("joint_reading"):
        joint = _read_together(verifier, claim, claim_lemmas, texts, per_passage)
        if joint:
            score, owners = joint
            refute_scores = [(r, i) for r, i in refute_scores if i not in owners]
            lead = score >= max((s for s, _ in support_scores), default=0.0)
            for i in owners:
                # Read together, they support the claim; when a single passage supports it
                # better, the others were only overruled (no longer refuting), not support.
                e = weighed[i]
                stance = "supports" if lead or e.stance == "supports" else "neutral"
                weighed[i] = Evidence(e.passage, stance, e.entailment, e.contradiction, e.relevance)
            if lead:
                together = owners
                support_scores.append((score, max(owners, key=lambda i: weighed[i].relevance)))
    gap = None
    if support_scores and profile.on("key_fact"):
        supporters = [i for _, i in support_scores]
        support_scores, together, gap = key_facts_stated(
            claim, shown, weighed, support_scores, together, wanted if given else frozenset()
        )
        if gap is not None and profile.on("said_but_one"):
            changed = said_but_one(claim, claim_lemmas, gap, supporters, reads, shown)
            if changed is not None:
                at, finding = changed
                findings.append(finding)
                e = weighed[at]
                weighed[at] = Evidence(
                    e.passage, "refutes", e.entailment, e.contradiction, e.relevance
                )
                refute_scores.append((profile.said_but_one_confidence, at))
                gap = None
    quotes = [
        (
            best_sentence(r.support_window, claim_lemmas),
            best_sentence(r.refute_window, claim_lemmas),
        )
        for r in reads
    ]
    verdict = _decide(
        claim,
        weighed,
        findings,
        refute_scores,
        support_scores,
        quotes,
        together=together,
        profile=profile,
        unstated_fact=describe(gap) if gap else None,
    )
    return _calibrated(verdict, verifier.verdict_calibration)


def unnamed(claim: str, passages: Sequence[Passage]) -> list[bool]:
    """The passages that name neither in their text nor in their title whom the claim is about
    (its subject's names). Support and a refutation on the model's word both need the name in
    the sentence read, so the model's reading of such a passage cannot change the verdict and
    it is not read (on a large store, most of a claim's passages); it counts as neutral, which
    also lowers what a ``not_enough_evidence`` verdict's confidence subtracts."""
    wanted = subject_names(claim)
    if not wanted:
        return [False] * len(passages)
    return [not wanted & (names(p.text) | names(p.title or "")) for p in passages]


def claim_pairs(claim: str, passages: Sequence[Passage]) -> list[tuple[str, str]]:
    """The (window, claim) pairs ``verify_claim`` will have the model judge (to judge many
    claims' pairs ahead, in one batched pass)."""
    return window_pairs([p.text for p in passages], claim, skip=unnamed(claim, passages))[0]


def _flipped(
    claim: Claim,
    claim_lemmas: frozenset[str],
    sentence: str,
    least: float = DEFAULT_PROFILE.model_refute_relevance,
) -> bool:
    if relevance(claim_lemmas, content_lemmas(sentence)) < least:
        return False
    return bool(POLARITY.search(claim.text)) != bool(POLARITY.search(sentence))


def _slot(f: Finding) -> tuple[str | None, str, str]:
    """Which detail of the claim a finding is about, in which document: a document that agrees on
    "6.5 metres" somewhere does not refute it elsewhere, but may still refute "270 miles"."""
    return (f.source_id, f.kind, str(f.claim_value))


def _names_subject(
    claim: Claim,
    passage: Passage,
    read: Read,
    said: str | None = None,
    profile: Profile = DEFAULT_PROFILE,
) -> bool:
    """A passage speaks of a claim about someone named only if it names them: the model reads
    "Governor Harlan endorsed Delgado" as saying "Olsen endorsed Delgado", and a British
    statement as contradicting one of the EU's. ``said``: the sentence read (by default the
    passage's best window for support)."""
    wanted = subject_names(claim.text)
    if not wanted or not profile.on("subject_naming"):
        return True
    text = read.support_window if said is None else said
    return bool(wanted & (names(text) | names(passage.title or "")))


def entailment_confirmer(verifier: Verifier) -> Confirm:
    """The counterfactual test by the entailment model: the evidence says the claim's clause with
    the evidence's values put in. (Also accepting a large drop in contradiction was tried: it let
    values of other events through on real articles.)"""

    def confirm(premise: str, counterfactual: str, claim: str) -> bool:
        return _entails(verifier.judge([premise], counterfactual)[0])

    return confirm


def _days(n: int) -> timedelta:
    return timedelta(days=n)


def _timely(
    found: list[Finding], passage: Passage, claim_date: date | None, profile: Profile
) -> list[Finding]:
    """Refutations the passage's date can bear: a passage written after the claim that calls
    someone "former" does not refute "sitting" then, and one written long before that calls
    someone sitting does not refute "former" now."""
    published = published_date(passage)
    if claim_date is None or published is None or not profile.on("late_evidence"):
        return found
    out = []
    for f in found:
        if f.kind == "role" and f.stance == "refutes":
            later = published > claim_date + _days(profile.late_evidence_days)
            stale = published < claim_date - _days(profile.role_stale_days)
            if ("former by then" in f.detail and later) or ("not a former" in f.detail and stale):
                continue
        out.append(f)
    return out


def _calibrated(verdict: Verdict, maps: dict[str, list[float]] | None) -> Verdict:
    """The raw confidence mapped to the chance the verdict is right (per-label Platt maps
    fitted by ``training/tune_verdict.py``); unchanged when the model has none."""
    if not maps or verdict.label not in maps:
        return verdict
    a, b = maps[verdict.label]
    return replace(verdict, confidence=round(1 / (1 + math.exp(-(a * verdict.confidence + b))), 4))


def _entails(j: Judgement) -> bool:
    return j.entailment >= THRESHOLD and j.entailment > j.contradiction


def _read_together(
    verifier: Verifier,
    claim: Claim,
    claim_lemmas: frozenset[str],
    texts: list[str],
    per_passage: list[list[Finding]],
) -> tuple[float, list[int]] | None:
    """The sentences most like the claim read as one premise: (entailment, their passages)
    when that supports the claim and none of those passages refutes it on a checked detail."""
    found = joint_premise(claim_lemmas, texts, content_lemmas, claim.text)
    if found is None:
        return None
    premise, owners = found
    if any(
        f.stance == "refutes" or (f.stance == "differs" and f.kind != "place")
        for i in owners
        for f in per_passage[i]
    ):
        return None
    wanted = subject_names(claim.text)
    if wanted and not wanted & names(premise):
        return None
    if any(_flipped(claim, claim_lemmas, s) for s in sentences(premise)):
        return None  # the model reads "was not withdrawn" as "was withdrawn"
    if POLARITY.search(claim.text) and not POLARITY.search(premise):
        return None  # nor is a negated claim said by sentences that negate nothing
    judged = verifier.judge([premise], claim.text)[0]
    support_at = verifier.support_threshold
    if judged.entailment < support_at or judged.entailment < judged.contradiction:
        return None
    return judged.entailment, owners


def _decide(
    claim: Claim,
    evidence: list[Evidence],
    findings: list[Finding],
    refute_scores: list[tuple[float, int]],
    support_scores: list[tuple[float, int]],
    quotes: list[tuple[str, str]],
    *,
    together: list[int] | None = None,
    profile: Profile = DEFAULT_PROFILE,
    unstated_fact: str | None = None,
) -> Verdict:
    order = sorted(
        range(len(evidence)), key=lambda i: -max(evidence[i].entailment, evidence[i].contradiction)
    )
    ranked = tuple(evidence[i] for i in order)
    refuting_findings = [f for f in findings if f.stance == "refutes"]
    if (
        refute_scores
        and support_scores
        and profile.on("checked_beats_model")
        and _checked_beats_model(evidence, findings, refute_scores, support_scores)
    ):
        support_scores = []
    if refute_scores and support_scores:
        refuters = {evidence[i].passage.source_id for _, i in refute_scores}
        supporters = {evidence[i].passage.source_id for _, i in support_scores}
        if refuters - supporters and supporters - refuters:
            r, ri = max(refute_scores, key=lambda si_: (si_[0], evidence[si_[1]].contradiction))
            s, si = max(support_scores, key=lambda si_: (si_[0], evidence[si_[1]].relevance))
            rationale = (
                f"Sources disagree: {_name(evidence[si].passage)} supports the claim, while "
                f"{_name(evidence[ri].passage)} {_why(refuting_findings, evidence[ri], quotes[ri][1])}."
            )
            return Verdict("conflicting", round(min(r, s), 4), rationale, ranked, tuple(findings))
    if refute_scores:
        # Ties (two structured refutations) go to the passage the model also finds contradicting.
        r, ri = max(refute_scores, key=lambda si_: (si_[0], evidence[si_[1]].contradiction))
        rationale = (
            f"{_name(evidence[ri].passage)} {_why(refuting_findings, evidence[ri], quotes[ri][1])}."
        )
        return Verdict(
            "refuted", round(r, 4), rationale[0].upper() + rationale[1:], ranked, tuple(findings)
        )
    if support_scores:
        s, si = max(support_scores, key=lambda si_: (si_[0], evidence[si_[1]].relevance))
        agreeing = [
            f
            for f in findings
            if f.stance == "supports" and f.source_id == evidence[si].passage.source_id
        ]
        detail = f" ({agreeing[0].detail})" if agreeing else ""
        rationale = f"Supported by {_name(evidence[si].passage)}: \u201c{_quote(quotes[si][0])}\u201d{detail}."
        others = [i for i in together or [] if i != si]
        if others:
            rationale = (
                f"Supported by {_name(evidence[si].passage)} read together with "
                f"{', '.join(_name(evidence[i].passage) for i in others[:2])}: no one passage "
                "says all of it."
            )
        return Verdict("supported", round(s, 4), rationale, ranked, tuple(findings))
    best = max((max(e.entailment, e.contradiction) for e in evidence), default=0.0)
    rationale = "The passages found neither support nor contradict this claim."
    if unstated_fact:
        rationale = (
            f"The passages found say much of this claim, but none states {unstated_fact}: "
            "it is not supported."
        )
    return Verdict("not_enough_evidence", round(1.0 - best, 4), rationale, ranked, tuple(findings))


def _checked_beats_model(
    evidence: list[Evidence],
    findings: list[Finding],
    refute_scores: list[tuple[float, int]],
    support_scores: list[tuple[float, int]],
) -> bool:
    """A checked detail of the same event (a date, number, place or doer that differs, confirmed
    by the counterfactual test) outweighs support on the model's word alone: a passage that
    agrees on that detail is needed to make the sources disagree."""
    refuters = {evidence[i].passage.source_id for _, i in refute_scores}
    kinds = {f.kind for f in findings if f.stance == "refutes" and f.source_id in refuters}
    if not kinds:
        return False
    supporters = {evidence[i].passage.source_id for _, i in support_scores}
    return not any(
        f.stance == "supports" and f.kind in kinds and f.source_id in supporters for f in findings
    )


def _name(passage: Passage) -> str:
    title = passage.title or passage.source_id
    when = f", {passage.published[:10]}" if passage.published else ""
    return f"\u201c{title}\u201d{when}"


def _why(refuting: list[Finding], evidence: Evidence, quote: str) -> str:
    mine = [f for f in refuting if f.source_id == evidence.passage.source_id]
    if mine:
        return "contradicts it: " + "; ".join(f.detail for f in mine[:2])
    return f"contradicts it: \u201c{_quote(quote)}\u201d"
