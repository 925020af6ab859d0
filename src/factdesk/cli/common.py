"""What the command modules share: options, output conventions, argument checks.

Output: the result goes to standard output, as text on a terminal and as JSON whenever standard
output is not a terminal (or with ``--format json``); prose about the run (progress, counts,
warnings) goes to standard error, and ``-q`` silences all of it but errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from factdesk.config import Config, load_config
from factdesk.errors import InputError
from factdesk.extract.dates import normalize_date
from factdesk.model import Article

# Exit codes, as ``factdesk --help`` lists them.
EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_FETCH = 3
EXIT_NO_ARTICLE = 4
EXIT_STORE = 5
EXIT_FAIL_ON = 6
EXIT_MODEL = 7
EXIT_INTERRUPTED = 130
EXIT_CODES = (
    (EXIT_OK, "ok"),
    (EXIT_PARTIAL, "some lines, files or articles failed (the rest was done), or a bug"),
    (EXIT_USAGE, "bad input, option or setting"),
    (EXIT_FETCH, "a URL could not be fetched"),
    (EXIT_NO_ARTICLE, "no article found in the input"),
    (EXIT_STORE, "the evidence store cannot be used"),
    (EXIT_FAIL_ON, "check --fail-on: a claim got one of the verdicts named"),
    (EXIT_MODEL, "a model file is missing or does not match factdesk's manifest"),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C)"),
)


def global_options(*, suppress: bool) -> argparse.ArgumentParser:
    """``--debug``, ``-v`` and ``-q``: on the main parser (``suppress=False``, with defaults)
    and again on every subcommand (``suppress=True``: absent there, the main parser's value
    stands), so that they work before or after the subcommand."""
    parser = argparse.ArgumentParser(add_help=False)

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    group = parser.add_argument_group("global options")
    group.add_argument(
        "--debug", action="store_true", default=default(False), help="debug log and tracebacks"
    )
    group.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=default(0),
        help="say more on standard error (-vv: the debug log)",
    )
    group.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default(False),
        help="errors only on standard error: no progress, counts or warnings",
    )
    return parser


def fetch_options() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--timeout", type=float, help="seconds to wait for a URL (fetch_timeout)")
    return parser


def store_options() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db", help="evidence store: a path or postgresql:// URL (setting db)")
    return parser


def config_from(args: argparse.Namespace) -> Config:
    """The settings, with the command's flags on top."""
    return load_config(
        {"fetch_timeout": getattr(args, "timeout", None), "db": getattr(args, "db", None)}
    )


def output_format(requested: str | None) -> str:
    """The format asked for, else text in a terminal and JSON when piped."""
    return requested or ("text" if sys.stdout.isatty() else "json")


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def say(args: argparse.Namespace, message: str) -> None:
    """A line of prose about the run, on standard error (not with ``-q``)."""
    if not getattr(args, "quiet", False):
        print(message, file=sys.stderr, flush=True)


def result(args: argparse.Namespace, data: dict[str, Any], prose: str) -> None:
    """A command's outcome: the prose on a terminal; on a pipe the JSON on standard output
    and the prose on standard error."""
    if sys.stdout.isatty():
        print(prose)
    else:
        print_json(data)
        say(args, prose)


def warn_article(args: argparse.Namespace, article: Article) -> None:
    """The article's warnings (a guessed encoding, a language other than English), one line
    each on standard error."""
    for warning in article.warnings:
        say(args, f"factdesk: warning: {warning}")


def date_arg(value: str | None, flag: str) -> str | None:
    """An ISO date from a command-line flag, or a clear error."""
    if value is None:
        return None
    parsed = normalize_date(value)
    if parsed is None:
        raise InputError(f"{flag} needs a date such as 2024-12-31, not {value!r}")
    return parsed[:10]


def threshold_arg(value: float | None, default: float) -> float:
    """A check-worthiness threshold in [0, 1]."""
    threshold = default if value is None else value
    if not 0 <= threshold <= 1:
        raise InputError("--threshold must be between 0 and 1")
    return threshold
