"""The ``factdesk`` command line. Thin: it parses arguments and calls the library.

Each command group is a module of this package with a ``register(subparsers)`` function that
adds its subcommands, each with a ``handler`` (``args -> exit status``):

    article     extract, claims
    check       check (one article, or a batch with -i LIST / --feed URL)
    evidence    ingest, sources, search, store
    speak       speak
    serve       serve (the web app)
    stage       stage (one pipeline stage over JSON Lines)
    settings    config show
    info        schema, doctor
    completion  completion bash|zsh

This module is the boundary where errors become one line on standard error and an exit code.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from types import ModuleType

from factdesk.cli import (
    article,
    check,
    completion,
    evidence,
    info,
    serve,
    settings,
    speak,
    stage,
)
from factdesk.cli.common import EXIT_CODES, EXIT_INTERRUPTED, global_options
from factdesk.config import settings_help
from factdesk.errors import FactdeskError
from factdesk.version import __version__

GROUPS: tuple[ModuleType, ...] = (
    article,
    check,
    evidence,
    speak,
    serve,
    stage,
    settings,
    info,
    completion,
)
Handler = Callable[[argparse.Namespace], int]


def _epilog() -> str:
    lines = ["exit codes:"]
    lines += [f"  {code:<4} {meaning}" for code, meaning in EXIT_CODES]
    lines += [
        "",
        "output: text on a terminal; JSON on standard output whenever it is not a terminal",
        "(prose about the run goes to standard error).",
        "",
        "settings (defaults < config file < FACTDESK_<NAME> environment < flags;",
        "`factdesk config show` prints them and the config file's path):",
    ]
    for name, default, help_text in settings_help():
        lines.append(f"  {name} (FACTDESK_{name.upper()}, default {default!r}): {help_text}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: global options, then one subcommand per action."""
    parser = argparse.ArgumentParser(
        prog="factdesk",
        description="An open fact-checking desk for news.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[global_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"factdesk {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in GROUPS:
        group.register(sub)
    return parser


def _logging(args: argparse.Namespace) -> None:
    level = (
        logging.DEBUG
        if args.debug or args.verbose >= 2
        else logging.INFO
        if args.verbose
        else logging.ERROR
        if args.quiet
        else logging.WARNING
    )
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if level > logging.DEBUG:
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
        logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``factdesk`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _logging(args)
    handler: Handler = args.handler
    try:
        return handler(args)
    except FactdeskError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"factdesk: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("factdesk: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
