"""``factdesk check``: one article (report in the terminal, JSON, Markdown, HTML or
ClaimReview), or a batch (``-i LIST`` / ``--feed URL``, one JSON line per article)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from factdesk.batch import (
    ENGINES,
    BatchSummary,
    CheckOptions,
    feed_inputs,
    read_list,
    run_batch,
)
from factdesk.cli.common import (
    EXIT_FAIL_ON,
    EXIT_OK,
    EXIT_PARTIAL,
    config_from,
    date_arg,
    fetch_options,
    global_options,
    output_format,
    print_json,
    say,
    store_options,
    threshold_arg,
    warn_article,
)
from factdesk.errors import InputError
from factdesk.model import VERDICT_LABELS, Report

FORMATS = ("text", "json", "md", "html", "claimreview")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        parents=[global_options(suppress=True), fetch_options(), store_options()],
        help="check an article: claims, evidence, verdicts, report",
        description="Extract the article, find its claims, retrieve evidence from the store (and "
        "enabled live sources), judge each claim, and print the report.",
        epilog=f"exit status {EXIT_FAIL_ON} with --fail-on when a claim got a verdict named "
        "there (the report is printed all the same).",
    )
    p.add_argument("source", nargs="?", help="URL, path to an .html or .txt file, or - for stdin")
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="text in a terminal, json otherwise; md: Markdown; html: a self-contained page; "
        "claimreview: schema.org ClaimReview JSON-LD drafts for the claims with a verdict",
    )
    p.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="SOURCE",
        help="another article on the same story (URL or path; repeatable): report where they disagree",
    )
    p.add_argument("--k", type=int, default=5, help="passages retrieved per claim (default 5)")
    p.add_argument(
        "--published", help="publication date (YYYY-MM-DD) when the page gives none or a wrong one"
    )
    p.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="lowest check-worthiness checked (default 0.5)",
    )
    p.add_argument("--no-live", action="store_true", help="use the local store only")
    p.add_argument(
        "--fail-on",
        type=_verdicts,
        default=frozenset(),
        metavar="VERDICTS",
        help="for CI: exit with status 6 when any claim gets one of these verdicts "
        "(comma-separated: refuted, conflicting, supported, not_enough_evidence)",
    )
    add_arguments(p)
    p.set_defaults(handler=cmd_check)


def _verdicts(value: str) -> frozenset[str]:
    names = {v.strip() for v in value.split(",") if v.strip()}
    unknown = names - set(VERDICT_LABELS)
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"{value!r}: name verdicts among {', '.join(VERDICT_LABELS)}, comma-separated"
        )
    return frozenset(names)


def cmd_check(args: argparse.Namespace) -> int:
    from factdesk.claims import DEFAULT_THRESHOLD
    from factdesk.pipeline import check

    if args.k < 1:
        raise InputError("--k must be at least 1")
    threshold = threshold_arg(args.threshold, DEFAULT_THRESHOLD)
    if is_batch(args):
        if args.fail_on:
            raise InputError("--fail-on is for one article; a batch's lines carry the verdicts")
        return cmd_batch(args, threshold=threshold)
    if args.source is None:
        raise InputError("give an article (URL, path or -), or a list with -i LIST or --feed URL")
    published = date_arg(args.published, "--published")
    report = check(
        args.source,
        config=config_from(args),
        k=args.k,
        threshold=threshold,
        published=published,
        live=not args.no_live,
        compare=args.compare,
    )
    warn_article(args, report.article)
    render(report, output_format(args.format))
    failed = sorted({r.verdict.label for r in report.results} & args.fail_on)
    if failed:
        say(args, f"factdesk: --fail-on: claims were found {' and '.join(failed)}")
        return EXIT_FAIL_ON
    return EXIT_OK


def render(report: Report, fmt: str) -> None:
    """Print ``report`` on standard output in format ``fmt`` (one of ``FORMATS``)."""
    if fmt == "json":
        print_json(report.to_dict())
    elif fmt == "claimreview":
        from factdesk.report.claimreview import claim_reviews

        print_json(claim_reviews(report))
    elif fmt == "md":
        from factdesk.report.markdown import render_markdown

        sys.stdout.write(render_markdown(report))
    elif fmt == "html":
        from factdesk.report.html import render_html

        sys.stdout.write(render_html(report))
    else:
        from factdesk.report.terminal import render_report

        render_report(report, Console())


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The batch flags of ``factdesk check``."""
    group = parser.add_argument_group("batch (many articles, one JSON line each)")
    group.add_argument(
        "-i", "--input", type=Path, metavar="LIST", help="a file of URLs or paths, one a line"
    )
    group.add_argument(
        "--feed",
        action="append",
        default=[],
        metavar="URL",
        help="check the items of an RSS/Atom feed (repeatable)",
    )
    group.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="JSON Lines file to write; re-running with it skips what is done (default: "
        "factdesk-batch.jsonl)",
    )
    group.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    group.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="local processes, or a Dask cluster (local unless --scheduler is given)",
    )
    group.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler (tcp://host:8786)")
    group.add_argument(
        "--retry-failed", action="store_true", help="check again the inputs that failed before"
    )
    group.add_argument(
        "--save-reports",
        action="store_true",
        help="also keep each report in the evidence store's database (table reports)",
    )


def is_batch(args: argparse.Namespace) -> bool:
    return bool(args.input or args.feed)


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed * 60:.1f}/min" if speed else "-/min", style="progress.data.speed")


def cmd_batch(args: argparse.Namespace, *, threshold: float) -> int:
    if args.source is not None:
        raise InputError("give either one article or -i LIST / --feed URL, not both")
    if args.compare or args.published:
        raise InputError("--compare and --published are for one article, not a batch")
    fmt = args.format or "json"
    if fmt not in ("json", "claimreview"):
        raise InputError("a batch writes JSON Lines: --format json or claimreview")
    if args.scheduler and args.engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    config = config_from(args)
    sources = read_list(args.input) if args.input else []
    for url in args.feed:
        sources += feed_inputs(url, config=config)
    options = CheckOptions(
        config=config, k=args.k, threshold=threshold, live=not args.no_live, format=fmt
    )
    out = args.output or Path("factdesk-batch.jsonl")
    sink = None
    if args.save_reports:
        from factdesk.reports_db import ReportSink

        sink = ReportSink(config)
    err = Console(stderr=True, quiet=args.quiet)

    def go(progress: Callable[[int, int], None] | None) -> BatchSummary:
        return run_batch(
            sources,
            options,
            out,
            jobs=args.jobs,
            engine=args.engine,
            address=args.scheduler,
            retry_failed=args.retry_failed,
            progress=progress,
            sink=sink,
        )

    try:
        if err.is_terminal:
            columns = (
                TextColumn("checking"),
                BarColumn(),
                MofNCompleteColumn(),
                _Rate(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
            )
            with Progress(*columns, console=err, transient=True) as bar:
                task = bar.add_task("batch", total=None)
                summary = go(lambda n, total: bar.update(task, completed=n, total=total))
        else:
            summary = go(None)
    finally:
        if sink is not None:
            sink.close()
    peak = max(summary.peak_rss_mb.values(), default=0.0)
    say(
        args,
        f"factdesk: {summary.done} checked, {summary.failed} failed, {summary.skipped} already "
        f"done; {out} ({summary.seconds:.1f} s, peak {peak:.0f} MB per worker)",
    )
    return EXIT_PARTIAL if summary.failed else EXIT_OK
