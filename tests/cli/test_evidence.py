"""ingest, sources and search, run as a user runs them."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

from ..conftest import FIXTURES, ROOT, run_cli


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, db=db)


def test_ingest_search_sources_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "store" / "fd.db"
    proc = run(
        db,
        "ingest",
        str(FIXTURES / "evidence" / "webb.jsonl"),
        str(ROOT / "examples" / "webb-telescope.html"),
    )
    assert proc.returncode == 0, proc.stderr
    assert "5 documents (5 added, 0 updated, 0 unchanged)" in proc.stderr  # prose
    counts = json.loads(proc.stdout)  # not a terminal: the result as JSON
    assert (counts["documents"], counts["added"], counts["failed"]) == (5, 5, [])
    again = run(db, "ingest", str(FIXTURES / "evidence" / "webb.jsonl"))
    assert "4 documents (0 added, 0 updated, 4 unchanged), 0 passages written" in again.stderr

    found = json.loads(
        run(
            db,
            "search",
            "Which rocket launched the Webb telescope?",
            "--k",
            "3",
            "--format",
            "json",
        ).stdout
    )
    assert len(found) == 3
    assert set(found[0]) >= {"source_id", "title", "url", "published", "passage", "score"}
    assert "nasa-webb-launch" in [f["source_id"] for f in found]
    before = json.loads(
        run(db, "search", "Webb telescope", "--before", "2022-01-01", "--format", "json").stdout
    )
    assert {f["source_id"] for f in before} == {"nasa-webb-launch"}

    listed = json.loads(run(db, "sources", "list", "--format", "json").stdout)
    assert len(listed) == 5 and {d["id"] for d in listed} >= {"nasa-webb-launch", "city-budget"}
    shown = json.loads(run(db, "sources", "show", "city-budget", "--format", "json").stdout)
    assert shown["text"].startswith("The city council passed a $4.2 million budget")
    assert run(db, "sources", "remove", "city-budget").returncode == 0
    missing = run(db, "sources", "show", "city-budget")
    assert missing.returncode != 0 and "no document with id 'city-budget'" in missing.stderr


def test_partial_failure_keeps_what_was_stored(tmp_path: Path) -> None:
    db = tmp_path / "fd.db"
    run(db, "ingest", str(FIXTURES / "evidence" / "webb.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "no text"}\n')
    proc = run(db, "ingest", str(bad), str(tmp_path / "nope"))
    assert proc.returncode == 1
    assert "skipped" in proc.stderr and "nope: no such file or folder" in proc.stderr
    assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0] == 4


def test_store_errors_are_one_line(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_text("not a database")
    for args in (
        ("search", "x"),
        ("sources", "list"),
        ("ingest", str(FIXTURES / "evidence" / "webb.jsonl")),
    ):
        proc = run(garbage, *args)
        assert proc.returncode != 0
        assert proc.stderr.strip().splitlines() == [
            f"factdesk: error: {garbage}: not a factdesk store (not an SQLite database)"
        ]
    assert garbage.read_text() == "not a database"
    empty = run(tmp_path / "none.db", "search", "x")
    assert empty.returncode != 0 and "factdesk ingest" in empty.stderr
    assert run(tmp_path / "none.db", "ingest").returncode == 2


def test_a_line_holding_a_nul_byte_is_skipped_and_the_rest_kept(tmp_path: Path) -> None:
    lines = [
        b'{"id": "a", "text": "The bridge over the Elm river opened in 1990."}',
        b'{"id": "b", "text": "A line with a \x00 byte in it."}',
        b'{"id": "c", "text": "The mayor of Springfield is Jane Doe.", "published": "soonish"}',
        b'{"id": "d", "text": "An escaped \\u0000 NUL is dropped from the text.",'
        b' "published": "2024-05-01"}',
    ]
    corpus = tmp_path / "nul.jsonl"
    corpus.write_bytes(b"\n".join(lines) + b"\n")
    db = tmp_path / "n.db"
    proc = run(db, "ingest", str(corpus))
    assert proc.returncode == 1, proc.stderr  # some lines failed, the rest was done
    out = json.loads(proc.stdout)
    assert (out["added"], out["store"]["documents"]) == (3, 3)
    assert out["failed"] == [
        {"where": f"{corpus}:2", "reason": "holds a NUL byte: not a line of text"}
    ]
    assert f"factdesk: skipped {corpus}:2: holds a NUL byte" in proc.stderr
    warning = f"factdesk: warning: {corpus}:3: published 'soonish' is not a date"
    assert warning in proc.stderr
    assert out["warnings"] == [
        {"where": f"{corpus}:3", "message": "published 'soonish' is not a date; stored without one"}
    ]
    with sqlite3.connect(db) as conn:
        texts = [t for (t,) in conn.execute("SELECT text FROM documents ORDER BY id")]
    assert texts[2] == "An escaped  NUL is dropped from the text."
    assert "Traceback" not in proc.stderr
