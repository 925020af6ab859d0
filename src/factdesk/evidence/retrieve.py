"""Hybrid retrieval: BM25 and dense results fused by reciprocal rank, near-duplicates dropped."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from factdesk.claims.nlp import offer
from factdesk.evidence.base import Store
from factdesk.model import Passage
from factdesk.models.embed import Embedder

RRF_K = 60
# A BM25 top hit scoring this many times the next one holds the query's words nearly verbatim
# (the claim's own sentence in a source); fusion by rank alone could drop it when the dense
# search, reading a long passage as about something else, does not rank it. It is kept first.
DOMINANT = 2.0
MODES = ("hybrid", "bm25", "dense")


def rrf(rankings: Sequence[Sequence[int]], *, k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: each list adds 1 / (k + rank) to an item's score."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


@lru_cache(maxsize=4096)
def _shingles(text: str) -> frozenset[str]:
    words = re.findall(r"\w+", text.lower())
    return frozenset(" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2)))


def near_duplicate(a: str, b: str, *, threshold: float = 0.8) -> bool:
    """True when two passages share most of their word trigrams (syndicated copies, reposts)."""
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return a.strip().lower() == b.strip().lower()
    return len(sa & sb) / min(len(sa), len(sb)) >= threshold


def dedupe(passages: Sequence[Passage], *, k: int) -> list[Passage]:
    """Keep the best of each group of near-identical passages, up to ``k``."""
    kept: list[Passage] = []
    for passage in passages:
        if any(near_duplicate(passage.text, other.text) for other in kept):
            continue
        kept.append(passage)
        if len(kept) == k:
            break
    return kept


class Retriever:
    """Searches one store with BM25, dense vectors, or both fused."""

    def __init__(self, store: Store, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder

    def search(
        self,
        query: str,
        *,
        k: int = 10,
        before: str | None = None,
        after: str | None = None,
        mode: str = "hybrid",
        pool: int = 50,
    ) -> list[Passage]:
        """The ``k`` best passages for ``query``.

        Args:
            query: A claim or question.
            k: How many passages to return.
            before: Only documents published before this ISO date.
            after: Only documents published after this ISO date.
            mode: ``hybrid`` (BM25 and dense fused), ``bm25`` or ``dense``.
            pool: How many candidates each method contributes before fusion.
        """
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        rankings: list[list[int]] = []
        raw: dict[int, float] = {}
        leader = None
        if mode in ("hybrid", "bm25"):
            hits = self.store.bm25(query, pool, before=before, after=after)
            rankings.append([h[0] for h in hits])
            raw.update(hits)
            if len(hits) > 1 and hits[0][1] >= DOMINANT * hits[1][1] > 0:
                leader = hits[0][0]
        if mode in ("hybrid", "dense"):
            vector = self.embedder.embed([query])[0]
            hits = self.store.dense(vector, pool, before=before, after=after)
            rankings.append([h[0] for h in hits])
            if mode == "dense":
                raw.update(hits)
        fused = rrf(rankings) if mode == "hybrid" else [(i, raw[i]) for i in rankings[0]]
        if mode == "hybrid" and leader is not None:
            fused = sorted(fused, key=lambda item: item[0] != leader)  # stable: the rest in order
        # A few more than k, for near-duplicates to drop.
        found = self.store.passages(i for i, _ in fused[: max(k * 3, 10)])
        ordered = [replace(found[i], score=score) for i, score in fused if i in found]
        kept = dedupe(ordered, k=k)
        # The parses made at ingest, read back instead of parsing when the checks read them.
        wanted = {p.text for p in kept}
        parses = self.store.parses(i for i, p in found.items() if p.text in wanted)
        offer({found[i].text: blob for i, blob in parses.items()})
        return kept
