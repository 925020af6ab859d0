"""The evidence commands: ``ingest``, ``sources``, ``search`` and ``store copy``."""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from factdesk.cli.common import (
    EXIT_OK,
    EXIT_PARTIAL,
    config_from,
    date_arg,
    fetch_options,
    global_options,
    output_format,
    print_json,
    result,
    say,
    store_options,
)
from factdesk.errors import InputError
from factdesk.evidence import gather_evidence, ingest, iter_documents, iter_feed, require_store
from factdesk.evidence.base import copy_store, display, open_location, store_location
from factdesk.models.embed import default_embedder


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    common = [global_options(suppress=True), fetch_options(), store_options()]
    p = sub.add_parser(
        "ingest",
        parents=common,
        help="add trusted sources to the evidence store",
        description="Add documents to the evidence store: .jsonl, .txt, .md, .html, RSS/Atom files, "
        "folders (recursively) and feeds by URL. Re-ingesting a document updates it.",
    )
    p.add_argument("paths", nargs="*", type=Path, help="files or folders")
    p.add_argument(
        "--feed",
        action="append",
        default=[],
        metavar="URL",
        help="an RSS/Atom feed URL (repeatable)",
    )
    p.add_argument(
        "--no-parse",
        action="store_true",
        help="do not keep each passage's parse (ingest about twice as fast; checks against "
        "these passages parse them each time, about 10 ms a passage)",
    )
    p.set_defaults(handler=cmd_ingest)

    p = sub.add_parser("sources", parents=common, help="list, show or remove stored documents")
    p.add_argument("action", choices=("list", "show", "remove"))
    p.add_argument("id", nargs="?", help="document id (for show and remove)")
    p.add_argument("--format", choices=("text", "json"), help="output format")
    p.set_defaults(handler=cmd_sources)

    p = sub.add_parser("search", parents=common, help="find the passages that bear on a query")
    p.add_argument("query")
    p.add_argument("--k", type=int, default=10, help="how many passages (default 10)")
    p.add_argument("--before", help="only documents published before this date (YYYY-MM-DD)")
    p.add_argument("--after", help="only documents published after this date (YYYY-MM-DD)")
    p.add_argument("--mode", choices=("hybrid", "bm25", "dense"), default="hybrid")
    p.add_argument("--no-live", action="store_true", help="search the local store only")
    p.add_argument("--format", choices=("text", "json"), help="output format")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser(
        "store",
        parents=[global_options(suppress=True)],
        help="copy an evidence store between SQLite and PostgreSQL",
        description="factdesk store copy SRC DST: copy every document with its passages and "
        "embeddings (no re-embedding). SRC and DST are SQLite paths or postgresql:// URLs.",
    )
    p.add_argument("action", choices=("copy",))
    p.add_argument("src", help="the store to read: a path or a postgresql:// URL")
    p.add_argument("dst", help="the store to write (created when missing)")
    p.set_defaults(handler=cmd_store)


def cmd_ingest(args: argparse.Namespace) -> int:
    if not args.paths and not args.feed:
        raise InputError("give files, folders or --feed URLs to ingest")
    config = config_from(args)
    err = Console(stderr=True, quiet=args.quiet)
    items = itertools.chain(
        iter_documents(args.paths, config=config),
        *(iter_feed(url, config=config) for url in args.feed),
    )
    with require_store(config, writable=True) as store:
        embedder = default_embedder()
        if err.is_terminal:
            with _bar("ingesting", err) as bar:
                task = bar.add_task("ingest", total=None)
                report = ingest(
                    store,
                    embedder,
                    items,
                    progress=lambda n: bar.advance(task, n),
                    parse=not args.no_parse,
                )
        else:
            report = ingest(store, embedder, items, parse=not args.no_parse)
        docs, passages = store.count()
    for notice in report.notices:
        say(args, f"factdesk: warning: {notice.where}: {notice.message}")
    for failure in report.failures:
        say(args, f"factdesk: skipped {failure.where}: {failure.reason}")
    where = display(store_location(config))
    result(
        args,
        {
            "documents": report.documents,
            "added": report.added,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "passages_written": report.passages,
            "failed": [{"where": f.where, "reason": f.reason} for f in report.failures],
            "warnings": [{"where": n.where, "message": n.message} for n in report.notices],
            "store": {"location": where, "documents": docs, "passages": passages},
        },
        f"{report.documents} documents ({report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged), {report.passages} passages written, "
        f"{len(report.failures)} failed; the store at {where} holds {docs} documents, "
        f"{passages} passages",
    )
    return EXIT_PARTIAL if report.failures else EXIT_OK


def _bar(label: str, err: Console) -> Progress:
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    return Progress(*columns, console=err, transient=True)


def cmd_store(args: argparse.Namespace) -> int:
    """``factdesk store copy SRC DST``: every document, passage and embedding, either way
    between SQLite paths and postgresql:// URLs (re-running it skips what is there)."""
    if args.src == args.dst:
        raise InputError("the source and the destination are the same store")
    err = Console(stderr=True, quiet=args.quiet)
    with (
        open_location(args.src) as source,
        open_location(args.dst, writable=True) as target,
    ):
        total = source.count()[0]
        if err.is_terminal:
            with _bar("copying", err) as bar:
                task = bar.add_task("copy", total=total)
                written, unchanged = copy_store(
                    source, target, progress=lambda n: bar.advance(task, n)
                )
        else:
            written, unchanged = copy_store(source, target)
        docs, passages = target.count()
    result(
        args,
        {
            "copied": written,
            "unchanged": unchanged,
            "store": {"location": display(args.dst), "documents": docs, "passages": passages},
        },
        f"{written} documents copied, {unchanged} already there; {display(args.dst)} holds "
        f"{docs} documents, {passages} passages",
    )
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    config = config_from(args)
    if args.action in ("show", "remove") and not args.id:
        raise InputError(f"`factdesk sources {args.action}` needs a document id")
    with require_store(config, writable=args.action == "remove") as store:
        if args.action == "list":
            docs = store.documents()
            if output_format(args.format) == "json":
                print_json([_info(d) for d in docs])
                return 0
            table = Table("id", "title", "published", "passages", "source")
            for d in docs:
                table.add_row(
                    d.id, d.title or "", d.published or "", str(d.passages), d.source or ""
                )
            Console().print(table)
            return 0
        if args.action == "show":
            doc = store.document(args.id)
            if doc is None:
                raise InputError(f"no document with id {args.id!r} in the store")
            if output_format(args.format) == "json":
                print_json(
                    {
                        "id": doc.id,
                        "title": doc.title,
                        "url": doc.url,
                        "published": doc.published,
                        "source": doc.source,
                        "text": doc.text,
                    }
                )
            else:
                print(
                    f"{doc.title or '(no title)'}\n{doc.url or ''}\n{doc.published or ''}\n\n{doc.text}"
                )
            return 0
        if not store.remove(args.id):
            raise InputError(f"no document with id {args.id!r} in the store")
        result(args, {"removed": args.id}, f"removed {args.id}")
        return 0


def _info(d: Any) -> dict[str, Any]:
    return {
        k: getattr(d, k)
        for k in ("id", "title", "url", "published", "source", "passages", "ingested_at")
    }


def cmd_search(args: argparse.Namespace) -> int:
    config = config_from(args)
    before = date_arg(args.before, "--before")
    after = date_arg(args.after, "--after")
    if args.k < 1:
        raise InputError("--k must be at least 1")
    passages, results = gather_evidence(
        args.query,
        config=config,
        k=args.k,
        before=before,
        after=after,
        mode=args.mode,
        live=not args.no_live,
    )
    for r in results:
        if r.status != "ok" and r.message:
            say(args, f"factdesk: {r.message}")
    if all(r.status != "ok" for r in results):
        raise InputError(
            f"no evidence source could be searched (run `factdesk ingest PATH` to fill {display(store_location(config))})"
        )
    if output_format(args.format) == "json":
        print_json([p.to_dict() for p in passages])
        return 0
    console = Console()
    if not passages:
        console.print("No passages found.")
    for rank, p in enumerate(passages, start=1):
        head = f"[bold]{rank}. {p.title or p.source_id}[/bold]  [dim]{p.published or 'undated'} · {p.origin} · score {p.score:.4f}[/dim]"
        console.print(head)
        console.print(
            f"   [dim]{p.source_id}{'  ' + p.url if p.url else ''}[/dim]", highlight=False
        )
        console.print(f"   {p.text}\n", highlight=False, markup=False)
    return 0
