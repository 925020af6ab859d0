"""The evidence store's interface, and choosing a backend from the ``db`` setting.

Two backends implement :class:`Store`:

* :class:`factdesk.evidence.store.SQLiteStore` — one file, SQLite FTS5 + a usearch HNSW index;
  the default, nothing to set up.
* :class:`factdesk.evidence.postgres.PostgresStore` — PostgreSQL with pgvector (``tsvector`` +
  GIN for full text, HNSW for vectors), for a store shared by a desk of people and machines.

The backend is chosen by the ``db`` setting's explicit URL scheme, never guessed: a
``postgresql://`` (or ``postgres://``) URL is PostgreSQL; a path, or ``sqlite:///path``, is SQLite.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable
from urllib.parse import urlsplit

from factdesk.config import Config, store_path
from factdesk.evidence.passages import Span
from factdesk.evidence.store import DocumentInfo, SQLiteStore
from factdesk.model import Document, Passage
from factdesk.models.embed import Vectors

POSTGRES_SCHEMES = ("postgresql", "postgres")

Hits = list[tuple[int, float]]


@runtime_checkable
class Store(Protocol):
    """An evidence store: documents cut into passages, searchable by BM25 and by vector.

    Hybrid search is :class:`factdesk.evidence.retrieve.Retriever`, on top of ``bm25`` and
    ``dense``; near-duplicate removal (dedupe) is there too, so it is the same on every backend.
    """

    def upsert(self, doc: Document, spans: Sequence[Span], vectors: Vectors | None) -> str:
        """Add or replace one document: ``added``, ``updated`` or ``unchanged``."""
        ...

    def is_unchanged(self, doc: Document) -> bool:
        """True when exactly this document is already stored (dedupe on ingest)."""
        ...

    def remove(self, doc_id: str) -> bool:
        """Remove a document and its passages; False when there was none."""
        ...

    def save_index(self) -> None:
        """Make the writes so far durable for readers (a no-op where they already are)."""
        ...

    def count(self) -> tuple[int, int]:
        """Stats: (documents, passages)."""
        ...

    def stored_parser(self) -> str | None:
        """The parser whose parses the store keeps, or None when it keeps none."""
        ...

    def documents(self) -> list[DocumentInfo]:
        """List every stored document, newest ingest first."""
        ...

    def document(self, doc_id: str) -> Document | None:
        """One stored document, or None."""
        ...

    def stored(self, doc_id: str) -> tuple[Document, list[Span], Vectors | None] | None:
        """A document with its passages and their embeddings, as stored (for copying)."""
        ...

    def bm25(
        self, query: str, k: int, *, before: str | None = None, after: str | None = None
    ) -> Hits:
        """(passage id, score) by full-text relevance, best first."""
        ...

    def dense(
        self, vector: Vectors, k: int, *, before: str | None = None, after: str | None = None
    ) -> Hits:
        """(passage id, cosine similarity) by the vector index, best first."""
        ...

    def passages(self, ids: Iterable[int]) -> dict[int, Passage]:
        """The passages with these ids, with their document's metadata."""
        ...

    def parses(self, ids: Iterable[int]) -> dict[int, bytes]:
        """The spaCy parses made at ingest of these passages, as bytes (those that have one)."""
        ...

    def close(self) -> None:
        """Release the store."""
        ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


def is_postgres(location: str) -> bool:
    """True when ``location`` is a PostgreSQL URL (by its explicit scheme)."""
    return "://" in location and urlsplit(location).scheme.lower() in POSTGRES_SCHEMES


def store_location(config: Config) -> str:
    """The configured store: its PostgreSQL URL, else its SQLite path."""
    if is_postgres(config.db):
        return config.db
    return str(store_path(config))


def display(location: str) -> str:
    """``location`` fit for messages (a URL's password hidden)."""
    if is_postgres(location):
        from factdesk.evidence.postgres import redact

        return redact(location)
    return location


def _sqlite_path(location: str) -> Path:
    return Path(location.removeprefix("sqlite://")).expanduser()


def open_any(location: str | Path, *, writable: bool = False) -> Store:
    """Open the store at ``location``: a PostgreSQL URL or an SQLite path.

    Raises:
        StoreError: it cannot be opened (see each backend's ``open``).
    """
    text = str(location)
    if is_postgres(text):
        from factdesk.evidence.postgres import PostgresStore

        return PostgresStore.open(text, writable=True) if writable else PostgresStore.reader(text)
    return SQLiteStore.open(_sqlite_path(text), writable=writable)


@contextlib.contextmanager
def open_location(location: str | Path, *, writable: bool = False) -> Iterator[Store]:
    """``with open_location("postgresql://..." or path) as store: ...``"""
    store = open_any(location, writable=writable)
    try:
        yield store
    finally:
        store.close()


def exists(location: str | Path) -> bool:
    """True when a store is there (for PostgreSQL: the server answers and holds the schema).

    Raises:
        StoreError: a PostgreSQL server cannot be reached.
    """
    text = str(location)
    if is_postgres(text):
        from factdesk.evidence.postgres import PostgresStore

        return PostgresStore.exists(text)
    return _sqlite_path(text).exists()


def copy_store(
    source: Store, target: Store, *, progress: Callable[[int], None] | None = None
) -> tuple[int, int]:
    """Copy every document, with its passages and embeddings, from ``source`` into ``target``
    (no re-embedding). Returns (documents written, documents already there unchanged)."""
    written = unchanged = 0
    for info in source.documents():
        item = source.stored(info.id)
        if item is None:  # removed meanwhile
            continue
        doc, spans, vectors = item
        outcome = target.upsert(doc, spans, vectors)
        if outcome == "unchanged":
            unchanged += 1
        else:
            written += 1
        if progress is not None:
            progress(1)
    target.save_index()
    return written, unchanged
