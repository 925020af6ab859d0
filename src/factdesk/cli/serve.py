"""``factdesk serve``: the web app (``factdesk.web``)."""

from __future__ import annotations

import argparse

from factdesk.cli.common import fetch_options, global_options, store_options


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from factdesk import web

    p = sub.add_parser(
        "serve",
        parents=[global_options(suppress=True), fetch_options(), store_options()],
        help="run the web app: checks with live progress, the report page, and a JSON API",
        description="Serve factdesk over HTTP: GET / is a form, each check gets a page with "
        "its progress and then the report (claims highlighted, evidence, comment flags, "
        "comparison, listen button); POST /api/jobs and POST /api/check take JSON, described "
        "at /api/openapi.json. Binds to 127.0.0.1 unless told otherwise; then a token is "
        "required. URLs on private, loopback and link-local addresses are not fetched unless "
        "--allow-fetch names them.",
    )
    web.add_arguments(p)
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from factdesk import web

    return web.main(args)
