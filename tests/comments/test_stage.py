"""``factdesk stage comments``: one thread per line in, scores and flags per comment out."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from factdesk.cli.stage import run_stage

from ..conftest import ROOT

THREADS = ROOT / "benchmarks" / "data" / "comments" / "threads.jsonl"


def test_stage_over_the_written_threads() -> None:
    lines = THREADS.read_text(encoding="utf-8").splitlines()[:2]
    bad = [
        json.dumps({"id": "no-list", "comments": "hello"}),
        json.dumps({"id": "no-text", "comments": [{"id": "x"}]}),
        json.dumps({"id": "dup", "comments": [{"id": "x", "text": "a"}, {"id": "x", "text": "b"}]}),
    ]
    out = io.StringIO()
    run = run_stage("comments", [*lines, *bad], out)
    assert (run.done, run.failed) == (2, 3)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    inputs = [json.loads(line) for line in lines]
    assert [r["id"] for r in results] == [t["id"] for t in inputs] + ["no-list", "no-text", "dup"]
    for result, thread in zip(results, inputs, strict=False):
        assert set(result) == {"id", "items", "thread", "model"}
        assert [i["id"] for i in result["items"]] == [c["id"] for c in thread["comments"]]
        for item in result["items"]:
            assert set(item) == {"id", "inauthentic_score", "flags", "reasons"}
            assert 0.0 <= item["inauthentic_score"] <= 1.0
        assert 0.0 <= result["thread"]["inauthentic_score"] <= 1.0
        assert result["thread"]["summary"]
    assert "list" in results[2]["error"] and "text" in results[3]["error"]
    assert "unique" in results[4]["error"]


def test_stage_from_the_command_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps(
            {
                "id": "t1",
                "article_text": "The council closed the library.",
                "comments": [
                    {
                        "id": "1",
                        "author": "Jo",
                        "text": "I used that branch every week with my kids.",
                    },
                    {"id": "2", "text": "Agreed. Libraries matter.", "parent_id": "1"},
                ],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "factdesk.cli", "stage", "comments", str(src)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    (line,) = proc.stdout.splitlines()
    result = json.loads(line)
    assert result["id"] == "t1" and [i["id"] for i in result["items"]] == ["1", "2"]
