"""The evidence commands of the command line: ``ingest``, ``sources``, ``search``."""

from __future__ import annotations

import argparse
import itertools
import sys
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from factdesk.cliutil import date_arg, output_format, print_json
from factdesk.config import Config, load_config
from factdesk.errors import InputError
from factdesk.evidence import gather_evidence, ingest, iter_documents, iter_feed, require_store
from factdesk.evidence.base import copy_store, display, open_location, store_location
from factdesk.evidence.embed import default_embedder


def _config(args: argparse.Namespace) -> Config:
    return load_config({"fetch_timeout": args.timeout, "db": args.db})


def cmd_ingest(args: argparse.Namespace) -> int:
    if not args.paths and not args.feed:
        raise InputError("give files, folders or --feed URLs to ingest")
    config = _config(args)
    err = Console(stderr=True)
    items = itertools.chain(
        iter_documents(args.paths, config=config),
        *(iter_feed(url, config=config) for url in args.feed),
    )
    with require_store(config, writable=True) as store:
        embedder = default_embedder()
        if err.is_terminal:
            with _bar("ingesting", err) as bar:
                task = bar.add_task("ingest", total=None)
                report = ingest(store, embedder, items, progress=lambda n: bar.advance(task, n))
        else:
            report = ingest(store, embedder, items)
        docs, passages = store.count()
    for failure in report.failures:
        print(f"factdesk: skipped {failure.where}: {failure.reason}", file=sys.stderr)
    print(
        f"{report.documents} documents ({report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged), {report.passages} passages written, "
        f"{len(report.failures)} failed; the store at {display(store_location(config))} holds {docs} documents, "
        f"{passages} passages"
    )
    return 1 if report.failures else 0


def _bar(label: str, err: Console) -> Progress:
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    return Progress(*columns, console=err, transient=True)


def cmd_store(args: argparse.Namespace) -> int:
    """``factdesk store copy SRC DST``: every document, passage and embedding, either way
    between SQLite paths and postgresql:// URLs (re-running it skips what is there)."""
    if args.src == args.dst:
        raise InputError("the source and the destination are the same store")
    err = Console(stderr=True)
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
    print(
        f"{written} documents copied, {unchanged} already there; {display(args.dst)} holds "
        f"{docs} documents, {passages} passages"
    )
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    config = _config(args)
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
        print(f"removed {args.id}")
        return 0


def _info(d: Any) -> dict[str, Any]:
    return {
        k: getattr(d, k)
        for k in ("id", "title", "url", "published", "source", "passages", "ingested_at")
    }


def cmd_search(args: argparse.Namespace) -> int:
    config = _config(args)
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
            print(f"factdesk: {r.message}", file=sys.stderr)
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
