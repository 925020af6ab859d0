"""Contradictions across two articles on the same story, through `factdesk check --compare`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from ..conftest import ROOT, run_cli
from ..test_pipeline import ARTICLE, _schema

OTHER = ROOT / "examples" / "webb-other-outlet.txt"


def cross(*compare: str, tmp_path: Path) -> list[dict]:  # type: ignore[type-arg]
    args = [a for c in compare for a in ("--compare", c)]
    proc = run_cli(
        "check", str(ARTICLE), *args, "--no-live", "--format", "json", db=tmp_path / "none.db"
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    jsonschema.validate(report, _schema())
    return [c for c in report["contradictions"] if c["kind"] == "cross_source"]


def test_another_outlet_contradicts_each_planted_error(tmp_path: Path) -> None:
    found = cross(str(OTHER), tmp_path=tmp_path)
    by_claim = {c["claim_ids"][0]: c for c in found}
    assert set(by_claim) == {"c2", "c4", "c6", "c7"}  # date, role, number, quote
    assert "2021-12-25" in by_claim["c2"]["explanation"]
    assert "6.5 metres" in by_claim["c6"]["explanation"]
    assert "Bill Nelson, not Elon Musk" in by_claim["c7"]["explanation"]
    assert all(c["other_source"] == "Webb's first images stun astronomers" for c in found)


def test_an_article_agrees_with_itself_and_a_missing_one_is_an_error(tmp_path: Path) -> None:
    assert cross(str(ARTICLE), tmp_path=tmp_path) == []
    proc = run_cli("check", str(ARTICLE), "--compare", str(tmp_path / "nope.html"), "--no-live")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "nope.html" in proc.stderr
