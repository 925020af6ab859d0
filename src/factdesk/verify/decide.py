"""The last step of the verdict: the passages weighed (each one's stance and scores, the
findings, the refuting and supporting scores) turned into one label, a confidence calibrated
to the chance it is right, and a rationale naming the passage and the detail."""

from __future__ import annotations

import math
from dataclasses import replace

from factdesk.model import Claim, Evidence, Finding, Passage, Verdict
from factdesk.verify.profile import DEFAULT_PROFILE, Profile

__all__ = ["calibrated", "decide"]


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def calibrated(verdict: Verdict, maps: dict[str, list[float]] | None) -> Verdict:
    """The raw confidence mapped to the chance the verdict is right (per-label Platt maps
    fitted by ``training/tune_verdict.py``); unchanged when the model has none."""
    if not maps or verdict.label not in maps:
        return verdict
    a, b = maps[verdict.label]
    return replace(verdict, confidence=round(1 / (1 + math.exp(-(a * verdict.confidence + b))), 4))


def decide(
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
