"""Batch checking throughput: 200 real news pages with 1 and 2 local workers and on a local Dask
cluster, peak memory per worker, and a batch killed halfway then re-run.

Pages: the 181 HTML pages of the article extraction benchmark (shared/data/extraction/
article_extraction_benchmark), plus copies of the first ones under other names to make 200
inputs. The evidence store is a 10,000-passage SQLite store built as store_scale.py builds its
stores (real sentences), so each claim is searched for. Live sources are off (offline). Each run
is ``factdesk check -i LIST -o OUT --no-live`` in a fresh process, as a user runs it, so model
loading is counted in the wall time.

    python benchmarks/batch.py [--pages 200] [--no-write]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import shared_data, write_section
from store_scale import build, prepare


def pages(folder: Path, count: int) -> list[str]:
    """``count`` page files: the benchmark's pages, then renamed copies of the first ones."""
    sources = sorted(
        (shared_data() / "extraction" / "article_extraction_benchmark" / "html").glob("*.html.gz")
    )
    out = []
    for n in range(count):
        src = sources[n % len(sources)]
        name = src.name.removesuffix(".gz")
        path = folder / (name if n < len(sources) else f"copy{n}-{name}")
        path.write_bytes(gzip.decompress(src.read_bytes()))
        out.append(str(path))
    return out


def _cli(listing: Path, out: Path, db: Path, *extra: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")}
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "factdesk.cli", "check", "-i", str(listing), "-o", str(out)),
            *("--no-live", "--db", str(db), *extra),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its workers can be killed with it, as a crash would
    )


def _lines(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def measure(listing: Path, out: Path, db: Path, *extra: str) -> dict[str, Any]:
    started = time.perf_counter()
    proc = _cli(listing, out, db, *extra)
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    lines = _lines(out)
    peaks: dict[int, float] = {}
    for line in lines:
        pid = line["worker"]["pid"]
        peaks[pid] = max(peaks.get(pid, 0.0), line["worker"]["peak_rss_mb"])
    return {
        "pages": len(lines),
        "ok": sum(1 for line in lines if line["status"] == "ok"),
        "failed": sum(1 for line in lines if line["status"] != "ok"),
        "seconds": seconds,
        "pages_per_min": 60 * len(lines) / seconds,
        "workers": len(peaks),
        "peak_mb": max(peaks.values(), default=0.0),
        "reasons": sorted({line["error"] for line in lines if line["status"] != "ok"})[:5],
        "stderr": err.strip().splitlines()[-1:] if err.strip() else [],
    }


def kill_and_resume(listing: Path, out: Path, db: Path, total: int) -> dict[str, Any]:
    """Kill the whole batch (process group, SIGKILL) halfway, re-run it, count the lines."""
    proc = _cli(listing, out, db, "--jobs", "2")
    while proc.poll() is None:
        if out.exists() and out.read_text(encoding="utf-8").count("\n") >= total // 2:
            break
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()
    at_kill = out.read_text(encoding="utf-8").count("\n")
    resumed = _cli(listing, out, db, "--jobs", "2")
    resumed.communicate()
    inputs = [line["input"] for line in _lines(out)]
    wanted = [s for s in listing.read_text().splitlines() if s]
    return {
        "at_kill": at_kill,
        "after": len(inputs),
        "unique": len(set(inputs)),
        "missing": len(set(wanted) - set(inputs)),
        "duplicated": len(inputs) - len(set(inputs)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--runs", default="1,2,dask,kill")
    parser.add_argument(
        "--single-pages", type=int, help="pages for the 1-worker run (default: --pages)"
    )
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    prepare()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "store.db"
        build(db, 10_000)
        listing = folder / "list.txt"
        inputs = pages(folder, args.pages)
        listing.write_text("\n".join(inputs) + "\n", encoding="utf-8")
        single = folder / "single.txt"
        single.write_text("\n".join(inputs[: args.single_pages]) + "\n", encoding="utf-8")
        runs = {
            "1": ("1 local worker", ("--jobs", "1")),
            "2": ("2 local workers", ("--jobs", "2")),
            "dask": ("local Dask cluster, 2 workers", ("--engine", "dask", "--jobs", "2")),
        }
        for key in args.runs.split(","):
            if key == "kill":
                results["kill"] = kill_and_resume(listing, folder / "kill.jsonl", db, args.pages)
            else:
                label, extra = runs[key]
                chosen = single if key == "1" else listing
                results[label] = measure(chosen, folder / f"run-{key}.jsonl", db, *extra)
            print(json.dumps(results), flush=True)
            text = _table(results, args.pages)
            if not args.no_write:  # after each run: what is measured lands even if cut short
                _write(args.pages, text, args.single_pages)
    print(text)


def _table(results: dict[str, Any], total: int) -> str:
    rows = [
        "| run | pages (ok / failed) | wall s | pages/min | worker processes | peak RSS per worker MB |",
        "|---|---|---|---|---|---|",
    ]
    for label, r in results.items():
        if label != "kill":
            rows.append(
                f"| {label} | {r['pages']} ({r['ok']} / {r['failed']}) | {r['seconds']:.0f} | "
                f"{r['pages_per_min']:.1f} | {r['workers']} | {r['peak_mb']:.0f} |"
            )
    text = "\n".join(rows)
    reasons = sorted({reason for r in results.values() for reason in r.get("reasons", [])})
    if reasons:
        text += "\n\nFailure reasons (first few): " + "; ".join(f"`{x}`" for x in reasons[:5])
    if "kill" in results:
        k = results["kill"]
        text += (
            f"\n\nKilled halfway (SIGKILL to the batch and its workers, 2 local workers) after "
            f"{k['at_kill']} of {total} lines; the re-run completed it: {k['after']} lines, "
            f"{k['unique']} distinct inputs, {k['missing']} missing, {k['duplicated']} duplicated."
        )
    return text


def _write(pages: int, text: str, single: int | None = None) -> None:
    write_section(
        "batch",
        "## Batch checking (issue 11)\n\n"
        f"{pages} real news pages (the article extraction benchmark's 181 HTML pages in name "
        "order, then renamed copies of the first ones), checked with `factdesk check -i LIST -o OUT "
        "--no-live` against a 10,000-passage SQLite store (store_scale.py's synthetic passages "
        "of real sentences). Wall time from process start to end, model loading included; "
        "peak RSS is each worker process's. Measured on this 2-core machine while other work "
        "shared it.\n\n"
        f"Command: `python benchmarks/batch.py --pages {pages}"
        + (f" --single-pages {single}" if single else "")
        + "`\n\n"
        + text
        + "\n",
    )


if __name__ == "__main__":
    main()
