"""``check``: extract -> claims -> retrieve -> verify -> report, with timings.

The error policy: bad input raises (the CLI turns it into one line); a live source that fails
is recorded in the report as failed, and its claims are judged on what the other sources gave;
an empty store makes every claim ``not_enough_evidence`` with a hint to ingest sources.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, BinaryIO

from factdesk import __version__
from factdesk.budget import Budget
from factdesk.claims import DEFAULT_THRESHOLD
from factdesk.claims.checkworthy import MODEL_NAME as CHECKWORTHY_MODEL
from factdesk.claims.pieces import claims_of_piece, claims_within, split_pieces
from factdesk.comments import MODEL_NAME as COMMENTS_MODEL
from factdesk.comments import ThreadScore, score_thread
from factdesk.config import Config, load_config
from factdesk.consistency import Contradiction, cross_contradictions, internal_contradictions
from factdesk.evidence import gather_evidence, store_exists
from factdesk.evidence.embed import EMBEDDER_NAME
from factdesk.extract import extract
from factdesk.model import Article, Claim, Passage, Verdict
from factdesk.verify import default_verifier, verify_claim
from factdesk.verify.checks import names
from factdesk.verify.nli import CachingVerifier
from factdesk.verify.verdict import entailment_confirmer
from factdesk.verify.windows import window_pairs

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
TOPIC_CHARS = 1_000_000
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
    comment_scores: ThreadScore | None = None  # scored once by check_article; else on demand
    checked: int | None = None  # characters of article.text checked; None: all of them

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
        # The article's words are the comments' topic; a megabyte of them is topic enough
        # (all 50 MB of a huge article took 8 s).
        thread = self.comment_scores or score_thread(article.comments, article.text[:TOPIC_CHARS])
        items = [
            {**comment.to_dict(), **s.to_dict()}
            for comment, s in zip(article.comments, thread.items, strict=True)
        ]
        flagged = sum(1 for s in thread.items if s.flags)
        return {
            "schema_version": SCHEMA_VERSION,
            "article": {k: v for k, v in article.to_dict().items() if k != "comments"},
            "claims": [_claim_dict(r) for r in self.results],
            "contradictions": [c.to_dict() for c in self.contradictions],
            "comments": {
                "count": len(items),
                "inauthentic_share": round(flagged / len(items), 3) if items else 0.0,
                "items": items,
                "thread": thread.to_dict(),
            },
            "summary": {
                "verdict_counts": self.verdict_counts(),
                "credibility": self.credibility(),
                "headline": self.headline(),
            },
            "sources": self.sources,
            "notes": list(self.notes),
            "checked": {
                "chars": len(article.text) if self.checked is None else self.checked,
                "of": len(article.text),
                "complete": self.checked is None or self.checked >= len(article.text),
            },
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "versions": {
                "factdesk": __version__,
                "checkworthiness": CHECKWORTHY_MODEL,
                "embedder": EMBEDDER_NAME,
                "entailment": default_verifier().name,
                "comments": COMMENTS_MODEL,
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


# Claims are retrieved and verified this many at a time, the budget asked between batches.
CLAIM_BATCH = 16


@dataclass(slots=True)
class _Run:
    """One check in progress: what its steps share."""

    cfg: Config
    budget: Budget
    k: int
    live: bool
    claim_date: date | None
    topic: frozenset[str]
    store_exists: bool
    timings: dict[str, float]
    sources: dict[str, str] = field(default_factory=dict)
    verifier: CachingVerifier = field(default_factory=lambda: CachingVerifier(default_verifier()))
    progress: Callable[[str], None] = lambda _: None

    def judge(self, claims: list[Claim], *, first: bool) -> tuple[list[ClaimResult], str | None]:
        """Retrieve and verify ``claims`` batch by batch; stop when the budget runs out (after
        one batch at least when ``first``), and say why."""
        results: list[ClaimResult] = []
        for i in range(0, len(claims), CLAIM_BATCH):
            if (results or not first) and (stop := self.budget.exceeded()):
                return results, stop
            self.progress(
                f"judging claims {i + 1}-{min(i + CLAIM_BATCH, len(claims))} of {len(claims)}"
            )
            results += self._judge_batch(claims[i : i + CLAIM_BATCH])
        return results, None

    def _judge_batch(self, claims: list[Claim]) -> list[ClaimResult]:
        t = time.perf_counter()
        found: list[list[Passage]] = []
        for claim in claims:
            passages, statuses = gather_evidence(
                claim.text, config=self.cfg, k=self.k, live=self.live
            )
            found.append(passages)
            for s in statuses:
                if s.status != "ok" or s.source not in self.sources:
                    self.sources[s.source] = (
                        s.status if s.status == "ok" else f"{s.status}: {s.message}"
                    )
        self.timings["retrieve_s"] += time.perf_counter() - t
        t = time.perf_counter()
        # Every claim's passages judged in one batched pass; verify_claim then reads from memory.
        self.verifier.prefetch(
            [
                pair
                for c, ps in zip(claims, found, strict=True)
                for pair in window_pairs([p.text for p in ps], c.text)[0]
            ]
        )
        results = []
        for claim, passages in zip(claims, found, strict=True):
            verdict = verify_claim(
                claim,
                passages,
                verifier=self.verifier,
                claim_date=self.claim_date,
                topic=self.topic,
            )
            if not passages and not self.store_exists:
                verdict = replace(verdict, rationale=f"{verdict.rationale} {EMPTY_STORE_HINT}")
            results.append(ClaimResult(claim, verdict))
        self.timings["verify_s"] += time.perf_counter() - t
        return results


def check_article(
    article: Article,
    *,
    config: Config | None = None,
    k: int = 5,
    threshold: float = DEFAULT_THRESHOLD,
    live: bool = True,
    others: Sequence[Article] = (),
    budget: Budget | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Check an extracted article: its claims, their evidence and verdicts; ``others``: more
    articles on the same story, whose claims are compared with this one's; ``progress``: told
    a short line as each step starts ("finding claims", "judging claims 1-16 of 40", ...).

    A long article is read in pieces (claims, evidence and verdicts piece by piece) while the
    ``budget`` (from the ``check_budget_s`` / ``check_budget_mb`` settings when ``None``)
    lasts; past it the report covers the part done and a note says how much that is.
    """
    cfg = config or load_config()
    budget = budget or Budget.start(cfg)
    text = article.text
    run = _Run(
        cfg,
        budget,
        k,
        live,
        date.fromisoformat(article.published[:10]) if article.published else None,
        names(article.title or ""),
        store_exists(cfg),
        {"claims_s": 0.0, "retrieve_s": 0.0, "verify_s": 0.0, "consistency_s": 0.0},
    )
    say = run.progress = progress or run.progress
    results: list[ClaimResult] = []
    contradictions: list[Contradiction] = []
    confirm = entailment_confirmer(run.verifier)
    checked, stop = 0, None
    for piece in split_pieces(text):
        # Asked before every piece, the first too: extracting a big page may have used it all.
        if stop := budget.exceeded():
            break
        say(
            "finding claims"
            if piece[1] == len(text) and not piece[0]
            else f"finding claims in characters {piece[0]:,}-{piece[1]:,}"
        )
        t = time.perf_counter()
        found = claims_of_piece(
            text,
            piece,
            first_id=len(results) + 1,
            published=article.published,
            threshold=threshold,
        )
        run.timings["claims_s"] += time.perf_counter() - t
        done, stop = run.judge(found, first=not results)
        results += done
        t = time.perf_counter()
        # Within a piece only: every pair of a long article's claims would take hours.
        contradictions += internal_contradictions(
            [r.claim for r in done],
            published=article.published,
            confirm=confirm,
            until=budget.deadline,
        )
        run.timings["consistency_s"] += time.perf_counter() - t
        if stop:
            checked = done[-1].claim.end if done else piece[0]
            break
        checked = piece[1]
    claims = [r.claim for r in results]
    t = time.perf_counter()
    if others:
        say("comparing with the other articles")
    for other in others:
        their, _ = claims_within(
            other.text, published=other.published, threshold=threshold, budget=budget
        )
        contradictions += cross_contradictions(
            claims,
            their,
            other_source=other.url or other.title or other.source or "another article",
            other_published=other.published,
            confirm=confirm,
            topic=run.topic | names(other.title or ""),
            other_title=other.title,
            until=budget.deadline,
        )  # the same story by the user's word: "Its mirror" is the same mirror in both
    run.timings["consistency_s"] += time.perf_counter() - t
    say("scoring the comments")
    t = time.perf_counter()
    comment_scores = score_thread(article.comments, article.text[:TOPIC_CHARS])
    run.timings["comments_s"] = time.perf_counter() - t
    notes = list(article.warnings)
    if stop:
        notes.append(
            f"The {stop} ran out: the claims in the first {checked:,} of {len(text):,} "
            "characters were checked, the rest was not."
            if checked
            else f"The {stop} ran out before any claim was checked (extracting the article "
            "took it); raise check_budget_s to check this one."
        )
    if not run.store_exists:
        notes.append(EMPTY_STORE_HINT)
    return Report(
        article,
        tuple(results),
        tuple(contradictions),
        run.sources,
        run.timings,
        tuple(notes),
        comment_scores,
        checked=(checked if stop else len(text)),
    )


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
    budget = Budget.start(cfg)
    t = time.perf_counter()
    article = extract(source, config=cfg, stdin=stdin, budget=budget)
    others = [extract(other, config=cfg, budget=budget) for other in compare]
    if published:
        article = replace(article, published=published)
    extract_s = time.perf_counter() - t
    report = check_article(
        article, config=cfg, k=k, threshold=threshold, live=live, others=others, budget=budget
    )
    return replace(report, timings={"extract_s": extract_s, **report.timings})
