"""``factdesk doctor`` over the real command line: a sound install, a changed model file, a
damaged store."""

from __future__ import annotations

import json
from pathlib import Path

from factdesk.claims.nlp import parser_name
from factdesk.models.manifest import manifest

from .conftest import run_cli
from .models.test_manifest import _flip_one_byte, _shadow
from .test_pipeline import CORPUS


def test_doctor_on_a_sound_install_says_ready(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    assert run_cli("ingest", str(CORPUS), db=db).returncode == 0
    proc = run_cli("doctor", db=db)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found = json.loads(proc.stdout)
    assert found["ready"] is True
    assert found["versions"]["factdesk"] and found["versions"]["spacy"]
    digests = {m["name"]: m["sha256"] for m in found["models"]}
    assert digests == {m.name: m.digest() for m in manifest()}
    store = found["store"]
    assert (store["kind"], store["exists"], store["documents"]) == ("sqlite", True, 9)
    assert store["parser"] == parser_name() and store["parser_current"] is True
    assert store["bytes"] > 0
    names = {p["name"] for p in found["parts"]}
    assert {"PostgreSQL", "Dask", "Piper", "espeak-ng", "chromium"} <= names
    text = run_cli("doctor", "--format", "text", db=tmp_path / "none.db")
    assert text.returncode == 0 and "ready: factdesk check can run" in text.stdout
    assert "none yet" in text.stdout  # no store is no obstacle to checking


def test_doctor_names_a_changed_model_and_fails(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _flip_one_byte(_shadow("factdesk", "claims/models/checkworthy-minilm-lr.v1.json", site))
    proc = run_cli("doctor", db=tmp_path / "none.db", env={"PYTHONPATH": str(site)})
    assert proc.returncode == 7, proc.stdout + proc.stderr
    found = json.loads(proc.stdout)
    assert found["ready"] is False
    assert found["missing"][0].startswith(
        "checkworthy-minilm-lr.v1: checkworthy-minilm-lr.v1.json does not match factdesk's manifest"
    )


def test_doctor_fails_on_a_store_it_cannot_use(tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    db.write_bytes(b"not a database at all" * 100)
    proc = run_cli("doctor", db=db)
    assert proc.returncode == 5, proc.stdout + proc.stderr
    found = json.loads(proc.stdout)
    assert found["ready"] is False and "evidence store" in found["missing"][0]
    assert "Traceback" not in proc.stderr
