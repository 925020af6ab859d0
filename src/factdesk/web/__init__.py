"""``factdesk serve``: a small web app over ``check``.

``GET /`` is a form (a URL, or pasted text or HTML); ``POST /check`` answers with the HTML
report (the article with its claims highlighted, the evidence cards, the comment flags);
``POST /api/check`` takes ``{"url": ...}`` or ``{"text": ...}`` (optionally ``"published"``) as
JSON and answers with the JSON report of ``shared/schema/report.schema.json``.

Standard library only (``http.server``); the models load once and checks run one at a time
(they use both cores). It binds to 127.0.0.1 by default: it fetches the URLs it is given, so
put it behind an authenticating proxy before exposing it to others.
"""

from __future__ import annotations

import io
import json
import logging
import threading
import time
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from factdesk.claims import DEFAULT_THRESHOLD
from factdesk.config import Config
from factdesk.errors import FactdeskError, FetchError, InputError
from factdesk.extract.source import is_url
from factdesk.pipeline import check
from factdesk.report.html import CSS, render_html
from factdesk.textutil import without_surrogates

FORM = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>factdesk</title><style>{css}
form {{ font: 15px/1.5 system-ui, sans-serif; background: #fff; border: 1px solid #ddd;
  border-radius: 8px; padding: 1rem; }}
input[type=text], textarea {{ width: 100%; font: inherit; padding: .4rem; margin: .2rem 0 .8rem; }}
button {{ font: inherit; padding: .4rem 1.2rem; }} .error {{ color: #b3261e; font-weight: 600; }}
</style></head><body><header><h1>factdesk</h1>
<p class="meta">Check a news article against your trusted sources: its claims, their evidence,
and its comment section.</p>{error}
<form method="post" action="/check">
<label>Article URL<input type="text" name="url" placeholder="https://example.org/story"></label>
<label>or paste the article (text or HTML)<textarea name="text" rows="12"></textarea></label>
<label>Publication date, when the page gives none or a wrong one
<input type="text" name="published" placeholder="YYYY-MM-DD"></label>
<button type="submit">Check</button></form></header></body></html>
"""


DRAIN_LIMIT = 64_000_000
log = logging.getLogger(__name__)


class App:
    """The checking behind the handler: one check at a time, models loaded once."""

    def __init__(self, config: Config, *, live: bool, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.config, self.live, self.threshold = config, live, threshold
        self._lock = threading.Lock()

    def report(self, fields: dict[str, str]) -> dict[str, Any]:
        """The JSON report for a form or API request; InputError when it names no article."""
        url = fields.get("url", "").strip()
        text = fields.get("text", "")
        if url and text.strip():
            raise InputError("give a URL or a text, not both")
        if url and not is_url(url):
            raise InputError(f"not an http(s) URL: {url[:200]}")
        if not url and not text.strip():
            raise InputError("give the article's URL or paste its text")
        published = fields.get("published", "").strip() or None
        if published:
            from factdesk.cliutil import date_arg

            published = date_arg(published, "published")
        with self._lock:
            report = check(
                url or "-",
                config=self.config,
                threshold=self.threshold,
                published=published,
                live=self.live,
                stdin=None if url else io.BytesIO(text.encode("utf-8")),
            )
        return report.to_dict()


def _handler(app: App) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "factdesk"
        # Each read of the request line, headers and body waits at most this long; the body
        # as a whole gets request_timeout too (see _read).
        timeout = app.config.request_timeout

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet; errors reach the client

        def _send(self, status: int, body: str, content_type: str) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header(
                "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"
            )
            self.end_headers()
            self.wfile.write(data)

        def _form(self, status: int = 200, error: str = "") -> None:
            shown = f'<p class="error">{escape(error)}</p>' if error else ""
            self._send(status, FORM.format(css=CSS, error=shown), "text/html")

        def do_GET(self) -> None:
            if self.path in ("/", "/index.html"):
                self._form()
            elif self.path == "/healthz":
                self._send(200, "ok\n", "text/plain")
            else:
                self._send(404, "not found\n", "text/plain")

        def _read(self, length: int) -> bytes | None:
            """``length`` bytes of body within ``request_timeout`` seconds in all, else None
            (the client is too slow, or went away)."""
            deadline = time.monotonic() + app.config.request_timeout
            chunks: list[bytes] = []
            left = length
            try:
                while left > 0:
                    wait = deadline - time.monotonic()
                    if wait <= 0:
                        return None
                    self.connection.settimeout(wait)
                    chunk = self.rfile.read1(min(left, 1 << 16))
                    if not chunk:
                        return None
                    chunks.append(chunk)
                    left -= len(chunk)
            except (TimeoutError, OSError):
                return None
            finally:
                self.connection.settimeout(app.config.request_timeout)
            return b"".join(chunks)

        def _length(self) -> int | None:
            """The Content-Length, or None when it is missing or not a number."""
            length = self.headers.get("Content-Length", "").strip()
            return int(length) if length.isascii() and length.isdigit() else None

        def _body(self) -> bytes | None:
            """The request body; None after answering 411/413/408 for a missing, huge or
            slow one. The size is checked before anything is read."""
            length = self._length()
            if length is None:
                self.close_connection = True  # what follows cannot be told from a request
                self._send(411, "a Content-Length is required\n", "text/plain")
                return None
            if length > app.config.max_input_bytes:
                # Read (and drop) a moderately oversized body so the client, still sending,
                # gets the 413 instead of a broken connection; past DRAIN_LIMIT just close.
                self.close_connection = True
                if length <= DRAIN_LIMIT:
                    self._read(length)
                self._send(413, "the request is larger than max_input_bytes\n", "text/plain")
                return None
            body = self._read(length)
            if body is None:
                self.close_connection = True
                self._send(408, "the request body came too slowly or not at all\n", "text/plain")
            return body

        def do_POST(self) -> None:
            if self.path not in ("/check", "/api/check"):
                self._send(404, "not found\n", "text/plain")
                return
            api = self.path == "/api/check"
            wanted = "application/json" if api else "application/x-www-form-urlencoded"
            if _media_type(self.headers.get("Content-Type")) != wanted:
                # A cross-site "simple" POST (text/plain) is refused, its body dropped unused
                # (read when small, so that the client gets the answer and not a reset).
                self.close_connection = True
                length = self._length()
                if length is not None and length <= 1 << 20:
                    self._read(length)
                self._send(415, f"send the body as {wanted}\n", "text/plain")
                return
            body = self._body()
            if body is None:
                return
            try:
                fields = _fields(body, api=api)
                report = app.report(fields)
            except FactdeskError as exc:
                self._error(502 if isinstance(exc, FetchError) else 400, str(exc), api=api)
                return
            except Exception:  # a bug must not cost the client its answer or the server its life
                log.exception("checking failed")
                self._error(
                    500, "factdesk failed on this input (a bug; see the server log)", api=api
                )
                return
            if api:
                self._send(200, json.dumps(report, ensure_ascii=False), "application/json")
            else:
                self._send(200, render_html(report, home="/"), "text/html")

        def _error(self, status: int, message: str, *, api: bool) -> None:
            if api:
                self._send(status, json.dumps({"error": message}) + "\n", "application/json")
            else:
                self._form(status, message)

    return Handler


def _media_type(header: str | None) -> str:
    """``text/plain`` of ``Text/Plain; charset=utf-8``."""
    return (header or "").split(";")[0].strip().lower()


def _fields(body: bytes, *, api: bool) -> dict[str, str]:
    text = body.decode("utf-8", errors="replace")
    if api:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"the body is not JSON: {exc.msg}") from None
        except RecursionError:
            raise InputError("the body is JSON nested too deeply") from None
        if not isinstance(data, dict):
            raise InputError('the body must be a JSON object: {"url": ...} or {"text": ...}')
        return {k: without_surrogates(v) for k, v in data.items() if isinstance(v, str)}
    return {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}


def make_server(host: str, port: int, app: App) -> ThreadingHTTPServer:
    """A server for ``app`` (port 0: any free port; read it from ``server_address``)."""
    return ThreadingHTTPServer((host, port), _handler(app))
