"""Big articles: 1 MB, 10 MB and 50 MB of plain text and of HTML through ``factdesk check``.

Each article is built from the paragraphs of ``examples/webb-other-outlet.txt`` and the body of
``examples/webb-telescope.html``, repeated with their numbers changed so that no two paragraphs
are the same. Each size runs ``factdesk check FILE --format json --no-live`` in its own process
against the Webb corpus store; the figure is the wall time, the child's peak RSS
(``resource.getrusage(RUSAGE_CHILDREN)`` read after it alone ran), the exit status, the share of
the article checked and the note the report gives. Goal: every size answered within the
per-article budget (``check_budget_s``) plus extraction, with a report or a one-line error,
never a traceback.

    python benchmarks/big_input.py [--sizes 1,10,50] [--kinds text,html] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, factdesk_cli, write_section

CORPUS = ROOT / "examples" / "webb-corpus.jsonl"
_PARAGRAPHS = [
    "The James Webb Space Telescope launched on December 25, 2021 aboard an Ariane 5 rocket "
    "from Kourou, French Guiana.",
    "Its primary mirror is 6.5 metres across and is made of 18 gold-coated segments.",
    '"The telescope represents the ambition that NASA and its partners maintain to propel us '
    'forward into the future," said NASA Administrator Bill Nelson.',
    "The city council of Springfield approved a budget of $3 million for road repairs on Tuesday.",
    "The observatory orbits the Sun about 1.5 million kilometres from Earth, near the second "
    "Lagrange point, and cost about $10 billion.",
    "Astronomers will use it to study the atmospheres of exoplanets and the first galaxies, "
    "officials said on Monday.",
]


def paragraphs(size: int, markup: int = 2) -> list[str]:
    """Distinct paragraphs adding up to at most ``size`` bytes, each counted with ``markup``
    bytes around it."""
    out: list[str] = []
    total = 0
    i = 0
    while True:
        base = _PARAGRAPHS[i % len(_PARAGRAPHS)]
        shift = i // len(_PARAGRAPHS)
        para = re.sub(r"\d+", lambda m, shift=shift: str(int(m.group()) + shift), base)
        if total + len(para) + markup > size:
            return out
        out.append(para)
        total += len(para) + markup
        i += 1


def make_text(size: int) -> str:
    """A plain-text article of at most ``size`` bytes: a title line, then paragraphs."""
    title = "Webb telescope: the long report\n\n"
    return title + "\n\n".join(paragraphs(size - len(title) - 1)) + "\n"


def make_html(size: int) -> str:
    """An HTML article of at most ``size`` bytes: metadata, navigation, ``<p>`` paragraphs."""
    head = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Webb telescope: the long report</title>"
        '<meta property="article:published_time" content="2022-07-20T08:15:00+00:00">'
        "</head><body><nav><a href='/'>Home</a> <a href='/science'>Science</a></nav>"
        "<article><h1>Webb telescope: the long report</h1><div class='entry-content'>\n"
    )
    tail = "\n</div></article><footer>(c) Example</footer></body></html>\n"
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs(size - len(head) - len(tail), 8))
    return head + body + tail


def run_one(path: Path, db: Path, limit_s: float = 1800) -> dict[str, Any]:
    """``factdesk check PATH`` in a child process: wall time, its own peak RSS, outcome."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")}
    cmd = [sys.executable, "-m", "factdesk.cli", "check", str(path), "--format", "json",
           "--no-live", "--db", str(db)]  # fmt: skip
    out, err = path.with_suffix(".out"), path.with_suffix(".err")
    t = time.perf_counter()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=stderr, env=env)
        # os.wait4 (not Popen.wait) to get this child's own rusage; past limit_s it is a hang.
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t > limit_s:
                proc.kill()
            time.sleep(0.2)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t
    code = proc.returncode
    message = err.read_text(encoding="utf-8", errors="replace").strip()
    row: dict[str, Any] = {
        "wall_s": round(wall, 1),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "exit": code,
        "hang": wall >= limit_s,
        "traceback": "Traceback" in message,
        "stderr": message.splitlines()[-1] if message else "",
    }
    if code == 0:
        report = json.loads(out.read_text(encoding="utf-8"))
        row["claims"] = len(report["claims"])
        row["chars"] = len(report["article"]["text"])
        row["checked"] = report.get("checked", {})
        row["notes"] = [n for n in report["notes"] if "budget" in n or "encoding" in n]
        row["timings"] = report.get("timings", {})
    out.unlink()
    err.unlink()
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50", help="sizes in MB (decimal)")
    parser.add_argument("--kinds", default="text,html")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "webb.db"
        factdesk_cli("ingest", str(CORPUS), db=db)
        for kind in args.kinds.split(","):
            for mb in (float(s) for s in args.sizes.split(",")):
                size = int(mb * 1_000_000)
                path = Path(tmp) / f"big-{mb:g}mb.{'txt' if kind == 'text' else 'html'}"
                content = make_text(size) if kind == "text" else make_html(size)
                path.write_text(content, encoding="utf-8")
                row = {"kind": kind, "mb": mb, "bytes": path.stat().st_size, **run_one(path, db)}
                path.unlink()
                print(json.dumps(row), flush=True)
                rows.append(row)
    if not args.no_write:
        write_section("big_input", render(rows))


def render(rows: list[dict[str, Any]]) -> str:
    budget = os.environ.get("FACTDESK_CHECK_BUDGET_S", "the default")
    lines = [
        "## Big articles (issue 13)",
        "",
        "Synthetic articles built from the Webb example's sentences with their numbers changed "
        "(no two paragraphs alike), as plain text and as HTML (`<p>` paragraphs in an "
        "`<article>`), checked with `factdesk check FILE --format json --no-live` against the "
        f"Webb corpus, each in its own process on 2 cores, per-article budget {budget} "
        "(`check_budget_s`, `check_budget_mb`). Peak RSS is the child's (`os.wait4`). Checked: the share of "
        "the article's characters whose claims were found and verified within the budget.",
        "",
        "Command: `python benchmarks/big_input.py`",
        "",
        "| input | size | wall time | peak RSS | exit | traceback | claims | checked | note / error |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        checked = r.get("checked") or {}
        share = (
            f"{checked['chars']:,} of {r['chars']:,} chars"
            if checked.get("chars") is not None and r.get("chars")
            else ""
        )
        note = "; ".join(r.get("notes") or []) or r["stderr"]
        lines.append(
            f"| {r['kind']} | {r['bytes'] / 1e6:.1f} MB | {r['wall_s']} s | {r['peak_mb']} MB "
            f"| {r['exit']} | {'yes' if r['traceback'] else 'no'} | {r.get('claims', '')} "
            f"| {share} | {note} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
