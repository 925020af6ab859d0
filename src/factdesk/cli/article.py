"""``factdesk extract`` and ``factdesk claims``: the article, and its check-worthy claims."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from rich.console import Console

from factdesk.cli.common import (
    config_from,
    date_arg,
    fetch_options,
    global_options,
    output_format,
    print_json,
    say,
    threshold_arg,
    warn_article,
)
from factdesk.extract import extract
from factdesk.report.terminal import render_article, render_claims

SOURCE_HELP = "URL, path to an .html or .txt file, or - for stdin"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    common = [global_options(suppress=True), fetch_options()]
    p = sub.add_parser(
        "extract",
        parents=common,
        help="print the article, its metadata and its comments",
        description="Extract an article from a URL, a saved HTML page, a text file or - (stdin).",
    )
    p.add_argument("source", help=SOURCE_HELP)
    p.add_argument(
        "--format",
        choices=("text", "json"),
        help="text in a terminal (default there), json otherwise",
    )
    p.set_defaults(handler=cmd_extract)

    p = sub.add_parser(
        "claims",
        parents=common,
        help="list the article's check-worthy claims and what each says",
        description="Find the check-worthy claims of an article, with offsets into the body and "
        "their facets: times, numbers, people, organisations, places, roles, quotes, negation, modality.",
    )
    p.add_argument("source", help=SOURCE_HELP)
    p.add_argument("--format", choices=("text", "json"), help="text in a terminal, json otherwise")
    p.add_argument(
        "--published", help="publication date (YYYY-MM-DD), when the page gives none or a wrong one"
    )
    p.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="lowest check-worthiness kept (default 0.5; 0 keeps every clause)",
    )
    p.set_defaults(handler=cmd_claims)


def cmd_extract(args: argparse.Namespace) -> int:
    article = extract(args.source, config=config_from(args))
    warn_article(args, article)
    if output_format(args.format) == "json":
        print_json(article.to_dict())
    else:
        render_article(article, Console())
    return 0


def cmd_claims(args: argparse.Namespace) -> int:
    from factdesk.budget import Budget
    from factdesk.claims import DEFAULT_THRESHOLD
    from factdesk.claims.pieces import claims_within

    published = date_arg(args.published, "--published")
    threshold = threshold_arg(args.threshold, DEFAULT_THRESHOLD)
    cfg = config_from(args)
    budget = Budget.start(cfg)
    article = extract(args.source, config=cfg, budget=budget)
    if published:
        article = replace(article, published=published)
    claims, read = claims_within(
        article.text, published=article.published, threshold=threshold, budget=budget
    )
    warn_article(args, article)
    if read < len(article.text):
        say(
            args,
            f"factdesk: warning: the time or memory budget ran out: claims of the first "
            f"{read:,} of {len(article.text):,} characters",
        )
    if output_format(args.format) == "json":
        data: dict[str, Any] = {
            "article": {k: v for k, v in article.to_dict().items() if k != "comments"},
            "claims": [c.to_dict() for c in claims],
        }
        print_json(data)
    else:
        render_claims(article, claims, Console())
    return 0
