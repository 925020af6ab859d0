"""Evaluation gate: measured figures must not fall below their pinned floors (floors only go up)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from ..conftest import ROOT, SHARED_DATA

# Pinned floors: the measured figure minus noise (the bootstrap standard deviation is ~0.005).
EXTRACTION_F1_FLOOR = 0.960
COMMENT_FLOOR = 1.0


def _load(name: str) -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(
    not (SHARED_DATA / "extraction" / "article_extraction_benchmark").is_dir(),
    reason="the shared data folder is not beside the repository",
)
def test_article_extraction_f1_floor() -> None:
    results = _load("extraction").run()
    assert results["factdesk"]["f1"] >= EXTRACTION_F1_FLOOR
    assert results["factdesk"]["f1"] > results["trafilatura"]["f1"]


def test_comment_extraction_floor() -> None:
    results = _load("comment_extraction").run()
    for key in ("text_precision", "text_recall", "link_precision", "link_recall"):
        assert results[key] >= COMMENT_FLOOR, key
    assert results["body_leaks"] == 0


def test_benchmark_scripts_exist_for_documented_commands() -> None:
    doc = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    for script in ("benchmarks/extraction.py", "benchmarks/comment_extraction.py"):
        assert script in doc and (ROOT / script).is_file()
    assert Path(ROOT / "benchmarks" / "_common.py").is_file()
