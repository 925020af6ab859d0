"""`factdesk serve`: the form, the job page, the JSON API and its errors, over real HTTP."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from factdesk.config import load_config
from factdesk.errors import ConfigError
from factdesk.web import App

from ..conftest import ROOT, run_cli
from ..test_pipeline import _schema
from .conftest import PAGE, Origin, api, get, healthy, post, start

OTHER = (ROOT / "examples" / "webb-other-outlet.txt").read_text(encoding="utf-8")


def wait_for(base: str, job_id: str) -> dict:  # type: ignore[type-arg]
    """Poll the job until it is done or failed; every answer's progress only grows."""
    seen: list[str] = []
    for _ in range(1200):
        status, body = get(f"{base}/api/jobs/{job_id}")
        assert status == 200
        info = json.loads(body)
        assert info["progress"][: len(seen)] == seen
        seen = info["progress"]
        if info["state"] in ("done", "failed"):
            return info  # type: ignore[no-any-return]
        time.sleep(0.1)
    raise AssertionError("the check did not finish in two minutes")


def test_form_redirects_to_the_job_page_with_the_highlighted_report(base: str) -> None:
    status, form = get(f"{base}/")
    assert status == 200 and b'<form method="post" action="/check"' in form
    body = urllib.parse.urlencode({"url": "", "text": PAGE, "published": ""}).encode()
    status, page = post(f"{base}/check", body, "application/x-www-form-urlencoded")
    assert status == 200  # urllib followed the 303 to /jobs/ID
    job_id = page.split('data-id="')[1].split('"')[0]
    assert wait_for(base, job_id)["state"] == "done"
    _, done = get(f"{base}/jobs/{job_id}")
    html = done.decode()
    assert html.count('<mark class="refuted"') == 4
    assert 'class="card refuted"' in html and "Listen to the article" in html
    assert f'src="/api/jobs/{job_id}/audio/article"' in html


def test_json_api_from_text_and_from_a_url(base: str, origin: Origin) -> None:
    status, report = api(base, {"text": PAGE})
    assert status == 200, report
    jsonschema.validate(report, _schema())
    assert report["summary"]["verdict_counts"]["refuted"] == 4
    url = origin.add("/story", PAGE)
    status, fetched = api(base, {"url": url, "published": "2022-07-20"})
    assert status == 200, fetched
    assert fetched["article"]["title"] == report["article"]["title"]
    assert fetched["article"]["published"] == "2022-07-20"  # the override
    assert [c["verdict"] for c in fetched["claims"]] == [c["verdict"] for c in report["claims"]]


def test_json_api_from_a_pages_html_the_url_only_naming_it(base: str) -> None:
    status, report = api(base, {"text": PAGE})
    assert status == 200, report
    # Were the URL fetched it would be refused (a loopback address): it only names the page.
    status, given = api(base, {"html": PAGE, "url": "http://127.0.0.1:1/story"})
    assert status == 200, given
    jsonschema.validate(given, _schema())
    assert [(c["text"], c["verdict"]) for c in given["claims"]] == [
        (c["text"], c["verdict"]) for c in report["claims"]
    ]
    assert given["comments"]["count"] == report["comments"]["count"] > 0
    status, error = api(base, {"html": PAGE, "text": "Some text."})
    assert status == 400 and "not both" in error["error"]
    status, error = api(base, {"html": PAGE, "url": "ftp://x"})
    assert status == 400 and "not an http(s) URL" in error["error"]


def test_a_job_reports_progress_then_its_report_and_a_comparison(base: str) -> None:
    status, job = api(base, {"text": PAGE, "compare": [{"text": OTHER}]}, path="/api/jobs")
    assert status == 202 and job["state"] in ("queued", "running")
    info = wait_for(base, job["id"])
    assert info["state"] == "done", info
    assert info["progress"][0] == "reading the article"
    assert "comparing with the other articles" in info["progress"]
    assert any(line.startswith("judging claims 1-") for line in info["progress"])
    status, body = get(f"{base}{info['report']}")
    report = json.loads(body)
    jsonschema.validate(report, _schema())
    cross = [c for c in report["contradictions"] if c["kind"] == "cross_source"]
    assert any("2021-12-25" in c["explanation"] for c in cross), cross
    _, page = get(f"{base}{info['page']}")
    html = page.decode()
    assert 'id="compare"' in html and html.count('<mark class="contradicts">') >= 2


def test_audio_is_a_wav_of_the_article(base: str) -> None:
    _, job = api(
        base, {"text": "The council met on Monday.\n\nIt approved the budget."}, "/api/jobs"
    )
    assert wait_for(base, job["id"])["state"] == "done"
    status, wav = get(f"{base}/api/jobs/{job['id']}/audio/article")
    assert status == 200 and wav[:4] == b"RIFF" and wav[8:12] == b"WAVE" and len(wav) > 10_000
    assert get(f"{base}/api/jobs/{job['id']}/audio/nothing")[0] == 400


def test_openapi_documents_the_api(base: str) -> None:
    status, body = get(f"{base}/api/openapi.json")
    spec = json.loads(body)
    assert status == 200 and spec["info"]["title"] == "factdesk"
    for path in ("/api/jobs", "/api/jobs/{job_id}", "/api/jobs/{job_id}/report", "/api/check"):
        assert path in spec["paths"], path
    assert "/api/jobs/{job_id}/audio/{what}" in spec["paths"]
    assert set(spec["components"]["schemas"]["CheckIn"]["properties"]) == {
        "url",
        "text",
        "html",
        "published",
        "compare",
    }


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({}, "give the article's URL or paste its text"),
        ({"url": "ftp://x.example/a", "text": ""}, "not an http(s) URL"),
        ({"url": "https://x.example/a", "text": "Some text."}, "not both"),
        ({"text": "Some text.", "published": "last Tuesday"}, "published"),
        (["not", "an", "object"], "must be a JSON object"),
        ({"text": 5}, "text:"),
        ({"text": "A.", "compare": [{"text": "B."}] * 4}, "at most 3"),
    ],
)
def test_api_errors_are_one_line_and_400(base: str, payload: object, message: str) -> None:
    status, body = api(base, payload)
    assert status == 400
    assert message in body["error"] and "\n" not in body["error"]


def test_bad_requests(base: str, origin: Origin) -> None:
    status, body = post(f"{base}/api/check", b"{not json", "application/json")
    assert status == 400 and json.loads(body)["error"].startswith("the body is not JSON")
    status, page = post(f"{base}/check", b"url=&text=", "application/x-www-form-urlencoded")
    assert status == 400 and "paste its text" in page and "<form" in page
    huge = json.dumps({"text": "x" * 2_100_000}).encode()
    assert post(f"{base}/api/check", huge, "application/json")[0] == 413
    status, body = api(base, {"url": origin.add("/gone", "missing", status=404)})
    assert status == 502 and "404" in body["error"]
    assert get(f"{base}/nowhere")[0] == 404
    assert get(f"{base}/jobs/no-such-job")[0] == 404
    assert json.loads(get(f"{base}/api/jobs/no-such-job")[1])["error"].startswith("no such check")
    assert healthy(base)


def test_json_with_a_charset_parameter_is_json(base: str) -> None:
    status, body = post(
        f"{base}/api/check", json.dumps({}).encode(), "Application/JSON; charset=utf-8"
    )
    assert status == 400 and "give the article's URL" in json.loads(body)["error"]


def test_a_lone_surrogate_is_read_not_crashed_on(base: str) -> None:
    status, report = post(
        f"{base}/api/check",
        b'{"text": "The mayor \\ud800 opened the bridge on 3 May 2021."}',
        "application/json",
    )
    assert status == 200, report


def test_a_full_queue_answers_503_with_retry_after(store: Path) -> None:
    config = replace(load_config({"db": str(store)}, environ={}), request_timeout=5.0)
    running = start(App(config, live=False, workers=1, max_queued=0))
    try:
        first = api(running.base, {"text": PAGE}, path="/api/jobs")
        assert first[0] == 202
        status, body = api(running.base, {"text": PAGE}, path="/api/jobs")
        assert status == 503 and "try again" in body["error"]
    finally:
        running.stop()


def test_a_token_is_required_when_set_and_the_host_must_be_ours(store: Path) -> None:
    config = load_config({"db": str(store)}, environ={})
    running = start(App(config, live=False, workers=1, token="s3cret"))
    try:
        assert get(f"{running.base}/")[0] == 401
        assert get(f"{running.base}/", {"Authorization": "Bearer wrong"})[0] == 401
        assert get(f"{running.base}/", {"Authorization": "Bearer s3cret"})[0] == 200
        assert get(f"{running.base}/", {"Cookie": "factdesk_token=s3cret"})[0] == 200
        assert healthy(running.base)  # /healthz needs no token
        status, _ = post(f"{running.base}/api/check", b"{}", "application/json")
        assert status == 401
        host = {"Authorization": "Bearer s3cret", "Host": "attacker.example"}
        assert get(f"{running.base}/", host)[0] == 421  # DNS rebinding
    finally:
        running.stop()


def test_an_allowed_origin_is_taken_with_the_token_only(store: Path) -> None:
    extension = "chrome-extension://fegkpgeedgdlajonkomccfoggjhobpgn"
    config = load_config({"db": str(store)}, environ={})
    with pytest.raises(ConfigError, match="--allow-origin needs a token"):
        App(config, live=False, workers=1, origins=(extension,)).asgi()
    running = start(App(config, live=False, workers=1, token="s3cret", origins=(extension,)))
    try:
        body = json.dumps({"text": "The sky is green."}).encode()
        url = f"{running.base}/api/jobs"
        asked = {"Origin": extension, "Authorization": "Bearer s3cret"}
        assert post(url, body, "application/json", asked)[0] == 202
        assert post(url, body, "application/json", {**asked, "Authorization": ""})[0] == 401
        other = {**asked, "Origin": "chrome-extension://someoneelse"}
        assert post(url, body, "application/json", other)[0] == 403
    finally:
        running.stop()


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},  # a sandboxed iframe's form
        {"Sec-Fetch-Site": "cross-site"},  # no Origin, but the browser says where it came from
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "http://127.0.0.1:1", "Sec-Fetch-Site": "same-site"},  # another port
    ],
)
def test_a_post_from_another_sites_page_is_refused(base: str, headers: dict[str, str]) -> None:
    body = urllib.parse.urlencode({"text": PAGE}).encode()
    status, answer = post(f"{base}/check", body, "application/x-www-form-urlencoded", headers)
    assert status == 403 and "another site" in answer
    status, _ = post(f"{base}/api/check", b"{}", "application/json", headers)
    assert status == 403


@pytest.mark.parametrize("origin", ["same", "null"])  # null: a page under no-referrer
def test_a_post_from_the_apps_own_page_is_taken(base: str, origin: str) -> None:
    headers = {"Origin": base if origin == "same" else "null", "Sec-Fetch-Site": "same-origin"}
    status, answer = post(f"{base}/api/check", b"{}", "application/json", headers)
    assert status == 400 and "give the article" in answer  # past the door, to the app


@contextlib.contextmanager
def serving(*args: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``factdesk serve ARGS --port 0`` as a user runs it: its first line, and the process
    (stopped with SIGTERM at the end)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")}
    cmd = [sys.executable, "-m", "factdesk.cli", "serve", "--port", "0", *args]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline(), proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_command_starts_answers_and_stops_cleanly(tmp_path: Path) -> None:
    with serving("--db", str(tmp_path / "n.db")) as (line, proc):
        assert line.startswith("factdesk: serving on http://127.0.0.1:")
        assert healthy(line.split()[3].rstrip("/"))
    assert proc.returncode == 0  # SIGTERM stops it cleanly
    bad = run_cli("serve", "--port", "70000")
    assert bad.returncode == 2 and "--port must be between 0 and 65535" in bad.stderr
    bad = run_cli("serve", "--port", "0", "--allow-fetch", "not-a-net")
    assert bad.returncode == 2 and "--allow-fetch" in bad.stderr


def test_bound_beyond_loopback_a_token_is_made_up_and_required(tmp_path: Path) -> None:
    with serving("--host", "0.0.0.0", "--db", str(tmp_path / "n.db")) as (line, proc):
        port = line.split()[3].rstrip("/").rsplit(":", 1)[1]
        assert proc.stdout is not None
        hint = proc.stdout.readline()
        assert "a token is required" in hint
        token = hint.split("?token=")[1].split()[0]
        base = f"http://127.0.0.1:{port}"
        assert get(f"{base}/")[0] == 401
        assert get(f"{base}/", {"Authorization": f"Bearer {token}"})[0] == 200
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with browser.open(f"{base}/?token={token}", timeout=30) as response:  # cookie, page
            assert response.status == 200 and response.url == f"{base}/"
        with browser.open(f"{base}/", timeout=30) as response:  # the cookie is enough now
            assert response.status == 200


def test_allowing_an_origin_makes_up_a_token(tmp_path: Path) -> None:
    args = ("--allow-origin", "chrome-extension://abc", "--db", str(tmp_path / "n.db"))
    with serving(*args) as (line, proc):
        base = line.split()[3].rstrip("/")
        assert proc.stdout is not None
        hint = proc.stdout.readline()
        assert "another origin is allowed, so a token is required" in hint
        assert get(f"{base}/")[0] == 401
    bad = run_cli("serve", "--port", "0", "--allow-origin", "chrome-extension://abc/path")
    assert bad.returncode == 2 and "--allow-origin takes an origin" in bad.stderr


def test_a_long_article_over_http_is_answered_with_the_part_done(store: Path) -> None:
    text = "\n\n".join(
        f"The council approved a budget of ${n} million for road repairs on Tuesday."
        for n in range(1, 40_000)
    )  # 3 MB: past the budget, and past spaCy's max_length in one piece
    config = replace(
        load_config({"db": str(store)}, environ={}),
        max_input_bytes=5_000_000,
        check_budget_s=5.0,
    )
    running = start(App(config, live=False, workers=1))
    try:
        status, report = api(running.base, {"text": text})
        assert status == 200, report
        jsonschema.validate(report, _schema())
        assert report["checked"]["complete"] is False
        assert 0 <= report["checked"]["chars"] < len(report["article"]["text"])
        assert all(c["span"][1] <= report["checked"]["chars"] for c in report["claims"])
        assert any(n.startswith("The time budget (5 s) ran out") for n in report["notes"])
        assert healthy(running.base)
    finally:
        running.stop()


def test_workers_end_when_the_server_is_killed(tmp_path: Path) -> None:
    with serving("--db", str(tmp_path / "n.db"), "--workers", "1") as (line, proc):
        base = line.split()[3].rstrip("/")
        assert api(base, {"text": "The council met on Monday."})[0] == 200
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        assert children  # the worker (and multiprocessing's resource tracker)
        proc.kill()
        deadline = time.monotonic() + 20
        while any(Path(f"/proc/{c}").exists() for c in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = [c for c in children if Path(f"/proc/{c}/status").exists()]
        running = [c for c in left if "State:\tZ" not in Path(f"/proc/{c}/status").read_text()]
        assert running == [], "worker processes outlived a killed server"
