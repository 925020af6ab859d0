"""`factdesk serve`: the form, the HTML report, the JSON API and its errors, over real HTTP."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from factdesk.config import load_config
from factdesk.web import App, make_server

from .conftest import ROOT, run_cli
from .test_pipeline import ARTICLE, CORPUS, _schema

PAGE = ARTICLE.read_text(encoding="utf-8")
REQUEST_TIMEOUT = 1.0


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("web") / "w.db"
    assert run_cli("ingest", str(CORPUS), db=db).returncode == 0
    return db


@pytest.fixture(scope="module")
def base(store: Path) -> Iterator[str]:
    config = replace(
        load_config({"db": str(store)}, environ={}),
        max_input_bytes=2_000_000,
        request_timeout=REQUEST_TIMEOUT,
    )
    server = make_server("127.0.0.1", 0, App(config, live=False))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def post(url: str, body: bytes, content_type: str) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def api(base: str, payload: object) -> tuple[int, dict]:  # type: ignore[type-arg]
    status, body = post(f"{base}/api/check", json.dumps(payload).encode(), "application/json")
    return status, json.loads(body)


def test_form_and_html_report(base: str) -> None:
    with urllib.request.urlopen(f"{base}/", timeout=30) as response:
        form = response.read().decode()
    assert '<form method="post" action="/check">' in form and 'name="url"' in form
    body = urllib.parse.urlencode({"url": "", "text": PAGE, "published": ""}).encode()
    status, page = post(f"{base}/check", body, "application/x-www-form-urlencoded")
    assert status == 200
    assert page.count('<mark class="refuted"') == 4
    assert 'href="/">check another article</a>' in page


def test_json_api_from_text_and_from_a_url(
    base: str, http_server: tuple[str, Callable[..., None]]
) -> None:
    status, report = api(base, {"text": PAGE})
    assert status == 200, report
    jsonschema.validate(report, _schema())
    assert report["summary"]["verdict_counts"]["refuted"] == 4
    origin, add = http_server
    add("/story", PAGE)
    status, fetched = api(base, {"url": f"{origin}/story", "published": "2022-07-20"})
    assert status == 200, fetched
    assert fetched["article"]["title"] == report["article"]["title"]
    assert fetched["article"]["published"] == "2022-07-20"  # the override
    assert [c["verdict"] for c in fetched["claims"]] == [c["verdict"] for c in report["claims"]]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({}, "give the article's URL or paste its text"),
        ({"url": "ftp://x.example/a", "text": ""}, "not an http(s) URL"),
        ({"url": "https://x.example/a", "text": "Some text."}, "not both"),
        ({"text": "Some text.", "published": "last Tuesday"}, "published"),
        (["not", "an", "object"], "must be a JSON object"),
    ],
)
def test_api_errors_are_one_line_and_400(base: str, payload: object, message: str) -> None:
    status, body = api(base, payload)
    assert status == 400
    assert message in body["error"] and "\n" not in body["error"]


def test_bad_requests(base: str, http_server: tuple[str, Callable[..., None]]) -> None:
    assert post(f"{base}/api/check", b"{not json", "application/json")[0] == 400
    status, page = post(f"{base}/check", b"url=&text=", "application/x-www-form-urlencoded")
    assert status == 400 and "paste its text" in page and "<form" in page
    huge = json.dumps({"text": "x" * 2_100_000}).encode()
    assert post(f"{base}/api/check", huge, "application/json")[0] == 413
    origin, add = http_server
    add("/gone", "missing", status=404)
    status, body = api(base, {"url": f"{origin}/gone"})
    assert status == 502 and "404" in body["error"]
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{base}/nowhere", timeout=30)
    assert missing.value.code == 404


def test_serve_command_starts_and_answers(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "factdesk.cli",
            "serve",
            "--port",
            "0",
            "--db",
            str(tmp_path / "n.db"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("factdesk: serving on http://127.0.0.1:")
        url = line.split()[3]
        with urllib.request.urlopen(f"{url}healthz", timeout=30) as response:
            assert response.read() == b"ok\n"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    busy = run_cli("serve", "--port", "70000")
    assert busy.returncode == 2 and "--port must be between 0 and 65535" in busy.stderr


def _raw(base: str, request: bytes, *, wait: float = 30) -> tuple[bytes, float]:
    """Send ``request`` as it stands over a socket; the answer (until the server closes or
    ``wait`` runs out) and the seconds it took."""
    host, port = base.removeprefix("http://").split(":")
    start = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        sock.sendall(request)
        answer = b""
        with contextlib.suppress(TimeoutError, ConnectionResetError):
            while chunk := sock.recv(65536):
                answer += chunk
    return answer, time.monotonic() - start


def _healthy(base: str) -> bool:
    with urllib.request.urlopen(f"{base}/healthz", timeout=30) as response:
        return bool(response.read() == b"ok\n")


def test_a_client_announcing_more_than_it_sends_gets_408_within_the_timeout(base: str) -> None:
    request = (
        b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000\r\n\r\n" + b'{"text": "'
    )
    answer, took = _raw(base, request)
    assert answer.startswith(b"HTTP/1.0 408") or answer.startswith(b"HTTP/1.1 408"), answer[:80]
    assert took < 3 * REQUEST_TIMEOUT + 1
    assert _healthy(base)


def test_a_client_that_stops_in_its_headers_is_closed(base: str) -> None:
    answer, took = _raw(base, b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Le")
    assert answer == b"" and took < 3 * REQUEST_TIMEOUT + 1
    assert _healthy(base)


def test_the_size_is_checked_before_the_body_is_read(base: str) -> None:
    request = (
        b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 900000000\r\n\r\n{}"
    )
    answer, took = _raw(base, request)
    assert answer.split(b"\r\n")[0].endswith(b"413 Request Entity Too Large")
    assert took < REQUEST_TIMEOUT  # answered at once, nothing waited for
    assert _healthy(base)


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/api/check", "text/plain"),
        ("/api/check", "application/x-www-form-urlencoded"),
        ("/api/check", "multipart/form-data; boundary=x"),
        ("/api/check", ""),
        ("/check", "text/plain"),
    ],
)
def test_only_json_reaches_the_api_and_only_forms_the_form(
    base: str, path: str, content_type: str
) -> None:
    body = json.dumps({"text": PAGE}).encode()
    status, answer = post(f"{base}{path}", body, content_type)
    assert status == 415, answer
    assert _healthy(base)


def test_json_with_a_charset_parameter_is_json(base: str) -> None:
    status, body = post(
        f"{base}/api/check", json.dumps({}).encode(), "Application/JSON; charset=utf-8"
    )
    assert status == 400 and "give the article's URL" in json.loads(body)["error"]


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
    server = make_server("127.0.0.1", 0, App(config, live=False))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        status, report = api(url, {"text": text})
        assert status == 200, report
        jsonschema.validate(report, _schema())
        assert report["checked"]["complete"] is False
        assert 0 <= report["checked"]["chars"] < len(report["article"]["text"])
        assert all(c["span"][1] <= report["checked"]["chars"] for c in report["claims"])
        assert any(n.startswith("The time budget (5 s) ran out") for n in report["notes"])
        assert _healthy(url)
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("length", ["ten", "²", "-5", ""])
def test_a_content_length_that_is_no_number_gets_411(base: str, length: str) -> None:
    request = (
        b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {length}\r\n\r\n{{}}".encode()
    )
    answer, _ = _raw(base, request)
    assert answer.split(b"\r\n")[0].endswith(b"411 Length Required"), answer[:80]
    assert _healthy(base)
