"""The report's JSON Schema ships inside the package: ``factdesk schema`` prints it, and real
reports from the command line satisfy it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from ..conftest import ROOT, run_cli
from ..test_pipeline import ARTICLE, CORPUS

SHARED = ROOT.parent / "shared" / "schema" / "report.schema.json"


def test_schema_command_prints_the_shipped_schema(tmp_path: Path) -> None:
    proc = run_cli("schema")
    assert proc.returncode == 0 and proc.stderr == ""
    schema = json.loads(proc.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "factdesk/report/1"
    if SHARED.exists():  # the project's contract, where a checkout has it: the same file
        assert schema == json.loads(SHARED.read_text(encoding="utf-8"))


def test_real_reports_satisfy_the_printed_schema(tmp_path: Path) -> None:
    schema = json.loads(run_cli("schema").stdout)
    db = tmp_path / "s.db"
    empty = run_cli("check", str(ARTICLE), "--no-live", db=tmp_path / "none.db")
    assert empty.returncode == 0, empty.stderr
    assert run_cli("ingest", str(CORPUS), db=db).returncode == 0
    other = str(ROOT / "examples" / "webb-other-outlet.txt")
    full = run_cli("check", str(ARTICLE), "--no-live", "--compare", other, db=db)
    assert full.returncode == 0, full.stderr
    plain = tmp_path / "plain.txt"
    plain.write_text("The council met on Monday. It approved a budget of $3 million.\n")
    bare = run_cli("check", str(plain), "--no-live", db=db)
    for proc in (empty, full, bare):
        report = json.loads(proc.stdout)
        jsonschema.validate(report, schema, cls=jsonschema.Draft202012Validator)
    report = json.loads(full.stdout)
    assert report["contradictions"] and report["comments"]["items"]
