"""``factdesk serve``: the web app.

Several checks run at once in a bounded pool of worker processes (each loads the models
once), with a queue behind them; each check has an id and a page that shows its progress,
then the article with its claims highlighted by verdict, the evidence, the comment flags, the
comparison with other articles and a listen button. A JSON API, documented by OpenAPI at
``/api/openapi.json``, does the same for programs. FastAPI, served by uvicorn.

Safe by default: it binds to 127.0.0.1; it refuses to fetch from private, loopback and
link-local addresses (after redirects too) unless ``--allow-fetch`` names them; request size
and time limits apply (413 decided before the body is read, 408 for slow clients, 415 for a
wrong content type); bound to any other interface it requires a token.

This module stays light (the command line imports it to build ``--help``); the app and the
server are imported when they are used.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import secrets
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factdesk.claims import DEFAULT_THRESHOLD
from factdesk.config import Config, load_config
from factdesk.errors import ConfigError, InputError

if TYPE_CHECKING:
    from factdesk.web.guard import AddressPolicy
    from factdesk.web.jobs import JobQueue
    from factdesk.web.server import WebServer

__all__ = ["App", "add_arguments", "main", "make_server"]

log = logging.getLogger(__name__)
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(slots=True)
class App:
    """The web app's settings and its job queue (made on first use)."""

    config: Config
    live: bool = True
    threshold: float = DEFAULT_THRESHOLD
    workers: int = 2
    max_queued: int = 32
    allow_fetch: tuple[str, ...] = ()
    token: str | None = None
    speech_engine: str = "auto"
    hosts: frozenset[str] | None = None  # Host header names answered; None: any
    origins: tuple[str, ...] = ()  # other origins taken, with the token (the extension's)
    _queue: JobQueue | None = field(default=None, repr=False)

    def policy(self) -> AddressPolicy:
        from factdesk.web.guard import AddressPolicy

        try:
            return AddressPolicy.parse(self.allow_fetch)
        except ValueError as exc:
            raise ConfigError(f"--allow-fetch: {exc}") from None

    @property
    def queue(self) -> JobQueue:
        if self._queue is None:
            from factdesk.web.jobs import JobQueue
            from factdesk.web.worker import WorkerSettings

            settings = WorkerSettings(
                self.config, self.live, self.threshold, self.policy(), self.speech_engine
            )
            self._queue = JobQueue(settings, workers=self.workers, max_queued=self.max_queued)
        return self._queue

    def asgi(self) -> Any:
        """The ASGI app: the FastAPI routes behind the limits middleware."""
        from factdesk.web.app import create_app
        from factdesk.web.limits import Door, Limits

        if self.origins and not self.token:
            raise ConfigError("--allow-origin needs a token: give --token (or FACTDESK_WEB_TOKEN)")
        door = Door(
            max_bytes=self.config.max_input_bytes,
            timeout=self.config.request_timeout,
            token=self.token,
            hosts=self.hosts,
            origins=frozenset(self.origins),
        )
        return Limits(create_app(self.queue), door)

    def close(self) -> None:
        """Stop the worker processes; checks not done are cancelled. Safe to call twice."""
        if self._queue is not None:
            self._queue.close()
            self._queue = None


def make_server(host: str, port: int, app: App) -> WebServer:
    """A server for ``app`` bound now (port 0: any free port; read it from
    ``server_address``); ``serve_forever()`` serves, ``shutdown()`` stops it from another
    thread, ``server_close()`` closes the socket and stops the workers."""
    from factdesk.web.server import WebServer

    if app.hosts is None and is_loopback(host):
        app.hosts = frozenset(LOOPBACK_NAMES | {host})
    return WebServer(
        app.asgi(), host, port, header_timeout=app.config.request_timeout, on_close=app.close
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``serve`` command's options."""
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine)"
    )
    parser.add_argument("--port", type=int, default=8350, help="port (default 8350; 0: any free)")
    parser.add_argument(
        "--no-live", action="store_true", help="local sources only (no Wikipedia, feeds, ...)"
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="checks run at once, one process each (default 2)"
    )
    parser.add_argument(
        "--queue", type=int, default=32, help="checks that may wait for a worker (default 32)"
    )
    parser.add_argument(
        "--token",
        help="token clients must send (Authorization: Bearer TOKEN, or open /?token=TOKEN once "
        "in a browser); required when --host is not a loopback address, made up and printed "
        "when not given (env FACTDESK_WEB_TOKEN)",
    )
    parser.add_argument(
        "--allow-fetch",
        action="append",
        default=[],
        metavar="NET",
        help="let URLs be fetched from this network or address, which is refused by default "
        "(private, loopback, link-local: 10.0.0.0/8, 127.0.0.1, ...); 'private' allows all; "
        "repeatable",
    )
    parser.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="take checks from pages of this origin too, such as the browser extension's "
        "chrome-extension://ID (its options page shows it); a token is then required, made up "
        "and printed when not given; repeatable",
    )
    parser.add_argument(
        "--speech-engine",
        choices=("auto", "piper", "espeak-ng"),
        default="auto",
        help="voice for the listen button (default auto: Piper when installed, else espeak-ng)",
    )


def _origin(value: str) -> str:
    """``value`` as an origin (``scheme://host[:port]``, no path).

    Raises:
        InputError: it is not one.
    """
    value = value.strip().rstrip("/")
    scheme, _, rest = value.partition("://")
    if not scheme or not rest or "/" in rest or not scheme.replace("-", "").isalnum():
        raise InputError(
            f"--allow-origin takes an origin such as chrome-extension://ID, not {value!r}"
        )
    return value


def main(args: argparse.Namespace) -> int:
    """Run the server until Ctrl-C; 0 when it stopped cleanly.

    Raises:
        InputError: a bad port, or the address cannot be listened on.
    """
    if not 0 <= args.port <= 65535:
        raise InputError("--port must be between 0 and 65535")
    if args.workers < 1 or args.queue < 0:
        raise InputError("--workers must be at least 1 and --queue at least 0")
    cfg = load_config(
        {"fetch_timeout": getattr(args, "timeout", None), "db": getattr(args, "db", None)}
    )
    token = args.token or os.environ.get("FACTDESK_WEB_TOKEN") or None
    made_up = False
    origins = tuple(_origin(o) for o in args.allow_origin)
    if token is None and (origins or not is_loopback(args.host)):
        token, made_up = secrets.token_urlsafe(24), True
    app = App(
        cfg,
        live=not args.no_live,
        workers=args.workers,
        max_queued=args.queue,
        allow_fetch=tuple(args.allow_fetch),
        token=token,
        speech_engine=args.speech_engine,
        origins=origins,
    )
    app.policy()  # a bad --allow-fetch is refused before anything starts
    try:
        server = make_server(args.host, args.port, app)
    except OSError as exc:
        raise InputError(f"cannot listen on {args.host}:{args.port}: {exc.strerror}") from None
    port = server.server_address[1]
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"factdesk: serving on http://{shown}:{port}/ (Ctrl-C stops)", flush=True)
    if made_up:
        why = "another origin is allowed" if origins else "bound beyond this machine"
        print(
            f"factdesk: {why}, so a token is required: {token} (in a browser open "
            f"http://{shown}:{port}/?token={token} once; the extension takes it in its options)",
            flush=True,
        )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    print("factdesk: stopped", file=sys.stderr)
    return 0
