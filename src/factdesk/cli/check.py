"""``factdesk check -i LIST`` / ``--feed URL``: the batch side of the check command."""

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
from factdesk.config import load_config
from factdesk.errors import InputError


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
    config = load_config({"fetch_timeout": args.timeout, "db": args.db})
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
    err = Console(stderr=True)

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
    print(
        f"factdesk: {summary.done} checked, {summary.failed} failed, {summary.skipped} already "
        f"done; {out} ({summary.seconds:.1f} s, peak {peak:.0f} MB per worker)",
        file=sys.stderr,
    )
    return 1 if summary.failed else 0
