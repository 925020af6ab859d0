"""Web service latency: one check alone, then 20 checks at once, over real HTTP on loopback.

The server is ``factdesk serve --port 0 --no-live`` in its own process, as a user runs it
(two worker processes by default, each loading the models once), on a store holding the
example corpus (examples/webb-corpus.jsonl). The article is a real news text: the first
article of 500-700 words in the extraction benchmark's ground truth
(shared/data/extraction/article_extraction_benchmark), sent as ``{"text": ...}`` to
``POST /api/check``, which answers with the report when the check is done. One check warms
the workers first (not counted). Then ``--alone`` checks one after another, then
``--concurrent`` checks sent at the same moment from as many client threads; each latency is
from sending the request to reading the whole report, so queueing is counted.

    python benchmarks/web_load.py [--concurrent 20] [--alone 5] [--workers 2] [--no-write]
"""

from __future__ import annotations

import argparse
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

from _common import ROOT, factdesk_cli, real_articles, write_section


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def check(base: str, body: bytes) -> tuple[float, dict[str, Any]]:
    request = urllib.request.Request(
        f"{base}/api/check", data=body, headers={"Content-Type": "application/json"}
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=1800) as response:
        report = json.loads(response.read())
    return time.perf_counter() - start, report


def hardware() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, {platform.system()}"


def run(concurrent: int, alone: int, workers: int) -> dict[str, Any]:
    page_id, text = real_articles(500, 700)[0]
    body = json.dumps({"text": text}).encode()
    with tempfile.TemporaryDirectory(prefix="factdesk-web-load-") as folder:
        db = Path(folder) / "store.db"
        factdesk_cli("ingest", str(ROOT / "examples" / "webb-corpus.jsonl"), db=db)
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
            warm, report = check(base, body)
            lone = [check(base, body)[0] for _ in range(alone)]
            load_before = os.getloadavg()
            started = time.perf_counter()
            with ThreadPoolExecutor(concurrent) as pool:
                results = list(pool.map(lambda _: check(base, body), range(concurrent)))
            wall = time.perf_counter() - started
            load_after = os.getloadavg()
        finally:
            server.terminate()
            server.wait(timeout=60)
    under = [seconds for seconds, _ in results]
    claims = {tuple((c["id"], c["verdict"]) for c in r["claims"]) for _, r in results}
    return {
        "page_id": page_id,
        "words": len(text.split()),
        "claims": len(report["claims"]),
        "workers": workers,
        "concurrent": concurrent,
        "warm_up_s": round(warm, 2),
        "alone_s": [round(s, 2) for s in lone],
        "alone_median_s": round(statistics.median(lone), 2),
        "alone_p95_s": round(p95(lone), 2),
        "load_p50_s": round(statistics.median(under), 2),
        "load_p95_s": round(p95(under), 2),
        "load_max_s": round(max(under), 2),
        "load_wall_s": round(wall, 2),
        "checks_per_min": round(concurrent / wall * 60, 1),
        "all_ok": len(results) == concurrent and len(claims) == 1,
        "loadavg": [round(x, 1) for x in (*load_start[:1], *load_before[:1], *load_after[:1])],
        "hardware": hardware(),
    }


def section(r: dict[str, Any], command: str) -> str:
    alone_rate = round(60 / r["alone_median_s"], 1)
    ok = "yes" if r["all_ok"] else "NO"
    return f"""## Web service under load (issue 12)

`factdesk serve --no-live --workers {r["workers"]}` in its own process on 127.0.0.1; each
check is `POST /api/check` with a real news text ({r["words"]} words, {r["claims"]} claims
found; page `{r["page_id"][:12]}…` of the extraction benchmark's ground truth) against a store
holding the example corpus. Latency is from sending the request to reading the whole report,
queueing included. One check warmed the workers first ({r["warm_up_s"]} s, model loading
included; not counted). Command: `{command}`.

| | checks | p50 s | p95 s | max s | checks/min |
|---|---|---|---|---|---|
| one check alone (one after another) | {len(r["alone_s"])} | {r["alone_median_s"]} | {r["alone_p95_s"]} | {max(r["alone_s"])} | {alone_rate} |
| {r["concurrent"]} checks at once | {r["concurrent"]} | {r["load_p50_s"]} | {r["load_p95_s"]} | {r["load_max_s"]} | {r["checks_per_min"]} |

All {r["concurrent"]} concurrent checks answered 200 with the same verdicts: {ok}; they took
{r["load_wall_s"]} s in all. The pool runs {r["workers"]} checks at a time and queues the rest,
so under load a check's latency is mostly its wait in the queue: p95 is close to
{r["concurrent"]}/{r["workers"]} lone checks. (With {len(r["alone_s"])} lone checks their p95 is
their maximum.)

Hardware and load: {r["hardware"]}, shared with other engineers' jobs and a background fuzzing
run (load average {r["loadavg"][0]} at the start, {r["loadavg"][1]} before the concurrent
checks, {r["loadavg"][2]} after them), so every figure is slower than on an idle machine.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrent", type=int, default=20)
    parser.add_argument("--alone", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="print, do not edit BENCHMARKS.md")
    args = parser.parse_args()
    result = run(args.concurrent, args.alone, args.workers)
    print(json.dumps(result))
    if not args.no_write:
        command = "python benchmarks/web_load.py " + " ".join(sys.argv[1:])
        write_section("web_load", section(result, command.strip()))


if __name__ == "__main__":
    main()
