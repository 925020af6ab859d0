"""Web service under load: 20 distinct real articles checked at once, over real HTTP on loopback.

The server is ``factdesk serve --port 0 --no-live`` in its own process, as a user runs it (two
worker processes by default, each loading the models once), started fresh (no check has run in
it: nothing is cached). Its store holds real news: every extraction-benchmark page
(shared/data/extraction/article_extraction_benchmark) that is not one of the articles checked,
ingested as HTML. The articles are other pages of that benchmark (the first of 300 words or
more in page-id order), each sent as the browser extension sends a page, ``{"html": ...,
"url": ...}`` to ``POST /api/check``, which answers with the report when the check is done.
One article warms the workers first (not counted); ``--alone`` more are checked one after
another; then ``--concurrent`` distinct articles are sent at the same moment from as many
client threads. Each latency is from sending the request to reading the whole report, so
queueing is counted. The workers' peak resident memory (VmHWM) is read before the server stops.

    python benchmarks/web_load.py [--concurrent 20] [--alone 2] [--workers 2] [--store DB]
        [--no-write]
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import factdesk_cli, shared_data, write_section


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def check(base: str, body: bytes) -> tuple[float, dict[str, Any]]:
    request = urllib.request.Request(
        f"{base}/api/check", data=body, headers={"Content-Type": "application/json"}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=3600) as response:
        report = json.loads(response.read())
    return time.perf_counter() - start, report


def pages(count: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``count`` articles to check (page id, HTML) and the other pages (for the store)."""
    base = shared_data() / "extraction" / "article_extraction_benchmark"
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    chosen, rest = [], []
    for page_id in sorted(truth):
        html = gzip.decompress((base / "html" / f"{page_id}.html.gz").read_bytes())
        page = (page_id, html.decode("utf-8", "replace"))
        long_enough = len(truth[page_id]["articleBody"].split()) >= 300
        (chosen if long_enough and len(chosen) < count else rest).append(page)
    return chosen, rest


def peak_mb(parent: int) -> list[float]:
    """The peak resident memory (VmHWM, MB) of each worker process of ``parent`` (its
    children started by multiprocessing's spawn, not its resource tracker)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if ppid != parent or b"spawn_main" not in (stat.parent / "cmdline").read_bytes():
                continue
            for line in (stat.parent / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    out.append(round(int(line.split()[1]) / 1024, 1))
        except (OSError, ValueError, IndexError):
            continue
    return sorted(out)


def hardware() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, {platform.system()}"


def ingest(rest: list[tuple[str, str]], db: Path) -> float:
    """Ingest the other pages as HTML files into ``db``; seconds taken."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="factdesk-web-load-news-") as folder:
        for page_id, html in rest:
            (Path(folder) / f"{page_id[:16]}.html").write_text(html, encoding="utf-8")
        done = factdesk_cli("ingest", folder, db=db)
        if done.returncode != 0:
            raise RuntimeError(done.stderr)
    return time.perf_counter() - started


def run(concurrent: int, alone: int, workers: int, store: Path | None) -> dict[str, Any]:
    articles, rest = pages(1 + alone + concurrent)
    bodies = [
        json.dumps({"html": html, "url": f"https://news.example/{pid[:12]}"}).encode()
        for pid, html in articles
    ]
    with tempfile.TemporaryDirectory(prefix="factdesk-web-load-") as folder:
        db = store or Path(folder) / "store.db"
        ingest_s = ingest(rest, db) if not db.exists() else None
        env = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")}
        server = subprocess.Popen(
            [sys.executable, "-m", "factdesk.cli", "serve", "--port", "0", "--no-live",
             "--workers", str(workers), "--queue", str(concurrent), "--db", str(db)],
            stdout=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        try:
            assert server.stdout is not None
            base = server.stdout.readline().split()[3].rstrip("/")
            load_start = os.getloadavg()
            warm, _ = check(base, bodies[0])
            lone = [check(base, body)[0] for body in bodies[1 : 1 + alone]]
            load_before = os.getloadavg()
            started = time.perf_counter()
            with ThreadPoolExecutor(concurrent) as pool:
                results = list(pool.map(lambda b: check(base, b), bodies[1 + alone :]))
            wall = time.perf_counter() - started
            load_after = os.getloadavg()
            memory = peak_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=60)
    under = [seconds for seconds, _ in results]
    reports = [r for _, r in results]
    return {
        "articles": len({r["article"]["text"][:200] for r in reports}),
        "words": [len(r["article"]["text"].split()) for r in reports],
        "claims": [len(r["claims"]) for r in reports],
        "passages_cited": sum(len(c["evidence"]) for r in reports for c in r["claims"]),
        "verdicts": {
            k: sum(r["summary"]["verdict_counts"][k] for r in reports)
            for k in reports[0]["summary"]["verdict_counts"]
        },
        "store_pages": len(rest),
        "ingest_s": None if ingest_s is None else round(ingest_s, 1),
        "workers": workers,
        "concurrent": concurrent,
        "warm_up_s": round(warm, 2),
        "alone_s": [round(s, 2) for s in lone],
        "load_p50_s": round(statistics.median(under), 2),
        "load_p95_s": round(p95(under), 2),
        "load_max_s": round(max(under), 2),
        "load_wall_s": round(wall, 2),
        "checks_per_min": round(concurrent / wall * 60, 2),
        "worker_peak_mb": memory,
        "loadavg": [round(x, 1) for x in (*load_start[:1], *load_before[:1], *load_after[:1])],
        "hardware": hardware(),
    }


def section(r: dict[str, Any], command: str) -> str:
    words, claims = r["words"], r["claims"]
    alone = ", ".join(str(s) for s in r["alone_s"]) or "none"
    return f"""## Web service under load: 20 distinct real articles (issue 21)

`factdesk serve --no-live --workers {r["workers"]}` started fresh in its own process on
127.0.0.1 (no check had run in it: nothing cached). Its store: the {r["store_pages"]} other
pages of the extraction benchmark, real news on many subjects, ingested as HTML
({"ingested in " + str(r["ingest_s"]) + " s" if r["ingest_s"] else "ingested beforehand"}). Each check is `POST /api/check` with one page's HTML and a URL
naming it, as the browser extension sends it: {r["concurrent"]} distinct real articles of
{min(words)}-{max(words)} words (median {statistics.median(words):.0f}), {min(claims)}-{max(claims)}
claims each, {sum(claims)} in all, all sent at the same moment. Latency is from sending the request
to reading the whole report, queueing included. One other article warmed the workers first
({r["warm_up_s"]} s, model loading included; not counted); lone checks of two more took {alone} s.
Command: `{command}`.

| {r["concurrent"]} distinct articles at once | p50 s | p95 s | max s | all done in s | checks/min | peak memory per worker (MB) |
|---|---|---|---|---|---|---|
| {r["workers"]} workers | {r["load_p50_s"]} | {r["load_p95_s"]} | {r["load_max_s"]} | {r["load_wall_s"]} | {r["checks_per_min"]} | {", ".join(str(m) for m in r["worker_peak_mb"])} |

Verdicts over the {sum(claims)} claims: {", ".join(f"{k.replace('_', ' ')} {v}" for k, v in r["verdicts"].items())}. The store is
real news, but not on these articles' stories, so most claims find nothing for or against them;
a store on the same stories makes the entailment model read more passages per claim, and checks
slower (see the end-to-end speed figures). The pool runs
{r["workers"]} checks at a time and queues the rest, so under load a check's latency is mostly
its wait in the queue. This replaces issue 12's figure, which posted one 548-word article 25
times against the 9-document example store.

Hardware and load: {r["hardware"]}, shared with other engineers' jobs (load average
{r["loadavg"][0]} at the start, {r["loadavg"][1]} before the concurrent checks,
{r["loadavg"][2]} after them), so every figure is slower than on an idle machine.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrent", type=int, default=20)
    parser.add_argument("--alone", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--store", type=Path, help="a store already holding the other pages")
    parser.add_argument("--no-write", action="store_true", help="print, do not edit BENCHMARKS.md")
    args = parser.parse_args()
    result = run(args.concurrent, args.alone, args.workers, args.store)
    print(json.dumps(result))
    if not args.no_write:
        command = "python benchmarks/web_load.py " + " ".join(sys.argv[1:])
        write_section("web_load", section(result, command.strip()))


if __name__ == "__main__":
    main()
