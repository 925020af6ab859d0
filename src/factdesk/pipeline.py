"""``check``: extract -> claims -> retrieve -> verify -> report, with timings.

The error policy: bad input raises (the CLI turns it into one line); a live source that fails
is recorded in the report as failed, and its claims are judged on what the other sources gave;
an empty store makes every claim ``not_enough_evidence`` with a hint to ingest sources.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, BinaryIO

from factdesk import __version__
from factdesk.claims import DEFAULT_THRESHOLD, find_claims
from factdesk.claims.checkworthy import MODEL_NAME as CHECKWORTHY_MODEL
from factdesk.comments import score_comments
from factdesk.config import Config, load_config
from factdesk.consistency import Contradiction, cross_contradictions, internal_contradictions
from factdesk.evidence import gather_evidence, store_exists
from factdesk.evidence.embed import EMBEDDER_NAME
from factdesk.extract import extract
from factdesk.model import Article, Claim, Passage, Verdict
from factdesk.verify import default_verifier, verify_claim
from factdesk.verify.checks import names
from factdesk.verify.nli import CachingVerifier
from factdesk.verify.windows import window_pairs

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
EMPTY_STORE_HINT = (
    "No evidence store yet: run `factdesk ingest PATH` with trusted sources, then check again."
)


@dataclass(frozen=True, slots=True)
class ClaimResult:
    claim: Claim
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class Report:
    """Everything ``factdesk check`` found about one article."""

    article: Article
    results: tuple[ClaimResult, ...]
    contradictions: tuple[Contradiction, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def verdict_counts(self) -> dict[str, int]:
        counts = {"supported": 0, "refuted": 0, "conflicting": 0, "not_enough_evidence": 0}
        for r in self.results:
            counts[r.verdict.label] += 1
        return counts

    def credibility(self) -> float:
        """Share of decided claims that hold, smoothed towards 0.5 when few are decided."""
        c = self.verdict_counts()
        decided = c["supported"] + c["refuted"] + c["conflicting"]
        return round((c["supported"] + 0.5 * c["conflicting"] + 1) / (decided + 2), 3)

    def headline(self) -> str:
        c = self.verdict_counts()
        total = len(self.results)
        if total == 0:
            return "No check-worthy claims found."
        if c["not_enough_evidence"] == total:
            return f"None of {total} claims could be checked against the evidence available."
        parts = [f"{c['refuted']} refuted", f"{c['supported']} supported"]
        if c["conflicting"]:
            parts.append(f"{c['conflicting']} disputed by sources")
        parts.append(f"{c['not_enough_evidence']} without enough evidence")
        return f"{total} claims checked: " + ", ".join(parts) + "."

    def to_dict(self) -> dict[str, Any]:
        """The JSON report, as ``shared/schema/report.schema.json`` specifies."""
        article = self.article
        scores = score_comments(article.comments, article.text)
        items = []
        for comment, s in zip(article.comments, scores, strict=True):
            items.append(
                {
                    **comment.to_dict(),
                    "inauthentic_score": s.inauthentic_score,
                    "flags": list(s.flags),
                }
            )
        flagged = sum(1 for s in scores if s.inauthentic_score >= 0.5)
        return {
            "schema_version": SCHEMA_VERSION,
            "article": {k: v for k, v in article.to_dict().items() if k != "comments"},
            "claims": [_claim_dict(r) for r in self.results],
            "contradictions": [c.to_dict() for c in self.contradictions],
            "comments": {
                "count": len(items),
                "inauthentic_share": round(flagged / len(items), 3) if items else 0.0,
                "items": items,
            },
            "summary": {
                "verdict_counts": self.verdict_counts(),
                "credibility": self.credibility(),
                "headline": self.headline(),
            },
            "sources": self.sources,
            "notes": list(self.notes),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "versions": {
                "factdesk": __version__,
                "checkworthiness": CHECKWORTHY_MODEL,
                "embedder": EMBEDDER_NAME,
                "entailment": default_verifier().name,
            },
        }


def _claim_dict(r: ClaimResult) -> dict[str, Any]:
    c, v = r.claim, r.verdict
    return {
        "id": c.id,
        "text": c.text,
        "span": [c.start, c.end],
        "checkworthiness": round(c.checkworthiness, 4),
        "verdict": v.label,
        "confidence": round(v.confidence, 4),
        "rationale": v.rationale,
        "evidence": [e.to_dict() for e in v.evidence],
        "checks": [f.to_dict() for f in v.findings],
        "facets": [f.to_dict() for f in c.facets],
    }


def check_article(
    article: Article,
    *,
    config: Config | None = None,
    k: int = 5,
    threshold: float = DEFAULT_THRESHOLD,
    live: bool = True,
    others: Sequence[Article] = (),
) -> Report:
    """Check an extracted article: its claims, their evidence and verdicts; ``others``: more
    articles on the same story, whose claims are compared with this one's."""
    cfg = config or load_config()
    timings: dict[str, float] = {}
    t = time.perf_counter()
    claims = find_claims(article.text, published=article.published, threshold=threshold)
    timings["claims_s"] = time.perf_counter() - t
    claim_date = date.fromisoformat(article.published[:10]) if article.published else None
    verifier = CachingVerifier(default_verifier())
    topic = names(article.title or "")
    results: list[ClaimResult] = []
    sources: dict[str, str] = {}
    notes: list[str] = []
    t = time.perf_counter()
    found: list[list[Passage]] = []
    for claim in claims:
        passages, statuses = gather_evidence(claim.text, config=cfg, k=k, live=live)
        found.append(passages)
        for s in statuses:
            if s.status != "ok" or s.source not in sources:
                sources[s.source] = s.status if s.status == "ok" else f"{s.status}: {s.message}"
    retrieve_s = time.perf_counter() - t
    t = time.perf_counter()
    # Every claim's passages judged in one batched pass; verify_claim then reads from memory.
    verifier.prefetch(
        [
            pair
            for c, ps in zip(claims, found, strict=True)
            for pair in window_pairs([p.text for p in ps], c.text)[0]
        ]
    )
    for claim, passages in zip(claims, found, strict=True):
        verdict = verify_claim(
            claim, passages, verifier=verifier, claim_date=claim_date, topic=topic
        )
        if not passages and not store_exists(cfg):
            verdict = replace(verdict, rationale=f"{verdict.rationale} {EMPTY_STORE_HINT}")
        results.append(ClaimResult(claim, verdict))
    verify_s = time.perf_counter() - t
    timings["retrieve_s"], timings["verify_s"] = retrieve_s, verify_s
    if not store_exists(cfg):
        notes.append(EMPTY_STORE_HINT)
    t = time.perf_counter()
    contradictions = internal_contradictions(claims, published=article.published)
    for other in others:
        their = find_claims(other.text, published=other.published, threshold=threshold)
        contradictions += cross_contradictions(
            claims,
            their,
            other_source=other.url or other.title or other.source or "another article",
            other_published=other.published,
        )  # the same story by the user's word: "Its mirror" is the same mirror in both
    timings["consistency_s"] = time.perf_counter() - t
    return Report(article, tuple(results), tuple(contradictions), sources, timings, tuple(notes))


def check(
    source: str,
    *,
    config: Config | None = None,
    k: int = 5,
    threshold: float = DEFAULT_THRESHOLD,
    published: str | None = None,
    live: bool = True,
    compare: Sequence[str] = (),
    stdin: BinaryIO | None = None,
) -> Report:
    """Check the article at ``source`` (URL, path or ``-``, read from ``stdin`` when given):
    the same Report the CLI prints; ``compare``: more articles on the same story (URLs or
    paths) to find contradictions with."""
    cfg = config or load_config()
    t = time.perf_counter()
    article = extract(source, config=cfg, stdin=stdin)
    others = [extract(other, config=cfg) for other in compare]
    if published:
        article = replace(article, published=published)
    extract_s = time.perf_counter() - t
    report = check_article(article, config=cfg, k=k, threshold=threshold, live=live, others=others)
    return replace(report, timings={"extract_s": extract_s, **report.timings})
