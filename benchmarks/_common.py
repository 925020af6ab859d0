"""Helpers shared by the benchmark scripts: where the data is, and writing BENCHMARKS.md."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS_MD = ROOT / "BENCHMARKS.md"


def shared_data() -> Path:
    """The shared data folder: $FACTDESK_SHARED_DATA, else ../shared/data beside the repo."""
    env = os.environ.get("FACTDESK_SHARED_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"


def write_section(name: str, body: str) -> None:
    """Replace (or append) the section between ``<!-- NAME -->`` markers in BENCHMARKS.md."""
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    text = BENCHMARKS_MD.read_text(encoding="utf-8") if BENCHMARKS_MD.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    text = (
        pattern.sub(lambda _: block, text)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + block + "\n"
    )
    BENCHMARKS_MD.write_text(text, encoding="utf-8")


def json_child(script: str, *args: str) -> dict[str, Any]:
    """Run ``python SCRIPT ARGS`` in a fresh process (its own peak memory) and read the JSON
    object it prints last."""
    proc = subprocess.run(
        [sys.executable, script, *args], capture_output=True, text=True, check=True
    )
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def factdesk_cli(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    """``factdesk ARGS --db DB`` in a subprocess, as a user runs it, without FACTDESK_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")}
    return subprocess.run(
        [sys.executable, "-m", "factdesk.cli", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def real_articles(min_words: int, max_words: int, *, count: int = 1) -> list[tuple[str, str]]:
    """Real news texts (page id, clean text) from the extraction benchmark's ground truth, of
    ``min_words`` to ``max_words`` words, the first ``count`` in page-id order: real,
    non-repeated input for the speed figures."""
    base = shared_data() / "extraction" / "article_extraction_benchmark"
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for page_id in sorted(truth):
        text = truth[page_id]["articleBody"].strip()
        if min_words <= len(text.split()) <= max_words:
            out.append((page_id, text))
        if len(out) == count:
            break
    return out
