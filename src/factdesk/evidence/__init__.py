"""Evidence: the store, ingestion, hybrid retrieval and live sources.

The usual entry points::

    with open_store(path, writable=True) as store:
        report = ingest(store, default_embedder(), iter_documents([Path("corpus/")], config=cfg))
    passages, results = gather_evidence("claim text", config=cfg, k=5)
"""

from __future__ import annotations

from dataclasses import replace

from factdesk.config import Config
from factdesk.errors import StoreError
from factdesk.evidence.base import (
    Store,
    display,
    exists,
    open_any,
    store_location,
)
from factdesk.evidence.base import open_location as open_store  # either backend
from factdesk.evidence.ingest import IngestReport, ingest, iter_documents, iter_feed
from factdesk.evidence.plugins import live_sources
from factdesk.evidence.retrieve import Retriever, dedupe, rrf
from factdesk.evidence.sources import EvidenceSource, LocalSource, SourceResult
from factdesk.model import Passage
from factdesk.models.embed import Embedder, default_embedder

__all__ = [
    "EvidenceSource",
    "IngestReport",
    "LocalSource",
    "Retriever",
    "SourceResult",
    "Store",
    "gather_evidence",
    "ingest",
    "iter_documents",
    "iter_feed",
    "open_store",
]


def gather_evidence(
    query: str,
    *,
    config: Config,
    k: int = 10,
    before: str | None = None,
    after: str | None = None,
    mode: str = "hybrid",
    embedder: Embedder | None = None,
    live: bool = True,
    store: Store | None = None,
) -> tuple[list[Passage], list[SourceResult]]:
    """Search the local store and the enabled live sources; fuse their rankings.

    ``store``: the configured store, already open (a caller searching for many claims opens
    it once); else it is opened for this search.

    Returns:
        The best ``k`` passages, and one SourceResult per source (with its status), so that a
        source that failed is reported as failed rather than as "no evidence".
    """
    emb = embedder or default_embedder()
    local = LocalSource(config=config, embedder=emb, mode=mode, store=store)
    results = [local.search(query, k=k, before=before, after=after)]
    if live:
        results.extend(
            source.search(query, k=k, before=before, after=after)
            for source in live_sources(config, emb)
        )
    pool: list[Passage] = [p for r in results for p in r.passages]
    if len(results) == 1 or sum(1 for r in results if r.passages) <= 1:
        return dedupe(pool, k=k), results
    offsets, start = [], 0
    for r in results:
        offsets.append(list(range(start, start + len(r.passages))))
        start += len(r.passages)
    fused = rrf(offsets)
    return dedupe([replace(pool[i], score=s) for i, s in fused], k=k), results


def require_store(config: Config, *, writable: bool = False) -> Store:
    """Open the configured store; raise StoreError with a hint when it is not there."""
    location = store_location(config)
    if not writable and not exists(location):
        raise StoreError(
            f"no evidence store at {display(location)} yet (run `factdesk ingest PATH` first)"
        )
    return open_any(location, writable=writable)


def store_exists(config: Config) -> bool:
    """True when the configured store is there (raises StoreError when it cannot be reached)."""
    return exists(store_location(config))


__all__ += ["require_store", "store_exists"]
