"""The long fuzzing run: many generated inputs per target (tests/fuzzing.py), counting inputs
tried, failures (tracebacks, broken contracts), hangs (an input past HANG_S), and for ingest
whether the store stayed intact after every case.

Each target runs in its own process; a failure is recorded (its shrunk input, its error) and
the run goes on with a fresh seed until the target's number of inputs is reached.

    python benchmarks/fuzz.py --examples 25000 [--targets extract,claims,ingest,http] [--jobs 2]
        [--no-write]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import write_section

TARGETS = ("extract", "claims", "ingest", "http")
CHUNK = 200  # inputs per Hypothesis run, each with a fresh seed


def run_target(
    name: str, examples: int, base_seed: int, seconds: float, progress: Path | None = None
) -> dict[str, Any]:
    """Fuzz one target in this process for ``examples`` inputs or ``seconds``, whichever
    ends first (checked every CHUNK inputs), writing the counts so far to ``progress``."""
    from hypothesis import HealthCheck, Phase, given, seed, settings
    from hypothesis import strategies as st
    from tests import fuzzing

    config = fuzzing.fuzz_config()
    tried = 0
    seen: set[bytes] = set()  # a digest of each input: Hypothesis may give one input twice
    failures: list[dict[str, str]] = []
    hangs = 0
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if name == "extract":
            strategy: Any = fuzzing.extract_input()

            def target(value: Any) -> None:
                fuzzing.check_extract(value, config)
        elif name == "claims":
            strategy = st.tuples(fuzzing.article_text, st.sampled_from([80, 400, 50_000]))

            def target(value: Any) -> None:
                fuzzing.check_claims(*value)
        elif name == "ingest":
            ingest_target = fuzzing.IngestTarget(folder, config)
            strategy = fuzzing.jsonl_input()
            target = ingest_target.check
        else:
            http_target = fuzzing.HttpTarget(folder, config)
            strategy = fuzzing.http_request()
            target = http_target.check

        def counted(value: Any) -> None:
            nonlocal tried
            tried += 1
            seen.add(
                hashlib.blake2b(repr(value).encode("utf-8", "replace"), digest_size=16).digest()
            )
            target(value)

        rng = random.Random(base_seed)
        while tried < examples and time.monotonic() - start < seconds:
            before = tried

            @settings(
                max_examples=min(CHUNK, examples - tried),
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
                phases=[Phase.generate, Phase.shrink],
                print_blob=False,
            )
            @given(value=strategy)
            def fuzz(value: Any) -> None:
                counted(value)

            fuzz = seed(rng.getrandbits(64))(fuzz)
            try:
                fuzz()
            except BaseException as exc:  # a failure: record it, go on with a new seed
                if isinstance(exc, KeyboardInterrupt):
                    raise
                text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
                hangs += "Hang" in text
                failures.append({"error": text[-2000:]})
                print(f"{name}: failure after {tried} inputs: {text[-500:]}", file=sys.stderr)
            if tried == before:  # the strategy has nothing new to give
                break
            if progress:
                progress.write_text(
                    json.dumps({"target": name, "inputs": tried, "failures": len(failures)})
                )
        if name == "http":
            http_target.close()
    return {
        "target": name,
        "inputs": tried,
        "distinct": len(seen),
        "failures": len(failures),
        "hangs": hangs,
        "seconds": round(time.monotonic() - start, 1),
        "errors": failures[:10],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=25_000, help="inputs per target")
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--jobs", type=int, default=2, help="targets fuzzed at once")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--seconds", type=float, default=float("inf"), help="time limit per target")
    parser.add_argument("--progress", type=Path, help="folder for per-target progress files")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # run one target, print JSON
    parser.add_argument(
        "--merge",
        nargs="+",
        type=Path,
        help="write BENCHMARKS.md from the JSON rows (standard output) of earlier runs, summed "
        "per target",
    )
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--section", default="fuzz", help="the BENCHMARKS.md section written (default fuzz)"
    )
    args = parser.parse_args()
    if args.merge:
        write_section(args.section, render(merge(args.merge), args.examples, args.seconds))
        return
    if args.one:
        where = args.progress / f"{args.one}.json" if args.progress else None
        print(json.dumps(run_target(args.one, args.examples, args.seed, args.seconds, where)))
        return
    names = [t for t in args.targets.split(",") if t]
    rows: list[dict[str, Any]] = []
    pending = list(names)
    running: list[tuple[str, subprocess.Popen[str]]] = []
    while pending or running:
        while pending and len(running) < args.jobs:
            name = pending.pop(0)
            cmd = [sys.executable, __file__, "--one", name, "--examples", str(args.examples),
                   "--seed", str(args.seed), "--seconds", str(args.seconds)]  # fmt: skip
            if args.progress:
                cmd += ["--progress", str(args.progress)]
            running.append((name, subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)))
        time.sleep(2)
        for name, proc in list(running):
            if proc.poll() is None:
                continue
            running.remove((name, proc))
            out = (proc.stdout.read() if proc.stdout else "").strip().splitlines()
            row = (
                json.loads(out[-1])
                if proc.returncode == 0 and out
                else {"target": name, "inputs": 0, "failures": 1, "hangs": 0, "seconds": 0,
                      "errors": [{"error": f"the fuzzing process died ({proc.returncode})"}]}
            )  # fmt: skip
            print(json.dumps(row), flush=True)
            rows.append(row)
    rows.sort(key=lambda r: names.index(r["target"]))
    if not args.no_write:
        title = {"fuzz_http": "Fuzzing the shipped web app (issue 21)"}.get(args.section)
        write_section(
            args.section, render(rows, args.examples, args.seconds, *([title] if title else []))
        )


def merge(paths: list[Path]) -> list[dict[str, Any]]:
    """Rows of several runs summed per target (runs with other seeds add inputs)."""
    totals: dict[str, dict[str, Any]] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("{"):
                continue
            row = json.loads(line)
            total = totals.setdefault(
                row["target"],
                {"target": row["target"], "inputs": 0, "failures": 0, "hangs": 0, "seconds": 0.0,
                 "errors": []},
            )  # fmt: skip
            for key in ("inputs", "failures", "hangs", "seconds"):
                total[key] += row[key]
            total["distinct"] = total.get("distinct", 0) + row.get("distinct", 0)
            total["errors"] += row["errors"]
    return [totals[t] for t in TARGETS if t in totals]


def render(
    rows: list[dict[str, Any]],
    examples: int,
    seconds: float,
    title: str = "Fuzzing: big, odd and hostile input (issue 13)",
) -> str:
    total = sum(r["inputs"] for r in rows)
    failures = sum(r["failures"] for r in rows)
    lines = [
        f"## {title}",
        "",
        "Hypothesis-generated inputs (`tests/fuzzing.py`): extract (HTML pages with unclosed, "
        "deeply nested elements and huge attributes, text, random bytes, in twelve encodings "
        "with right, wrong or no declared charset, gzipped or damaged gzip, truncated); claims "
        "(odd Unicode, direction marks, zero-width and control characters, emoji sequences, "
        "sentences of hundreds of words, text with no sentence at all, read in pieces of 80, "
        "400 and 50,000 characters); ingest (JSON Lines with good documents whose ids repeat, "
        "malformed and non-object lines, wrong field types, lone surrogates, lines of 0.1-2 MB, "
        "binary lines, into one store reused for every case: every document stored before "
        "must still be there, every good one stored or reported, SQLite `quick_check` ok); "
        "http (raw requests to the shipped app, `factdesk serve`'s FastAPI app behind its "
        "limits on uvicorn, on 127.0.0.1: odd methods, paths, "
        "versions, content types, missing, wrong, huge or negative Content-Length, bodies "
        "shorter than announced, garbage bytes; after each, `GET /healthz` must answer). A "
        "failure is any exception but a one-line FactdeskError, an HTTP 500, a broken "
        "contract, or an input taking over 60 s (a hang).",
        "",
        "Command: `python benchmarks/fuzz.py --examples "
        + f"{examples}{'' if title.endswith('(issue 13)') else ' --targets http --section fuzz_http'}{'' if seconds == float('inf') else f' --seconds {seconds:g}'}`"
        + " (per target: that many inputs or that many seconds, whichever ends first; "
        "two targets at a time on 2 cores shared with other work)",
        "",
        "| target | inputs tried | distinct inputs | failures | hangs | time |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        distinct = f"{r['distinct']:,}" if r.get("distinct") else "not counted"
        lines.append(
            f"| {r['target']} | {r['inputs']:,} | {distinct} | {r['failures']} | {r['hangs']} "
            f"| {r['seconds']:.0f} s |"
        )
    lines += ["", f"Total: {total:,} inputs, {failures} failures."]
    for r in rows:
        for e in r["errors"]:
            lines.append(f"- {r['target']}: `{e['error'].splitlines()[-1][:300]}`")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
