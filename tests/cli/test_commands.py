"""The command line, run as a user runs it: a real process, real files, a real server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from ..conftest import FIXTURES, ROOT

EXAMPLE = ROOT / "examples" / "webb-telescope.html"


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "factdesk.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_extract_file_as_json() -> None:
    proc = run("extract", str(EXAMPLE), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["title"] == "Webb telescope marks a new era for astronomy"
    assert data["published"] == "2022-07-20T08:15:00+00:00"
    assert data["authors"] == ["Jordan Avery"]
    assert data["language"] == "en"
    assert len(data["comments"]) == 5
    assert data["comments"][1]["parent_id"] == data["comments"][0]["id"]


def test_extract_defaults_to_json_when_piped() -> None:
    proc = run("extract", str(EXAMPLE))
    assert json.loads(proc.stdout)["authors"] == ["Jordan Avery"]


def test_extract_text_format_shows_title_and_comments() -> None:
    proc = run("extract", str(EXAMPLE), "--format", "text")
    out = proc.stdout.decode()
    assert "Webb telescope marks a new era for astronomy" in out
    assert "Helen Carter" in out and "5 comments" in out


def test_extract_stdin_html_and_text() -> None:
    proc = run("extract", "-", stdin=EXAMPLE.read_bytes())
    assert json.loads(proc.stdout)["title"] == "Webb telescope marks a new era for astronomy"
    text = b"Storm closes schools\n\nBy Ann Lee\n\nAll schools in the county closed on Friday as snow fell."
    data = json.loads(run("extract", "-", stdin=text).stdout)
    assert data["title"] == "Storm closes schools" and data["authors"] == ["Ann Lee"]


def test_extract_url(http_server: tuple[str, Callable[..., None]]) -> None:
    base, add = http_server
    add("/a", (FIXTURES / "comments" / "drupal.html").read_bytes())
    data = json.loads(run("extract", f"{base}/a").stdout)
    assert data["title"] == "Council delays vote on parking fees"
    assert data["source"] == f"{base}/a"


def _one_line_error(proc: subprocess.CompletedProcess[bytes], needle: str) -> None:
    err = proc.stderr.decode().strip()
    assert proc.returncode != 0
    assert proc.stdout == b""
    assert len(err.splitlines()) == 1, err
    assert err.startswith("factdesk: error:") and needle in err
    assert "Traceback" not in err


def test_bad_inputs_give_one_clear_line(
    tmp_path: Path, http_server: tuple[str, Callable[..., None]]
) -> None:
    _one_line_error(run("extract", str(tmp_path / "missing.html")), "no such file")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    _one_line_error(run("extract", str(empty)), "empty")
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    _one_line_error(run("extract", str(binary)), "PNG image")
    nav_only = tmp_path / "nav.html"
    nav_only.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    _one_line_error(run("extract", str(nav_only)), "no article text")
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    _one_line_error(run("extract", str(huge)), "larger than")
    base, add = http_server
    add("/slow", "<p>late</p>", delay=3)
    _one_line_error(run("extract", f"{base}/slow", "--timeout", "0.5"), "timed out")


def test_a_url_of_another_scheme_is_refused_as_such() -> None:
    for url in ("ftp://host/x", "file:///etc/hostname", "Gopher://host/1"):
        proc = run("check", url, "--no-live")
        _one_line_error(proc, f"{url}: {url.split(':')[0].lower()}:// URLs are not supported")
        assert proc.returncode == 2 and b"no such file" not in proc.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    proc = run("extract", str(tmp_path / "missing.html"), "--debug")
    assert proc.returncode != 0 and b"Traceback" in proc.stderr


def test_bad_setting_in_environment(tmp_path: Path) -> None:
    import os

    env = dict(os.environ, FACTDESK_FETCH_TIMEOUT="soon")
    _one_line_error(run("extract", str(EXAMPLE), env=env), "fetch_timeout")


def test_stage_extract_over_jsonl(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "html": EXAMPLE.read_text(encoding="utf-8"), "url": "https://x.example/a"},
        {"id": "b", "html": ""},
        {"id": "c", "html": (FIXTURES / "comments" / "jsonld.html").read_text()},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(line) for line in lines) + "\nnot json\n")
    proc = run("stage", "extract", str(src))
    assert proc.returncode == 1  # some lines failed
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c", None]
    assert out[0]["title"] == "Webb telescope marks a new era for astronomy"
    assert set(out[0]) >= {"id", "title", "text", "published", "authors", "comments"}
    assert set(out[0]["comments"][0]) == {"id", "author", "text", "published", "parent_id"}
    assert "empty" in out[1]["error"]
    assert out[2]["comments"][1]["parent_id"] == "#cm1"
    assert "not valid JSON" in out[3]["error"]
    assert b"2 done, 2 failed" in proc.stderr


def test_stage_missing_input_file(tmp_path: Path) -> None:
    _one_line_error(run("stage", "extract", str(tmp_path / "nope.jsonl")), "no such file")


def test_undeclared_cp1252_is_a_warning_not_silent_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(
        "Caf\u00e9 owners said on Monday that the r\u00e9gion\u2019s rents rose 12% in 2023, "
        "the highest rise in a decade.".encode("cp1252")
    )
    proc = run("extract", str(path), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    article = json.loads(proc.stdout)
    assert "Café owners" in article["text"] and "région’s" in article["text"]
    assert "read as cp1252 (guessed, confidence" in article["warnings"][0]
    assert b"factdesk: warning:" in proc.stderr and b"cp1252" in proc.stderr


def test_an_article_over_a_million_characters_is_checked_within_its_budget(
    tmp_path: Path,
) -> None:
    """Once a 34-line traceback (spaCy's max_length); now the part done, and a note."""
    path = tmp_path / "long.txt"
    path.write_text(
        "A long report\n\n"
        + "\n\n".join(
            f"The council approved a budget of ${n} million for road repairs on Tuesday."
            for n in range(15_000)
        ),
        encoding="utf-8",
    )
    assert path.stat().st_size > 1_100_000
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")}
    env["FACTDESK_CHECK_BUDGET_S"] = "5"
    proc = run(
        "check", str(path), "--format", "json", "--no-live", "--db", str(tmp_path / "n.db"),
        env=env,
    )  # fmt: skip
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    assert report["checked"]["complete"] is False
    assert report["checked"]["of"] == len(report["article"]["text"]) > 1_000_000
    # On free cores some claims are checked; on loaded ones reading may take the 5 s.
    assert 0 <= report["checked"]["chars"] <= 50_000
    assert all(c["span"][1] <= report["checked"]["chars"] for c in report["claims"])
    assert any(note.startswith("The time budget (5 s) ran out") for note in report["notes"])
