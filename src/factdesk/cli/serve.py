"""``factdesk serve``: the web app (``factdesk.web``)."""

from __future__ import annotations

import argparse

from factdesk.cli.common import config_from, fetch_options, global_options, store_options
from factdesk.errors import InputError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        parents=[global_options(suppress=True), fetch_options(), store_options()],
        help="run the web app: a form, the HTML report, and a JSON API",
        description="Serve factdesk over HTTP: GET / is a form (URL or pasted text), POST /check "
        'answers with the HTML report, POST /api/check takes {"url": ...} or {"text": ...} and '
        "answers with the JSON report. Binds to 127.0.0.1 unless told otherwise; it fetches the "
        "URLs it is given, so keep it behind an authenticating proxy if others can reach it.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8350, help="port (default 8350; 0: any free)")
    p.add_argument(
        "--no-live", action="store_true", help="local sources only (no Wikipedia, feeds, ...)"
    )
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from factdesk.web import App, make_server

    if not 0 <= args.port <= 65535:
        raise InputError("--port must be between 0 and 65535")
    cfg = config_from(args)
    try:
        server = make_server(args.host, args.port, App(cfg, live=not args.no_live))
    except OSError as exc:
        raise InputError(f"cannot listen on {args.host}:{args.port}: {exc.strerror}") from None
    port = server.server_address[1]
    print(f"factdesk: serving on http://{args.host}:{port}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0
