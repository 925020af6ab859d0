"""Ingesting trusted sources into the store: JSON Lines, text, Markdown, HTML, feeds, folders."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from factdesk.claims.nlp import parse_texts
from factdesk.config import Config
from factdesk.errors import FactdeskError, InputError
from factdesk.evidence.base import Store
from factdesk.evidence.feeds import parse_feed
from factdesk.evidence.passages import make_passages
from factdesk.extract.dates import normalize_date
from factdesk.extract.fetch import fetch
from factdesk.extract.html import extract_html
from factdesk.extract.source import decode, sniff_binary
from factdesk.extract.text import extract_text
from factdesk.model import Document
from factdesk.models.embed import Embedder
from factdesk.textutil import without_surrogates

log = logging.getLogger(__name__)

SUFFIXES = {".jsonl", ".txt", ".md", ".markdown", ".html", ".htm", ".xml", ".rss", ".atom"}


@dataclass(frozen=True, slots=True)
class Failure:
    """Something that could not be ingested, and why."""

    where: str
    reason: str


@dataclass(frozen=True, slots=True)
class Notice:
    """Something ingested with a part left out, and what (a publication date that is not a
    date, ...)."""

    where: str
    message: str


Item = Document | Failure | Notice


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    passages: int = 0
    failures: list[Failure] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.added + self.updated + self.unchanged


def _read_bytes(path: Path, config: Config) -> bytes:
    size = path.stat().st_size
    if size > config.max_input_bytes:
        raise InputError(f"larger than the {config.max_input_bytes / 1e6:g} MB limit")
    return path.read_bytes()


def _text(data: bytes, path: Path) -> str:
    kind = sniff_binary(data)
    if kind:
        raise InputError(f"this is {kind}, not text")
    return decode(data, origin=str(path))


def _read_text(path: Path, config: Config) -> str:
    return _text(_read_bytes(path, config), path)


def _without_nul_lines(data: bytes, path: Path) -> tuple[bytes, list[Failure]]:
    """JSON Lines bytes with every line that holds a NUL byte blanked (line numbers kept),
    and a failure for each: one such line is a bad line, not a binary file. A file that
    starts like a known binary format, or is UTF-16 (NULs throughout), is left whole."""
    if b"\x00" not in data or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data, []
    if (kind := sniff_binary(data)) and kind != "a binary file":
        return data, []
    lines = data.split(b"\n")
    failures = []
    for number, line in enumerate(lines, start=1):
        if b"\x00" in line:
            failures.append(Failure(f"{path}:{number}", "holds a NUL byte: not a line of text"))
            lines[number - 1] = b""
    return b"\n".join(lines), failures


def _clean_strings(row: dict[str, Any]) -> dict[str, Any]:
    """Strings without lone surrogates or NUL characters (``\\u0000``), which no store keeps."""
    return {
        k: without_surrogates(v).replace("\x00", "") if isinstance(v, str) else v
        for k, v in row.items()
    }


def _published(row: dict[str, Any], where: str) -> tuple[str | None, Notice | None]:
    """The row's publication date, and a notice when it has one that is not a date."""
    value = row.get("published")
    if value is None or value == "":
        return None, None
    parsed = normalize_date(str(value))
    if parsed is None:
        shown = str(value)[:80]
        return None, Notice(where, f"published {shown!r} is not a date; stored without one")
    return parsed, None


def _jsonl(path: Path, config: Config) -> Iterator[Item]:
    data, failures = _without_nul_lines(_read_bytes(path, config), path)
    text = _text(data, path)
    yield from failures
    # Lines end at "\n" only: str.splitlines() would also cut at U+2028, U+0085 and other
    # characters a JSON string may hold as they are.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line, object_hook=_clean_strings)
        except (ValueError, RecursionError):
            yield Failure(where, "not valid JSON")
            continue
        if (
            not isinstance(row, dict)
            or not isinstance(row.get("text"), str)
            or not row["text"].strip()
        ):
            yield Failure(where, 'needs a non-empty "text" field')
            continue
        ident = row.get("id") or row.get("url") or where
        published, notice = _published(row, where)
        if notice:
            yield notice
        yield Document(
            id=str(ident),
            text=row["text"].strip(),
            title=row.get("title") if isinstance(row.get("title"), str) else None,
            url=row.get("url") if isinstance(row.get("url"), str) else None,
            published=published,
            source=str(path),
        )


def _file(path: Path, config: Config) -> Iterator[Item]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            yield from _jsonl(path, config)
            return
        text = _read_text(path, config)
        if not text.strip():
            raise InputError("the file is empty")
        if suffix in {".xml", ".rss", ".atom"}:
            yield from parse_feed(text, source=str(path))
            return
        if suffix in {".html", ".htm"}:
            article = extract_html(text, source=str(path))
        else:
            if suffix in {".md", ".markdown"}:
                text = "\n".join(
                    line.lstrip("#").strip() if line.startswith("#") else line
                    for line in text.splitlines()
                )
            article = extract_text(text, source=str(path))
        yield Document(
            id=article.url or str(path),
            text=article.text,
            title=article.title,
            url=article.url,
            published=article.published,
            source=str(path),
        )
    except (FactdeskError, OSError) as exc:
        yield Failure(str(path), str(exc).removeprefix(f"{path}: "))


def iter_documents(paths: Iterable[Path], *, config: Config) -> Iterator[Item]:
    """Documents from files and folders (recursively, known suffixes only), in sorted order,
    with a :class:`Failure` for what was skipped and a :class:`Notice` for what was left out
    of a document."""
    for path in paths:
        if path.is_dir():
            for child in sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            ):
                yield from _file(child, config)
        elif path.is_file():
            yield from _file(path, config)
        else:
            yield Failure(str(path), "no such file or folder")


def iter_feed(url: str, *, config: Config) -> Iterator[Item]:
    """Documents from an RSS or Atom feed at ``url``."""
    try:
        fetched = fetch(url, config=config)
        yield from parse_feed(fetched.data, source=url)
    except FactdeskError as exc:
        yield Failure(url, str(exc).removeprefix(f"{url}: "))


def ingest(
    store: Store,
    embedder: Embedder,
    items: Iterable[Item],
    *,
    batch_passages: int = 256,
    progress: Callable[[int], None] | None = None,
    parse: bool = True,
) -> IngestReport:
    """Cut documents into passages, embed (and, with ``parse``, parse) them in batches and store
    them. The parse is kept with the passage: a check reads it back instead of parsing again.

    Each document is stored in its own transaction; the vector index is saved at the end and
    every few thousand passages, so an interrupted run loses at most the batch in hand.
    """
    report = IngestReport()
    pending: list[tuple[Document, list]] = []  # type: ignore[type-arg]
    pending_passages = 0
    since_save = 0

    def flush() -> None:
        nonlocal pending, pending_passages, since_save
        texts = [span.text for _, spans in pending for span in spans]
        vectors = embedder.embed(texts) if texts else None
        if parse and texts:
            blobs = iter(parse_texts(texts))
            pending = [
                (doc, [replace(span, parse=next(blobs)) for span in spans])
                for doc, spans in pending
            ]
        offset = 0
        for doc, spans in pending:
            doc_vectors = vectors[offset : offset + len(spans)] if vectors is not None else None
            offset += len(spans)
            outcome = store.upsert(doc, spans, doc_vectors)
            setattr(report, outcome, getattr(report, outcome) + 1)
            if outcome != "unchanged":
                report.passages += len(spans)
                since_save += len(spans)
            if progress:
                progress(1)
        pending, pending_passages = [], 0
        if since_save >= 20_000:
            store.save_index()
            since_save = 0

    for item in items:
        if isinstance(item, Notice):
            report.notices.append(item)
            continue
        if isinstance(item, Failure):
            report.failures.append(item)
            log.debug("%s: %s", item.where, item.reason)
            if progress:
                progress(1)
            continue
        if store.is_unchanged(item):
            report.unchanged += 1
            if progress:
                progress(1)
            continue
        spans = make_passages(item.text)
        if not spans:
            report.failures.append(Failure(item.id, "no text to store"))
            continue
        pending.append((item, spans))
        pending_passages += len(spans)
        if pending_passages >= batch_passages:
            flush()
    flush()
    store.save_index()
    return report
