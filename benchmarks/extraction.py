"""Article-body extraction on the article extraction benchmark (181 news pages).

Scores factdesk's extractor and plain trafilatura with the benchmark's own evaluate.py
(shingle F1 of the article body), and times both. Writes the figures to BENCHMARKS.md.

    python benchmarks/extraction.py [--limit N] [--no-write]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import logging
import platform
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import trafilatura

from _common import shared_data, write_section
from factdesk.errors import FactdeskError
from factdesk.extract.html import extract_html

PUBLISHED = {"trafilatura": 0.958, "newspaper": 0.949, "readability": 0.922}


def _evaluator(root: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("aeb_evaluate", root / "evaluate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read_gz(path: Path) -> str:
    with gzip.open(path) as handle:
        return handle.read().decode("utf-8", "replace")


def load_pages(limit: int | None = None) -> tuple[Path, dict[str, Any], dict[str, str]]:
    """The benchmark folder, its ground truth and the decoded pages, in key order."""
    root = shared_data() / "extraction" / "article_extraction_benchmark"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    truth = {k: truth[k] for k in keys}
    pages = {k: _read_gz(root / "html" / f"{k}.html.gz") for k in keys}
    return root, truth, pages


def _factdesk(html: str, url: str) -> str:
    try:
        return extract_html(html, url=url).text
    except FactdeskError:
        return ""


def _trafilatura(html: str, url: str) -> str:
    return trafilatura.extract(html, url=url, include_comments=False, include_tables=True) or ""


def run(limit: int | None = None) -> dict[str, dict[str, float]]:
    """Score both extractors; returns {name: {f1, precision, recall, pages_per_s}}."""
    root, truth, pages = load_pages(limit)
    evaluate = _evaluator(root)
    results: dict[str, dict[str, float]] = {}
    for name, fn in (("factdesk", _factdesk), ("trafilatura", _trafilatura)):
        started = time.perf_counter()
        pred = {k: {"articleBody": fn(pages[k], truth[k].get("url", ""))} for k in truth}
        elapsed = time.perf_counter() - started
        metrics = evaluate.evaluate(truth, pred, n_bootstrap=200)
        results[name] = {
            "f1": metrics["f1"],
            "f1_std": metrics["f1_std"],
            "precision": metrics["precision"],
            "recall": metrics["recall"],
            "pages_per_s": len(pages) / elapsed,
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="score only the first N pages")
    parser.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    results = run(args.limit)
    rows = [
        "| extractor | F1 | precision | recall | pages/s |",
        "|---|---|---|---|---|",
    ]
    for name, m in results.items():
        rows.append(
            f"| {name} ({'this run' if name == 'factdesk' else trafilatura.__version__ + ', defaults'}) "
            f"| {m['f1']:.3f} ± {m['f1_std']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} "
            f"| {m['pages_per_s']:.1f} |"
        )
    for name, f1 in PUBLISHED.items():
        rows.append(f"| {name} (published, benchmark README) | {f1:.3f} | | | |")
    print("\n".join(rows))
    if not args.no_write and not args.limit:
        body = (
            "## Article extraction (issue 2)\n\n"
            "181 pages of the article extraction benchmark, scored with its own `evaluate.py` "
            "(shingle F1 of the article body; ± is the bootstrap standard deviation). "
            f"Speed on this machine ({platform.processor() or platform.machine()}, one process, "
            "pages already in memory, parse + metadata + comments + body).\n\n"
            "Command: `python benchmarks/extraction.py`\n\n" + "\n".join(rows) + "\n"
        )
        write_section("extraction", body)


if __name__ == "__main__":
    main()
