"""Evidence store at scale: build speed, query latency (p50/p95) and peak memory at 10k, 100k
and 1M passages, plus real ingest throughput (with embedding) on this machine.

Passages are pairs of real sentences (PolitiHop rulings, FEVER and Climate-FEVER evidence) so
that BM25 sees real term statistics; a passage's vector is the normalised sum of its two
sentences' real embeddings (embedding a million passages would take this 2-core machine over an
hour, and the index's speed does not depend on where vectors came from). Queries are 200 real
claims, searched in hybrid mode (query embedding + BM25 + HNSW + fusion + fetching passages).

    python benchmarks/store_scale.py [--sizes 10000,100000,1000000] [--no-write]
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, json_child, shared_data, write_section

CACHE = Path(tempfile.gettempdir()) / "factdesk-bench-sentences.npz"
POOL = Path(tempfile.gettempdir()) / "factdesk-bench-sentences.json"


def sentence_pool(limit: int = 40_000) -> tuple[list[str], list[str]]:
    """(distinct real sentences, real claims to query with)."""
    csv.field_size_limit(1 << 30)
    data = shared_data()
    sentences: dict[str, None] = {}
    claims: list[str] = []
    for split in ("train", "valid"):
        with (data / "verify" / "politihop" / f"politihop_{split}.tsv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                claims.append(row["statement"].strip())
                for s in json.loads(row["ruling"]):
                    sentences[" ".join(s.split())] = None
    for name in ("eval_data_vanilla.csv", "test_data_vanilla.csv"):
        with (data / "nli" / "fever_ggkorn" / name).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                claims.append(row["claim"])
                for s in ast.literal_eval(row["evidence"] or "[]"):
                    sentences[" ".join(s.split())] = None
    for line in (
        (data / "verify" / "climate_fever" / "climate-fever.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ):
        for ev in json.loads(line)["evidences"]:
            sentences[" ".join(ev["evidence"].split())] = None
    pool = [s for s in sentences if 5 <= len(s.split()) <= 60][:limit]
    rng = random.Random(7)
    rng.shuffle(claims)
    return pool, claims[:200]


def prepare() -> None:
    """Write the sentence pool, its vectors and the query claims to the temp folder, so the
    measured child processes do not carry the parsing of the source data sets."""
    pool, claims = sentence_pool()
    pool_vectors(pool)
    POOL.write_text(json.dumps({"pool": pool, "claims": claims}), encoding="utf-8")


def prepared() -> tuple[list[str], list[str], np.ndarray]:
    data = json.loads(POOL.read_text(encoding="utf-8"))
    return data["pool"], data["claims"], np.load(CACHE)["vectors"]


def pool_vectors(pool: list[str]) -> np.ndarray:
    if CACHE.exists():
        cached = np.load(CACHE)
        if cached["vectors"].shape[0] == len(pool):
            return cached["vectors"]
    from factdesk.models.embed import default_embedder

    vectors = default_embedder().embed(pool)
    np.savez(CACHE, vectors=vectors)
    return vectors


def build(db: Path, size: int, *, parse: bool = False) -> dict[str, float]:
    """Fill a store with ``size`` synthetic passages, 10 per document; with ``parse``, each
    passage's parse as ``factdesk ingest`` keeps it (made once and cached: see ``parses``)."""
    from factdesk.evidence.passages import Span
    from factdesk.evidence.store import Store
    from factdesk.model import Document

    pool, _, vectors = prepared()
    blobs = parses(size) if parse else {}
    rng = np.random.default_rng(11)
    started = time.perf_counter()
    with Store.open(db, writable=True) as store:
        for d in range(size // 10):
            pairs = rng.integers(0, len(pool), size=(10, 2))
            texts = [f"{pool[a]} {pool[b]}" for a, b in pairs]
            body, spans, offset = "", [], 0
            for t in texts:
                spans.append(Span(offset, offset + len(t), t, blobs.get(t)))
                body += t + "\n\n"
                offset += len(t) + 2
            vecs = vectors[pairs[:, 0]] + vectors[pairs[:, 1]]
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
            store.upsert(
                Document(id=f"doc{d}", text=body, published=f"20{10 + d % 15}-01-01"),
                spans,
                vecs.astype(np.float32),
            )
        store.save_index()
    seconds = time.perf_counter() - started
    return {"build_s": seconds, "build_passages_per_s": size / seconds, "peak_rss_mb": _rss_mb()}


def passage_texts(size: int) -> list[str]:
    """The synthetic passages ``build`` makes, in order."""
    pool, _, _ = prepared()
    rng = np.random.default_rng(11)
    return [
        f"{pool[a]} {pool[b]}"
        for _ in range(size // 10)
        for a, b in rng.integers(0, len(pool), size=(10, 2))
    ]


def parses(size: int) -> dict[str, bytes]:
    """Every synthetic passage's parse, as ingest makes it (factdesk.claims.nlp.parse_texts);
    made once (about 25 minutes of CPU for 100,000 passages, on both cores) and kept in
    benchmarks/.cache."""
    import pickle

    from factdesk.claims.nlp import parse_texts, parser_name

    cache = ROOT / "benchmarks" / ".cache" / f"scale_parses_{size}.pickle"
    if cache.exists():
        stored = pickle.loads(cache.read_bytes())
        if stored["parser"] == parser_name():
            return dict(stored["parses"])
    texts = list(dict.fromkeys(passage_texts(size)))
    out: dict[str, bytes] = {}
    for i in range(0, len(texts), 2000):
        chunk = texts[i : i + 2000]
        out.update(zip(chunk, parse_texts(chunk, processes=2), strict=True))
        print(f"parsed {len(out)}/{len(texts)} passages", file=sys.stderr, flush=True)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps({"parser": parser_name(), "parses": out}))
    return out


def query(db: Path | str) -> dict[str, float]:
    """Latency of 200 real claims in each mode, after a warm-up (``db``: a path or a
    postgresql:// URL)."""
    from factdesk.evidence.base import open_location
    from factdesk.evidence.retrieve import Retriever
    from factdesk.models.embed import default_embedder

    _, claims, _ = prepared()
    out: dict[str, float] = {}
    with open_location(db) as store:
        retriever = Retriever(store, default_embedder())
        for claim in claims[:10]:
            retriever.search(claim, k=10)
        for mode in ("hybrid", "bm25", "dense"):
            times = []
            for claim in claims:
                t = time.perf_counter()
                retriever.search(claim, k=10, mode=mode)
                times.append(1000 * (time.perf_counter() - t))
            out[f"{mode}_p50_ms"] = float(np.percentile(times, 50))
            out[f"{mode}_p95_ms"] = float(np.percentile(times, 95))
    out["peak_rss_mb"] = _rss_mb()
    return out


def ingest_throughput(n_docs: int = 400) -> dict[str, float]:
    """Real ingest (passage cutting, embedding, storing) of news-like documents."""
    from factdesk.evidence.ingest import ingest
    from factdesk.evidence.store import Store
    from factdesk.model import Document
    from factdesk.models.embed import default_embedder

    pool, _, _ = prepared()
    rng = random.Random(3)
    docs = [Document(id=f"d{i}", text=" ".join(rng.sample(pool, 25))) for i in range(n_docs)]
    with (
        tempfile.TemporaryDirectory() as tmp,
        Store.open(Path(tmp) / "i.db", writable=True) as store,
    ):
        embedder = default_embedder()
        started = time.perf_counter()
        report = ingest(store, embedder, docs)
        seconds = time.perf_counter() - started
    return {
        "passages": report.passages,
        "passages_per_s": report.passages / seconds,
        "docs_per_s": n_docs / seconds,
    }


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(step: str, db: str, size: int) -> dict[str, Any]:
    return json_child(__file__, "--child", step, "--db", db, "--size", str(size))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--keep", type=Path, help="keep (and reuse) the built stores in this folder"
    )
    parser.add_argument("--child", choices=("build", "query", "ingest"), help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        fn = {
            "build": lambda: build(Path(args.db), args.size),
            "query": lambda: query(Path(args.db)),
            "ingest": ingest_throughput,
        }
        print(json.dumps(fn[args.child]()))
        return
    prepare()  # parse the data sets and embed the sentence pool once, outside the measured runs
    rows = [
        "| passages | build (passages/s) | hybrid p50 / p95 ms | BM25 p50 / p95 ms | dense p50 / p95 ms | peak RSS build / query MB | store size MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for size in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:
            db = (args.keep / f"scale-{size}.db") if args.keep else Path(tmp) / "scale.db"
            if args.keep and db.exists():
                b = json.loads(db.with_suffix(".build.json").read_text())
            else:
                b = _child("build", str(db), size)
                if args.keep:
                    db.with_suffix(".build.json").write_text(json.dumps(b))
            q = _child("query", str(db), size)
            disk = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6
        row = (
            f"| {size:,} | {b['build_passages_per_s']:.0f} | {q['hybrid_p50_ms']:.1f} / {q['hybrid_p95_ms']:.1f} | "
            f"{q['bm25_p50_ms']:.1f} / {q['bm25_p95_ms']:.1f} | {q['dense_p50_ms']:.1f} / {q['dense_p95_ms']:.1f} | "
            f"{b['peak_rss_mb']:.0f} / {q['peak_rss_mb']:.0f} | {disk:.0f} |"
        )
        rows.append(row)
        print(row, flush=True)
    ing = _child("ingest", "", 0)
    ingest_line = (
        f"Real ingest (cutting into passages, embedding with all-MiniLM-L6-v2 int8 on onnxruntime, "
        f"storing): {ing['passages_per_s']:.0f} passages/s ({ing['passages']} passages)."
    )
    print("\n".join(rows[:2]))
    print(ingest_line)
    if not args.no_write:
        write_section(
            "store_scale",
            "## Evidence store at scale (issue 3)\n\n"
            "Synthetic passages made of two real sentences each (PolitiHop, FEVER, Climate-FEVER), "
            "vectors = normalised sum of the two sentences' real embeddings; 200 real claims as "
            "queries, k=10, after a warm-up; each size built and queried in its own process (peak "
            "RSS is that process's). Latency includes embedding the query.\n\n"
            f"Command: `python benchmarks/store_scale.py --sizes {args.sizes}`\n\n"
            + "\n".join(rows)
            + "\n\n"
            + ingest_line
            + "\n",
        )


if __name__ == "__main__":
    main()
