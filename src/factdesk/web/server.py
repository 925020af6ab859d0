"""Serving the app with uvicorn (its pure-Python h11 protocol), plus a deadline for the
request line and headers, which uvicorn does not have.

:class:`WebServer` binds its socket when made (so port 0 gives a port to read at once) and
offers ``serve_forever`` / ``shutdown`` / ``server_close`` like the standard library's
servers, for the command, the tests and the fuzzing harness alike.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

TIMEOUT_ANSWER = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"content-length: 41\r\nconnection: close\r\n\r\n"
    b"the request came too slowly or not at all\n"
)


class DeadlineH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline: a client has ``header_timeout`` seconds to send
    a request line and headers (on a new connection, or after a response on a kept-alive
    one); past it the connection is closed, with a 408 when part of a request had come (an
    idle connection is closed silently, as browsers expect of kept-alive ones)."""

    header_timeout = 10.0
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        self._watch_headers()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._watch_headers()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_timer()
        super().connection_lost(exc)

    def _stop_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _watch_headers(self) -> None:
        """Arm the deadline while the client owes us a request's head; disarm it after."""
        waiting = self.conn.their_state is h11.IDLE and (
            self.cycle is None or self.cycle.response_complete
        )
        if waiting and self._header_timer is None and not self.transport.is_closing():
            self._header_timer = self.loop.call_later(self.header_timeout, self._too_slow)
        elif not waiting:
            self._stop_timer()

    def _too_slow(self) -> None:
        self._header_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.cycle is not None and not self.cycle.response_complete:
            return
        if self.conn.trailing_data[0]:
            self.transport.write(TIMEOUT_ANSWER)
        self.transport.close()


def protocol_with_deadline(seconds: float) -> type[DeadlineH11Protocol]:
    """A :class:`DeadlineH11Protocol` whose deadline is ``seconds``."""
    return type("DeadlineH11", (DeadlineH11Protocol,), {"header_timeout": seconds})


class _Server(uvicorn.Server):
    """uvicorn's server, stopping cleanly on SIGINT and SIGTERM: in the main thread it sets
    ``should_exit`` (uvicorn's own handling raises the signal again once stopped, so that
    the process ends by it rather than with an exit status of its own). When it stops it
    first calls ``on_stopping`` (in a thread), so that requests waiting on work the app
    cancels there are answered before uvicorn's graceful-shutdown deadline, not cancelled
    by it."""

    def __init__(self, config: uvicorn.Config, on_stopping: Callable[[], None]) -> None:
        super().__init__(config)
        self.on_stopping = on_stopping

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        await asyncio.to_thread(self.on_stopping)
        await super().shutdown(sockets)

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        stops = (signal.SIGINT, signal.SIGTERM)
        previous = {sig: signal.signal(sig, self.handle_exit) for sig in stops}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


class WebServer:
    """An ASGI app served by uvicorn on a socket bound now. ``on_close`` (which must be safe
    to call twice) is called as soon as the server starts to stop, and by
    :meth:`server_close`."""

    def __init__(
        self,
        app: Any,
        host: str,
        port: int,
        *,
        header_timeout: float,
        on_close: Callable[[], None] = lambda: None,
    ) -> None:
        self.on_close = on_close
        self._started = False
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.socket = socket.socket(family, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.socket.bind((host, port))
            self.socket.listen(128)
        except OSError:
            self.socket.close()
            raise
        self.server_address: tuple[str, int] = self.socket.getsockname()[:2]
        config = uvicorn.Config(
            app,
            http=protocol_with_deadline(header_timeout),
            lifespan="off",
            log_level="warning",
            access_log=False,
            server_header=False,
            timeout_keep_alive=5,
            timeout_graceful_shutdown=5,
        )
        self.server = _Server(config, on_close)
        self._stopped = threading.Event()

    def serve_forever(self) -> None:
        """Serve until :meth:`shutdown` (or, in the main thread, Ctrl-C / SIGTERM)."""
        self._started = True
        try:
            self.server.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Ask the server to stop, and wait until it has (from another thread)."""
        self.server.should_exit = True
        if self._started:
            self._stopped.wait(timeout=30)

    def server_close(self) -> None:
        """Close the listening socket and what the app holds (its worker processes)."""
        self.socket.close()
        self.on_close()
