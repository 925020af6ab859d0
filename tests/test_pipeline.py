"""`factdesk check` end to end: the JSON contract, the empty store, the Python API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from factdesk import Report, check
from factdesk.report.schema import report_schema

from .conftest import ROOT, run_cli

ARTICLE = ROOT / "examples" / "webb-telescope.html"
CORPUS = ROOT / "examples" / "webb-corpus.jsonl"


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, db=db)


def _schema() -> dict:  # type: ignore[type-arg]
    """The report's JSON Schema as the package ships it (``factdesk schema``)."""
    return report_schema()


def test_empty_store_gives_not_enough_evidence_and_a_hint(tmp_path: Path) -> None:
    proc = run(
        "check",
        str(ARTICLE),
        "--no-live",
        "--fail-on",
        "refuted,conflicting",
        db=tmp_path / "none.db",
    )
    assert proc.returncode == 0, proc.stderr  # nothing refuted: --fail-on lets it pass
    report = json.loads(proc.stdout)
    jsonschema.validate(report, _schema())
    assert report["claims"] and {c["verdict"] for c in report["claims"]} == {"not_enough_evidence"}
    assert all("factdesk ingest" in c["rationale"] for c in report["claims"])
    assert report["summary"]["verdict_counts"]["not_enough_evidence"] == len(report["claims"])
    assert not (tmp_path / "none.db").exists()  # checking does not create a store


def test_check_with_a_trusted_corpus(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert run("ingest", str(CORPUS), db=db).returncode == 0
    proc = run("check", str(ARTICLE), "--format", "json", "--no-live", db=db)
    report = json.loads(proc.stdout)
    jsonschema.validate(report, _schema())
    by_text = {c["text"]: c for c in report["claims"]}
    launch = next(c for t, c in by_text.items() if "December 24, 2022" in t)
    assert launch["verdict"] == "refuted"
    assert "2021-12-25" in launch["rationale"] and "2022-12-24" in launch["rationale"]
    assert any(
        check["kind"] == "date" and check["stance"] == "refutes" for check in launch["checks"]
    )
    cited = [e for e in launch["evidence"] if e["stance"] == "refutes"]
    assert cited and all(e["passage"] and e["source_id"] for e in cited)
    for text, claim in by_text.items():
        assert report["article"]["text"][claim["span"][0] : claim["span"][1]] == text
    flagged = {i["author"] for i in report["comments"]["items"] if i["flags"]}
    assert flagged == {"Sarah Jones", "Mike Brown", "Crypto Wealth Tips"}
    assert report["summary"]["verdict_counts"]["refuted"] >= 4
    assert report["versions"]["entailment"] == "nli-minilm-l6.v1"
    failing = run(
        "-q", "check", str(ARTICLE), "--format", "md", "--no-live", "--fail-on", "refuted", db=db
    )
    assert failing.returncode == 6 and failing.stderr == ""  # CI: refuted claims fail the job
    md = failing.stdout  # the report is printed all the same
    assert md.startswith("# Fact check: Webb telescope marks a new era for astronomy")
    assert "❌" in md
    page = run("check", str(ARTICLE), "--format", "html", "--no-live", db=db).stdout
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count("<mark ") == len(report["claims"])
    assert page.count('<mark class="refuted"') == report["summary"]["verdict_counts"]["refuted"]
    assert "http" not in page.split("<style>")[1].split("</style>")[0]  # nothing fetched


def test_python_api_returns_the_report(tmp_path: Path) -> None:
    from factdesk.config import load_config

    report = check(
        str(ARTICLE), config=load_config({"db": str(tmp_path / "none.db")}, environ={}), live=False
    )
    assert isinstance(report, Report)
    assert report.article.title == "Webb telescope marks a new era for astronomy"
    assert report.verdict_counts()["not_enough_evidence"] == len(report.results) > 0


def test_verify_stage(tmp_path: Path) -> None:
    src = tmp_path / "v.jsonl"
    lines = [
        {
            "id": "a",
            "claim": "Webb's primary mirror is 8.5 metres across.",
            "evidence": ["Webb's primary mirror is 6.5 meters (21 feet 4 inches) across."],
        },
        {"id": "b", "claim": "Webb's primary mirror is 6.5 metres across.", "evidence": []},
        {"id": "c", "claim": "x", "evidence": "not a list"},
    ]
    src.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "factdesk.cli", "stage", "verify", str(src)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert out[0]["verdict"] == "refuted" and 0 <= out[0]["confidence"] <= 1
    assert out[1]["verdict"] == "not_enough_evidence"
    assert "error" in out[2] and proc.returncode == 1


def test_a_budget_spent_before_the_claims_gives_the_article_and_a_note(tmp_path: Path) -> None:
    import time

    from factdesk.budget import Budget
    from factdesk.config import load_config
    from factdesk.model import Article
    from factdesk.pipeline import check_article

    article = Article(text="The council approved a budget of $3 million on Tuesday. " * 10)
    spent = Budget(0.0, float("inf"), time.monotonic())
    report = check_article(
        article,
        config=load_config({"db": str(tmp_path / "none.db")}, environ={}),
        live=False,
        budget=spent,
    ).to_dict()
    jsonschema.validate(report, _schema())
    assert report["claims"] == [] and report["checked"] == {
        "chars": 0,
        "of": len(article.text),
        "complete": False,
    }
    assert report["notes"][0].startswith("The time budget (0 s) ran out before any claim")
