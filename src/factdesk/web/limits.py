"""The door: what a request must be before the app sees it (an ASGI middleware).

In order: the Host must be one the server answers to (a page elsewhere that re-points its own
name at 127.0.0.1, DNS rebinding, gets 421); a token when the server has one (401, except for
``/healthz``); a POST from another site's page is refused (403: an Origin other than this
server, ``Sec-Fetch-Site: cross-site``, or ``Origin: null`` without
``Sec-Fetch-Site: same-origin``), unless its origin is one the operator allowed (the browser
extension's ``chrome-extension://ID``) and the server has a token, which it then needs; a POST
must be of the media
type its path takes (``/api/...``: ``application/json``; ``/check``: the form's
``application/x-www-form-urlencoded``; 415 otherwise, so a cross-site "simple" ``text/plain``
POST never reaches the app), carry a Content-Length (411), no larger than ``max_bytes``
(413, decided from the header before the body is read), and arrive whole within ``timeout``
seconds (408). Refusals close the connection. The request line and headers have their own
deadline in :mod:`factdesk.web.server`.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode, urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_COOKIE = "factdesk_token"
OPEN_PATHS = frozenset({"/healthz"})
# A moderately oversized body is read and dropped before the 413, so that a client still
# sending gets the answer rather than a reset connection; past this the connection is closed.
DRAIN_LIMIT = 64_000_000


def wanted_type(path: str) -> str | None:
    """The media type a POST to ``path`` must have; None: no POST is taken there."""
    if path == "/check":
        return "application/x-www-form-urlencoded"
    if path.startswith("/api/"):
        return "application/json"
    return None


def media_type(header: str | None) -> str:
    """``text/plain`` of ``Text/Plain; charset=utf-8``."""
    return (header or "").split(";")[0].strip().lower()


@dataclass(frozen=True, slots=True)
class Door:
    """The limits a :class:`Limits` middleware applies."""

    max_bytes: int
    timeout: float
    token: str | None = None
    hosts: frozenset[str] | None = None  # Host names answered; None: any
    origins: frozenset[str] = frozenset()  # other origins whose POSTs are taken (with the token)


class Limits:
    """ASGI middleware applying a :class:`Door` to every HTTP request."""

    def __init__(self, app: ASGIApp, door: Door) -> None:
        self.app, self.door = app, door

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        path: str = scope["path"]
        api = path.startswith("/api/")
        door = self.door
        if door.hosts is not None and path not in OPEN_PATHS:
            host = urlsplit("//" + headers.get("host", "")).hostname or ""
            if host not in door.hosts:
                await _refuse(send, 421, f"this server does not answer for host {host!r}", api)
                return
        if door.token and path not in OPEN_PATHS:
            given = _token(scope, headers)
            if given is None or not secrets.compare_digest(given.encode(), door.token.encode()):
                await _refuse(send, 401, "a token is needed: Authorization: Bearer TOKEN", api)
                return
            if (
                scope["method"] == "GET" and _query_token(scope) is not None
            ):  # a link with ?token=: keep it as a cookie
                await _remember_token(scope, send, door.token)
                return
        if scope["method"] != "POST" or (wanted := wanted_type(path)) is None:
            await self.app(scope, receive, send)
            return
        origin = (headers.get("origin") or "").strip()
        allowed = bool(door.token) and origin in door.origins
        if _cross_site(headers) and not allowed:
            await _refuse(send, 403, "a request from another site's page is refused", api)
            return
        length = _length(headers)
        if media_type(headers.get("content-type")) != wanted:
            if length is not None and length <= 1 << 20 and not _expects_continue(headers):
                await _read(receive, door.timeout)
            await _refuse(send, 415, f"send the body as {wanted}", api)
            return
        if length is None:
            await _refuse(send, 411, "a Content-Length is required", api)
            return
        if length > door.max_bytes:
            if length <= DRAIN_LIMIT and not _expects_continue(headers):
                await _read(receive, door.timeout)
            await _refuse(send, 413, "the request is larger than max_input_bytes", api)
            return
        body = await _read(receive, door.timeout)
        if body is None:
            await _refuse(send, 408, "the request body came too slowly or not at all", api)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _cross_site(headers: Headers) -> bool:
    """True when a browser says the request comes from another site's page: an Origin other
    than this server, ``Sec-Fetch-Site: cross-site`` (or ``same-site``: another port or
    subdomain), or ``Origin: null`` (a sandboxed iframe, a ``data:`` page) unless the browser
    also says ``Sec-Fetch-Site: same-origin`` (a page of ours under a no-referrer policy
    sends null too; a page cannot set Sec-Fetch-* itself). Programs that send neither header
    (curl, scripts) are not browsers acting for a visitor, and pass."""
    origin = (headers.get("origin") or "").strip()
    fetch_site = headers.get("sec-fetch-site", "").strip().lower()
    if fetch_site in ("cross-site", "same-site"):
        return True
    if origin.lower() == "null":
        return fetch_site != "same-origin"
    return bool(origin) and urlsplit(origin).netloc != headers.get("host")


def _length(headers: Headers) -> int | None:
    """The Content-Length, or None when it is missing or not a number (or the body is
    chunked, whose size is not known before it is read)."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return None
    length = headers.get("content-length", "").strip()
    return int(length) if length.isascii() and length.isdigit() else None


def _expects_continue(headers: Headers) -> bool:
    return headers.get("expect", "").strip().lower() == "100-continue"


async def _read(receive: Receive, timeout: float) -> bytes | None:
    """The whole body within ``timeout`` seconds, or None (too slow, or the client left)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    chunks: list[bytes] = []
    while True:
        left = deadline - loop.time()
        if left <= 0:
            return None
        try:
            message = await asyncio.wait_for(receive(), left)
        except TimeoutError:
            return None
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _query_token(scope: Scope) -> str | None:
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
    return values[0] if values else None


def _token(scope: Scope, headers: Headers) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    cookie: SimpleCookie = SimpleCookie()
    try:
        cookie.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header is no token
        return _query_token(scope)
    if TOKEN_COOKIE in cookie:
        return cookie[TOKEN_COOKIE].value
    return _query_token(scope)


async def _remember_token(scope: Scope, send: Send, token: str) -> None:
    """Answer a link with ``?token=`` by setting the cookie and going to the same page
    without it (so the token stays out of the history and of Referer headers)."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    query.pop("token", None)
    target = scope["path"] + ("?" + urlencode(query, doseq=True) if query else "")
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [
                (b"location", target.encode("latin-1", "replace")),
                (
                    b"set-cookie",
                    f"{TOKEN_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/".encode(),
                ),
                (b"content-length", b"0"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})


async def _refuse(send: Send, status: int, message: str, api: bool) -> None:
    """Answer ``status`` with a one-line reason (JSON for the API) and close the connection."""
    if api:
        body, kind = (json.dumps({"error": message}) + "\n").encode(), b"application/json"
    else:
        body, kind = (message + "\n").encode(), b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", kind),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                (b"x-content-type-options", b"nosniff"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
