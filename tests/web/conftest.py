"""A real ``factdesk serve`` on 127.0.0.1 for the web tests (one for the session: its worker
processes load the models once), and helpers to talk to it over real HTTP."""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from factdesk.config import load_config
from factdesk.web import App, make_server
from factdesk.web.server import WebServer

from ..conftest import run_cli
from ..test_pipeline import ARTICLE, CORPUS

PAGE = ARTICLE.read_text(encoding="utf-8")
REQUEST_TIMEOUT = 1.0
# The origin server the app may fetch from: a loopback address of its own (Linux answers on
# all of 127.0.0.0/8), so that every other loopback address stays refused.
ORIGIN_HOST = "127.0.0.2"


@dataclass
class Running:
    """A server in a thread and its app."""

    base: str
    app: App
    server: WebServer
    thread: threading.Thread

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start(app: App, host: str = "127.0.0.1") -> Running:
    server = make_server(host, 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://{host}:{server.server_address[1]}"
    for _ in range(100):  # until uvicorn answers
        with contextlib.suppress(OSError):
            if healthy(base):
                break
        time.sleep(0.05)
    return Running(base, app, server, thread)


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("web") / "w.db"
    assert run_cli("ingest", str(CORPUS), db=db).returncode == 0
    return db


@pytest.fixture(scope="session")
def web(store: Path) -> Iterator[Running]:
    """The app with two workers, a queue of 32, fetching allowed from ORIGIN_HOST only."""
    config = replace(
        load_config({"db": str(store)}, environ={}),
        max_input_bytes=2_000_000,
        request_timeout=REQUEST_TIMEOUT,
        fetch_timeout=10.0,
    )
    app = App(
        config,
        live=False,
        workers=2,
        max_queued=32,
        allow_fetch=(f"{ORIGIN_HOST}/32",),
        speech_engine="espeak-ng" if shutil.which("espeak-ng") else "auto",
    )
    running = start(app)
    app.queue.warm()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def base(web: Running) -> str:
    return web.base


class _Origin(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@dataclass
class Origin:
    """A real HTTP server on ORIGIN_HOST; ``add(path, body, status, headers)``."""

    base: str
    routes: dict[str, tuple[int, dict[str, str], bytes]]

    def add(
        self, path: str, body: str, *, status: int = 200, headers: dict[str, str] | None = None
    ) -> str:
        self.routes[path] = (
            status,
            headers or {"Content-Type": "text/html; charset=utf-8"},
            body.encode("utf-8"),
        )
        return f"{self.base}{path}"


@pytest.fixture(scope="session")
def origin() -> Iterator[Origin]:
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
    handler = type("Origin", (_Origin,), {"routes": routes})
    server = ThreadingHTTPServer((ORIGIN_HOST, 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Origin(f"http://{ORIGIN_HOST}:{server.server_address[1]}", routes)
    server.shutdown()
    server.server_close()


def post(
    url: str, body: bytes, content_type: str, headers: dict[str, str] | None = None
) -> tuple[int, str]:
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": content_type, **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def api(base: str, payload: object, path: str = "/api/check") -> tuple[int, Any]:
    status, body = post(f"{base}{path}", json.dumps(payload).encode(), "application/json")
    return status, json.loads(body)


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def healthy(base: str) -> bool:
    with urllib.request.urlopen(f"{base}/healthz", timeout=30) as response:
        return bool(response.read() == b"ok\n")


def raw(base: str, request: bytes, *, wait: float = 30) -> tuple[bytes, float]:
    """Send ``request`` as it stands over a socket; the answer (until the server closes or
    ``wait`` runs out) and the seconds it took."""
    host, port = base.removeprefix("http://").split(":")
    start = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(request)
        answer = b""
        with contextlib.suppress(TimeoutError, ConnectionResetError):
            while chunk := sock.recv(65536):
                answer += chunk
    return answer, time.monotonic() - start
