"""The ``factdesk`` command line. Thin: it parses arguments and calls the library."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from factdesk import __version__
from factdesk.config import Config, load_config, settings_help
from factdesk.errors import FactdeskError, InputError
from factdesk.extract import extract
from factdesk.report.terminal import render_article
from factdesk.stages import STAGES, run_stage

log = logging.getLogger("factdesk")


def _settings_epilog() -> str:
    lines = ["settings (config file < FACTDESK_<NAME> environment < flags):"]
    for name, default, help_text in settings_help():
        lines.append(f"  {name} (FACTDESK_{name.upper()}, default {default!r}): {help_text}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per action."""
    parser = argparse.ArgumentParser(
        prog="factdesk",
        description="An open fact-checking desk for news.",
        epilog=_settings_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"factdesk {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="log details and show tracebacks")
    common.add_argument("--timeout", type=float, help="seconds to wait for a URL (fetch_timeout)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p_extract = sub.add_parser(
        "extract",
        parents=[common],
        help="print the article, its metadata and its comments",
        description="Extract an article from a URL, a saved HTML page, a text file or - (stdin).",
    )
    p_extract.add_argument("source", help="URL, path to an .html or .txt file, or - for stdin")
    p_extract.add_argument(
        "--format",
        choices=("text", "json"),
        help="text in a terminal (default there), json otherwise",
    )

    p_stage = sub.add_parser(
        "stage",
        parents=[common],
        help="run one pipeline stage over JSON Lines",
        description="Run one stage over a JSON Lines file (or - for stdin); one JSON line out per line in.",
    )
    p_stage.add_argument("name", choices=sorted(STAGES), help="the stage to run")
    p_stage.add_argument("input", help="JSON Lines file, or - for stdin")
    return parser


def _config(args: argparse.Namespace) -> Config:
    return load_config({"fetch_timeout": args.timeout})


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def cmd_extract(args: argparse.Namespace) -> int:
    article = extract(args.source, config=_config(args))
    fmt = args.format or ("text" if sys.stdout.isatty() else "json")
    if fmt == "json":
        _print_json(article.to_dict())
    else:
        render_article(article, Console())
    return 0


def cmd_stage(args: argparse.Namespace) -> int:
    if args.input == "-":
        stream = sys.stdin
    else:
        path = Path(args.input)
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        stream = path.open(encoding="utf-8", errors="replace")
    err = Console(stderr=True)
    with stream:
        run = run_stage(
            args.name,
            stream,
            sys.stdout,
            progress=(lambda n: err.print(f"{args.name}: {n} lines", end="\r"))
            if err.is_terminal
            else None,
        )
    err.print(f"{args.name}: {run.done} done, {run.failed} failed", highlight=False)
    return 1 if run.failed else 0


COMMANDS = {"extract": cmd_extract, "stage": cmd_stage}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``factdesk`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not args.debug:
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
        logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        return COMMANDS[args.command](args)
    except FactdeskError as exc:
        if args.debug:
            raise
        print(f"factdesk: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("factdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
