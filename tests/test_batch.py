"""Batch checking: JSON Lines out, failures recorded, resumable (even after a kill), the same
results on one process, two local workers and a local Dask cluster."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factdesk.batch import CheckOptions, done_inputs, run_batch
from factdesk.config import Config

from .conftest import FIXTURES, ROOT, run_cli

ARTICLES = [
    "The city council approved a budget of {n} million dollars on Monday, the mayor said.",
    "Unemployment fell to {n} percent in 2023, the statistics office reported on Friday.",
    "The new bridge, {n} metres long, opened to traffic in 1990 after four years of work.",
]


def _articles(folder: Path, count: int) -> list[str]:
    paths = []
    for n in range(count):
        path = folder / f"a{n}.txt"
        path.write_text(ARTICLES[n % len(ARTICLES)].format(n=n + 2) + "\n")
        paths.append(str(path))
    return paths


def _lines(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.read_text().splitlines()]


def _options(tmp_path: Path, fmt: str = "json") -> CheckOptions:
    return CheckOptions(config=Config(db=str(tmp_path / "none.db")), live=False, format=fmt)


def test_failures_are_recorded_and_a_rerun_skips_what_is_done(tmp_path: Path) -> None:
    good = _articles(tmp_path, 2)
    (tmp_path / "pic.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    sources = [good[0], str(tmp_path / "missing.txt"), str(tmp_path / "pic.txt"), good[1], good[0]]
    out = tmp_path / "out.jsonl"
    first = run_batch(sources, _options(tmp_path), out)
    assert (first.done, first.failed, first.skipped) == (2, 2, 0)
    lines = _lines(out)
    assert [line["input"] for line in lines] == list(dict.fromkeys(sources))
    failed = {line["input"]: line["error"] for line in lines if line["status"] == "failed"}
    assert "no such file" in failed[str(tmp_path / "missing.txt")]
    assert "\n" not in "".join(failed.values())
    assert all(line["report"]["schema_version"] == "1" for line in lines if line["status"] == "ok")
    again = run_batch(sources, _options(tmp_path), out)
    assert (again.done, again.failed, again.skipped) == (0, 0, 4)
    (tmp_path / "missing.txt").write_text("Now the ministry said exports rose by 5 percent.\n")
    retried = run_batch(sources, _options(tmp_path), out, retry_failed=True)
    assert (retried.done, retried.failed) == (1, 1)
    assert len(_lines(out)) == 4 and len({line["input"] for line in _lines(out)}) == 4


def test_a_torn_last_line_is_cut_and_checked_again(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"input": "a", "status": "ok"}\n{"input": "b", "sta')
    assert done_inputs(out) == {"a"}
    assert out.read_text() == '{"input": "a", "status": "ok"}\n'


def test_claimreview_lines_follow_the_schema_org_shape(tmp_path: Path) -> None:
    shape = json.loads((FIXTURES / "report" / "claimreview.schema.json").read_text())
    out = tmp_path / "cr.jsonl"
    run_batch(_articles(tmp_path, 1), _options(tmp_path, "claimreview"), out)
    (line,) = _lines(out)
    assert line["status"] == "ok" and "report" not in line
    for review in line["claimreview"]:  # an empty store decides nothing: usually none
        jsonschema.validate(review, shape)


def _batch_cli(*args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")}
    env["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.Popen(
        [sys.executable, "-m", "factdesk.cli", "check", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_killed_halfway_then_rerun_loses_and_repeats_nothing(tmp_path: Path) -> None:
    sources = _articles(tmp_path, 8)
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join(sources) + "\n")
    out = tmp_path / "out.jsonl"
    args = ("-i", str(listing), "-o", str(out), "--no-live", "--db", str(tmp_path / "none.db"))
    proc = _batch_cli(*args)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_text().count("\n") >= 3:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    written = out.read_text().count("\n")
    assert 3 <= written < len(sources), "the batch was not stopped halfway"
    rerun = _batch_cli(*args)
    _, err = rerun.communicate(timeout=240)
    assert rerun.returncode == 0, err
    assert f"{written} already done" in err
    inputs = [line["input"] for line in _lines(out)]
    assert sorted(inputs) == sorted(sources)  # every one, once


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_two_workers_give_the_same_reports(tmp_path: Path, engine: str) -> None:
    if engine == "dask":
        pytest.importorskip("distributed", reason="Dask is in the dask extra")
    sources = [*_articles(tmp_path, 3), str(tmp_path / "missing.txt")]
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_batch(sources, _options(tmp_path), one)
    summary = run_batch(sources, _options(tmp_path), two, jobs=2, engine=engine)
    assert (summary.done, summary.failed) == (3, 1)
    assert 1 <= len(summary.peak_rss_mb) <= 2  # worker processes did the work, not this one
    assert all(pid != str(os.getpid()) for pid in summary.peak_rss_mb)

    def verdicts(out: Path) -> dict[str, Any]:
        return {
            line["input"]: [c["verdict"] for c in line["report"]["claims"]]
            if line["status"] == "ok"
            else line["error"]
            for line in _lines(out)
        }

    assert verdicts(one) == verdicts(two)


def test_feed_items_are_checked_and_reports_saved(
    tmp_path: Path, http_server: tuple[str, Callable[..., None]]
) -> None:
    base, add = http_server
    page = "<html><head><title>{t}</title></head><body><article><p>{p}</p></article></body></html>"
    for n in range(2):
        add(f"/story{n}", page.format(t=f"Story {n}", p=ARTICLES[n].format(n=n + 3) * 3))
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}/story{n}</link></item>" for n in range(2)
    )
    add("/feed.rss", f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>')
    out, db = tmp_path / "feed.jsonl", tmp_path / "store.db"
    done = run_cli(
        "check", "--feed", f"{base}/feed.rss", "-o", str(out), "--no-live", "--save-reports", db=db
    )
    assert done.returncode == 0, done.stderr
    assert [line["input"] for line in _lines(out)] == [f"{base}/story0", f"{base}/story1"]
    rows = sqlite3.connect(db).execute("SELECT input, status FROM reports ORDER BY input")
    assert rows.fetchall() == [(f"{base}/story0", "ok"), (f"{base}/story1", "ok")]


def test_a_batch_on_a_postgres_store_finds_evidence_and_saves_reports(
    tmp_path: Path, postgres_url: str
) -> None:
    from factdesk.evidence.base import open_location
    from factdesk.evidence.ingest import ingest, iter_documents
    from factdesk.models.embed import default_embedder
    from factdesk.reports_db import ReportSink

    config = Config(db=postgres_url)
    with open_location(postgres_url, writable=True) as store:
        ingest(
            store,
            default_embedder(),
            iter_documents([FIXTURES / "evidence" / "webb.jsonl"], config=config),
        )
    article = tmp_path / "webb.txt"
    article.write_text(
        "The James Webb Space Telescope launched on an Ariane 5 rocket from French Guiana on "
        "25 December 2021. Its primary mirror is 6.5 metres across.\n"
    )
    sink = ReportSink(config)
    try:
        run_batch(
            [str(article)], CheckOptions(config=config, live=False), tmp_path / "o.jsonl", sink=sink
        )
    finally:
        sink.close()
    (line,) = _lines(tmp_path / "o.jsonl")
    assert line["status"] == "ok", line
    evidence = [e for c in line["report"]["claims"] for e in c["evidence"]]
    assert any(e["source_id"].startswith(("nasa-", "esa-")) for e in evidence)
    assert "No evidence store yet" not in " ".join(line["report"]["notes"])
    import psycopg

    with psycopg.connect(postgres_url) as conn:
        row = conn.execute(
            "SELECT status, line->'report'->>'schema_version' FROM reports"
        ).fetchone()
    assert row == ("ok", "1")
