"""The embedded evidence store: SQLite for documents, passages and BM25; usearch for vectors.

Layout of a store at ``PATH``:

* ``PATH`` — SQLite (WAL mode): ``documents``, ``passages`` (offsets into their document and
  the float16 embedding), ``passages_fts`` (FTS5, porter stemming) kept in step by triggers,
  and ``meta`` (schema version, embedder). SQLite is the source of truth.
* ``PATH.usearch`` — the HNSW vector index (usearch, int8 cosine), keyed by passage rowid.
  It is a cache: when it is missing or out of step with SQLite (an ingest was interrupted), the
  writer brings it back in step from the stored embeddings; readers use it as it is.

Each document is written in one transaction, so an interrupted ingest leaves whole documents.
Many readers may search while one writer ingests (WAL); the index file is replaced atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from factdesk.claims.nlp import parser_name
from factdesk.errors import FactdeskError, StoreError
from factdesk.evidence.passages import Span
from factdesk.models.embed import DIMENSIONS, EMBEDDER_NAME, Vectors

if TYPE_CHECKING:
    from usearch.index import Index
from factdesk.model import Document, Passage
from factdesk.textutil import STOPWORDS

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_SQLITE_MAGIC = b"SQLite format 3\x00"

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        title TEXT,
        url TEXT,
        published TEXT,
        source TEXT,
        text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE passages (
        id INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        embedding BLOB
    );
    CREATE INDEX passages_doc ON passages(doc_id);
    CREATE VIRTUAL TABLE passages_fts USING fts5(
        text, content='passages', content_rowid='id', tokenize='porter unicode61'
    );
    CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
        INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
        INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    """,
}


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A stored document's metadata, for ``factdesk sources list``."""

    id: str
    title: str | None
    url: str | None
    published: str | None
    source: str | None
    passages: int
    ingested_at: str


def content_hash(doc: Document) -> str:
    """Hash of everything that makes a document's stored form."""
    key = "\x1f".join([doc.text, doc.title or "", doc.url or "", doc.published or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _check_file(path: Path) -> None:
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a factdesk store")
    with path.open("rb") as handle:
        head = handle.read(16)
    if head and head != _SQLITE_MAGIC:
        raise StoreError(f"{path}: not a factdesk store (not an SQLite database)")


class SQLiteStore:
    """An evidence store on disk (SQLite + usearch): the default backend of
    :class:`factdesk.evidence.base.Store`. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, writable: bool) -> None:
        self.path = path
        self._conn = conn
        self._writable = writable
        self._index: Index | None = None  # loaded on first dense search or write
        self._vocab = False  # the temp fts5vocab table exists on this connection
        self._passages: int | None = None  # passage count, cached for query planning
        self._index_dirty = False
        self._parses: bool | None = None  # the store's parses are this factdesk's parser's

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, writable: bool = False) -> SQLiteStore:
        """Open the store at ``path``; a writable open creates it when it does not exist.

        Raises:
            StoreError: the file is not a factdesk store, is from a newer factdesk, or is
                damaged; or (read-only) it does not exist.
        """
        path = Path(path).expanduser()
        _check_file(path)
        if not writable and not path.exists():
            raise StoreError(f"{path}: no evidence store here yet (run `factdesk ingest` first)")
        if writable:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(path, timeout=30, check_same_thread=False)
            conn.execute("PRAGMA foreign_keys = ON")
            if writable:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            store = cls(path, conn, writable=writable)
            store._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot be used as a factdesk store ({exc})") from None
        return store

    def _tables(self) -> set[str]:
        rows = self._conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        return {r[0] for r in rows}

    def _migrate(self) -> None:
        tables = self._tables()
        if tables and "meta" not in tables:
            raise StoreError(f"{self.path}: an SQLite database, but not a factdesk store")
        version = 0
        if "meta" in tables:
            row = self._conn.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
            if row is None:
                raise StoreError(f"{self.path}: an SQLite database, but not a factdesk store")
            version = int(row[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer factdesk (schema {version}, this one knows {SCHEMA_VERSION})"
            )
        if version == SCHEMA_VERSION:
            self._check_embedder()
            self._add_parse_column()
            return
        if not self._writable:
            raise StoreError(
                f"{self.path}: needs an upgrade; open it for writing (factdesk ingest)"
            )
        with self._conn:
            for step in range(version + 1, SCHEMA_VERSION + 1):
                self._conn.executescript("BEGIN;" + MIGRATIONS[step] + "COMMIT;")
                log.info("store %s migrated to schema %d", self.path, step)
            self._conn.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?), ('embedder', ?)",
                (str(SCHEMA_VERSION), EMBEDDER_NAME),
            )
        self._add_parse_column()

    def _add_parse_column(self) -> None:
        """Passages keep their parse from ingest (added to stores made before that, on the first
        writable open; older factdesk versions do not read the column)."""
        columns = {r[1] for r in self._conn.execute("PRAGMA table_info(passages)")}
        if "parse" not in columns and self._writable:
            try:
                with self._conn:
                    self._conn.execute("ALTER TABLE passages ADD COLUMN parse BLOB")
            except sqlite3.OperationalError as exc:
                if "duplicate column" not in str(exc):  # another writer added it meanwhile
                    raise
            columns.add("parse")
        if "parse" not in columns:
            self._parses = False

    def _parser_matches(self) -> bool:
        """Whether the stored parses come from this factdesk's parser (else none is used)."""
        if self._parses is None:
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'parser'").fetchone()
            self._parses = bool(row) and row[0] == parser_name()
        return self._parses

    def _claim_parser(self) -> None:
        """Before the first parse is written: parses of another parser are dropped."""
        if self._parser_matches():
            return
        with self._conn:
            self._conn.execute("UPDATE passages SET parse = NULL WHERE parse IS NOT NULL")
            self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('parser', ?)", (parser_name(),))
        self._parses = True

    def _check_embedder(self) -> None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'embedder'").fetchone()
        if row and row[0] != EMBEDDER_NAME:
            raise StoreError(f"{self.path}: built with embedder {row[0]}, not {EMBEDDER_NAME}")

    def close(self) -> None:
        """Save the vector index if it changed, and close."""
        if self._index_dirty:
            self.save_index()
        self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------

    def _require_writable(self) -> None:
        if not self._writable:
            raise StoreError(f"{self.path}: opened read-only")

    def is_unchanged(self, doc: Document) -> bool:
        """True when exactly this document is already stored (re-ingest skips it)."""
        row = self._conn.execute(
            "SELECT content_hash FROM documents WHERE id = ?", (doc.id,)
        ).fetchone()
        return bool(row) and row[0] == content_hash(doc)

    def upsert(self, doc: Document, spans: Sequence[Span], vectors: Vectors | None) -> str:
        """Add or replace one document and its passages in one transaction.

        Returns:
            ``added``, ``updated`` or ``unchanged`` (same content already stored).
        """
        self._require_writable()
        self._passages = None
        index = self._vector_index()  # loaded and in step before SQLite changes
        digest = content_hash(doc)
        row = self._conn.execute(
            "SELECT content_hash FROM documents WHERE id = ?", (doc.id,)
        ).fetchone()
        if row and row[0] == digest:
            return "unchanged"
        if vectors is not None and len(vectors) != len(spans):
            raise FactdeskError("one embedding per passage is needed")
        if any(span.parse is not None for span in spans):
            self._claim_parser()
        old_ids: list[int] = []
        with self._conn:
            if row:
                old_ids = [
                    r[0]
                    for r in self._conn.execute(
                        "SELECT id FROM passages WHERE doc_id = ?", (doc.id,)
                    )
                ]
                self._conn.execute("DELETE FROM passages WHERE doc_id = ?", (doc.id,))
                self._conn.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            self._conn.execute(
                "INSERT INTO documents (id, title, url, published, source, text, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (doc.id, doc.title, doc.url, doc.published, doc.source, doc.text, digest),
            )
            new_ids = []
            for i, span in enumerate(spans):
                blob = vectors[i].astype(np.float16).tobytes() if vectors is not None else None
                cur = self._conn.execute(
                    "INSERT INTO passages (doc_id, idx, start, end, text, embedding, parse) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (doc.id, i, span.start, span.end, span.text, blob, span.parse),
                )
                new_ids.append(int(cur.lastrowid or 0))
        if old_ids:
            index.remove(np.array(old_ids, dtype=np.uint64))
        if vectors is not None and new_ids:
            index.add(np.array(new_ids, dtype=np.uint64), vectors.astype(np.float32))
        self._index_dirty = True
        return "updated" if row else "added"

    def remove(self, doc_id: str) -> bool:
        """Remove a document and its passages; False when there was no such document."""
        self._require_writable()
        self._passages = None
        index = self._vector_index()
        ids = [
            r[0] for r in self._conn.execute("SELECT id FROM passages WHERE doc_id = ?", (doc_id,))
        ]
        with self._conn:
            cur = self._conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        if ids:
            index.remove(np.array(ids, dtype=np.uint64))
            self._index_dirty = True
        return cur.rowcount > 0

    # ---- the vector index ----------------------------------------------------------------

    @property
    def index_path(self) -> Path:
        return self.path.with_name(self.path.name + ".usearch")

    def _new_index(self) -> Index:
        from usearch.index import Index

        return Index(ndim=DIMENSIONS, metric="cos", dtype="i8", connectivity=16)

    def _vector_index(self) -> Index:
        if self._index is not None:
            return self._index
        index = self._new_index()
        if self.index_path.exists():
            try:
                if self._writable:
                    index.load(str(self.index_path))
                else:
                    index.view(str(self.index_path))
            except (RuntimeError, ValueError) as exc:
                log.warning("vector index %s unreadable (%s); rebuilding", self.index_path, exc)
                index = self._new_index()
        self._index = index
        if self._writable:
            self._sync_index()
        return index

    def _sync_index(self) -> None:
        """Bring the vector index in step with SQLite (after an interrupted ingest)."""
        index = self._index
        assert index is not None
        stored = np.array(
            [
                r[0]
                for r in self._conn.execute("SELECT id FROM passages WHERE embedding IS NOT NULL")
            ],
            dtype=np.uint64,
        )
        indexed = (
            np.asarray(index.keys[:], dtype=np.uint64)
            if len(index)
            else np.zeros(0, dtype=np.uint64)
        )
        stale = np.setdiff1d(indexed, stored)
        missing = np.setdiff1d(stored, indexed)
        if len(stale):
            index.remove(stale)
        for chunk in _chunks(missing.tolist(), 5000):
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT id, embedding FROM passages WHERE id IN ({marks})", chunk
            ).fetchall()
            keys = np.array([r[0] for r in rows], dtype=np.uint64)
            vecs = np.stack([np.frombuffer(r[1], dtype=np.float16) for r in rows]).astype(
                np.float32
            )
            index.add(keys, vecs)
        if len(stale) or len(missing):
            log.info("vector index synced: %d added, %d removed", len(missing), len(stale))
            self._index_dirty = True

    def save_index(self) -> None:
        """Write the vector index next to the database (atomically)."""
        if self._index is None or not self._writable:
            return
        tmp = self.index_path.with_name(self.index_path.name + ".tmp")
        self._index.save(str(tmp))
        os.replace(tmp, self.index_path)
        self._index_dirty = False

    # ---- reading -------------------------------------------------------------------------

    def stored_parser(self) -> str | None:
        """The parser whose parses the store keeps (``parser_name()`` of the factdesk that
        wrote them), or None when it keeps none."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'parser'").fetchone()
        return str(row[0]) if row else None

    def count(self) -> tuple[int, int]:
        """(documents, passages)."""
        docs = self._conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        passages = self._conn.execute("SELECT count(*) FROM passages").fetchone()[0]
        return int(docs), int(passages)

    def documents(self) -> list[DocumentInfo]:
        """Every stored document, newest ingest first."""
        rows = self._conn.execute(
            "SELECT d.id, d.title, d.url, d.published, d.source, count(p.id), d.ingested_at "
            "FROM documents d LEFT JOIN passages p ON p.doc_id = d.id GROUP BY d.id ORDER BY d.ingested_at DESC, d.id"
        )
        return [DocumentInfo(*r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        """One stored document, or None."""
        row = self._conn.execute(
            "SELECT id, text, title, url, published, source FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return Document(*row) if row else None

    def stored(self, doc_id: str) -> tuple[Document, list[Span], Vectors | None] | None:
        """A document with its passages and their embeddings, as stored (for copying)."""
        doc = self.document(doc_id)
        if doc is None:
            return None
        parse = "parse" if self._parser_matches() else "NULL"
        rows = self._conn.execute(
            f"SELECT start, end, text, embedding, {parse} FROM passages WHERE doc_id = ? ORDER BY idx",
            (doc_id,),
        ).fetchall()
        spans = [Span(r[0], r[1], r[2], r[4]) for r in rows]
        if not rows or any(r[3] is None for r in rows):
            return doc, spans, None
        vectors = np.stack([np.frombuffer(r[3], dtype=np.float16) for r in rows])
        return doc, spans, vectors.astype(np.float32)

    def bm25(
        self, query: str, k: int, *, before: str | None = None, after: str | None = None
    ) -> list[tuple[int, float]]:
        """(passage rowid, score) by BM25, best first; score = -bm25 (higher is better)."""
        match = self._selective_query(query)
        if not match:
            return []
        if not (before or after):
            # FTS5 optimises "ORDER BY rank LIMIT n" on the bare table; no join here.
            sql = "SELECT rowid, -rank FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT ?"
            return [(int(r[0]), float(r[1])) for r in self._conn.execute(sql, (match, k))]
        sql = (
            "SELECT f.rowid, -f.rank AS s FROM passages_fts f "
            "JOIN passages p ON p.id = f.rowid JOIN documents d ON d.id = p.doc_id "
            "WHERE passages_fts MATCH ?" + _date_sql(before, after) + " ORDER BY f.rank LIMIT ?"
        )
        params: list[object] = [match, *_date_params(before, after), k]
        return [(int(r[0]), float(r[1])) for r in self._conn.execute(sql, params)]

    def _document_frequency(self, word: str) -> int | None:
        """How many passages hold ``word`` (its porter stem: the longest indexed prefix)."""
        if not self._vocab:
            self._conn.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.passages_vocab USING fts5vocab(main, passages_fts, 'row')"
            )
            self._vocab = True
        shortest = max(2, len(word) - 4)
        rows = self._conn.execute(
            "SELECT term, doc FROM temp.passages_vocab WHERE term >= ? AND term <= ?",
            (word[:shortest], word),
        ).fetchall()
        stems = [(t, d) for t, d in rows if word.startswith(t)]
        return max(stems, key=lambda td: len(td[0]))[1] if stems else None

    def _selective_query(self, query: str) -> str:
        """The query's rarest words, OR-ed: common words match most of a large store and
        make BM25 merge huge posting lists while adding little to the ranking."""
        match = fts_query(query)
        words = [w.strip('"') for w in match.split(" OR ") if w]
        if not words:
            return ""
        total = max(1, self.count()[1]) if self._passages is None else self._passages
        self._passages = total
        if total < SELECTIVE_FROM:
            return match  # small stores are fast with every word
        frequency = {w: self._document_frequency(w) for w in words}
        known = [w for w in words if frequency[w]]
        if not known:
            return ""
        by_rarity = sorted(known, key=lambda w: frequency[w] or 0)
        limit = max(1000, RARE_SHARE * total)
        rare = [w for w in by_rarity if (frequency[w] or 0) <= limit]
        chosen = rare[:SELECTIVE_TERMS] if rare else by_rarity[:FALLBACK_TERMS]
        return " OR ".join(f'"{w}"' for w in words if w in chosen)

    def dense(
        self, vector: Vectors, k: int, *, before: str | None = None, after: str | None = None
    ) -> list[tuple[int, float]]:
        """(passage rowid, cosine similarity) by the vector index, best first."""
        index = self._vector_index()
        if len(index) == 0:
            return []
        wanted = k if not (before or after) else k * 10
        found = index.search(vector.astype(np.float32), min(wanted, len(index)))
        pairs = [
            (int(key), 1.0 - float(dist))
            for key, dist in zip(found.keys, found.distances, strict=True)
        ]
        if before or after:
            allowed = self._dated(set(p[0] for p in pairs), before, after)
            pairs = [p for p in pairs if p[0] in allowed]
        return pairs[:k]

    def _dated(self, ids: set[int], before: str | None, after: str | None) -> set[int]:
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        sql = (
            f"SELECT p.id FROM passages p JOIN documents d ON d.id = p.doc_id WHERE p.id IN ({marks})"
            + _date_sql(before, after)
        )
        return {int(r[0]) for r in self._conn.execute(sql, [*ids, *_date_params(before, after)])}

    def passages(self, ids: Iterable[int]) -> dict[int, Passage]:
        """The passages with these rowids, with their document's metadata."""
        out: dict[int, Passage] = {}
        for chunk in _chunks(list(ids), 900):
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                "SELECT p.id, p.doc_id, p.text, p.start, p.end, d.title, d.url, d.published "
                f"FROM passages p JOIN documents d ON d.id = p.doc_id WHERE p.id IN ({marks})",
                chunk,
            )
            for r in rows:
                out[int(r[0])] = Passage(
                    source_id=r[1],
                    text=r[2],
                    start=r[3],
                    end=r[4],
                    title=r[5],
                    url=r[6],
                    published=r[7],
                )
        return out

    def parses(self, ids: Iterable[int]) -> dict[int, bytes]:
        """The parses made at ingest of these passages (those that have one from this
        factdesk's parser)."""
        if not self._parser_matches():
            return {}
        out: dict[int, bytes] = {}
        for chunk in _chunks(list(ids), 900):
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT id, parse FROM passages WHERE id IN ({marks}) AND parse IS NOT NULL",
                chunk,
            )
            out.update((int(r[0]), bytes(r[1])) for r in rows)
        return out


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _date_sql(before: str | None, after: str | None) -> str:
    sql = ""
    if before:
        sql += " AND d.published IS NOT NULL AND substr(d.published, 1, 10) < ?"
    if after:
        sql += " AND d.published IS NOT NULL AND substr(d.published, 1, 10) > ?"
    return sql


def _date_params(before: str | None, after: str | None) -> list[str]:
    return [v[:10] for v in (before, after) if v]


MAX_QUERY_TERMS = 12
SELECTIVE_TERMS = 6  # words kept for BM25, the rarest first
RARE_SHARE = 0.005  # a word in more than this share of passages (and 1,000) is left out
FALLBACK_TERMS = 3  # when every word is common: the rarest few
SELECTIVE_FROM = 50_000  # passages from which BM25 queries keep only their rarest words


def fts_query(text: str) -> str:
    """An FTS5 MATCH expression: the query's content words, OR-ed, each quoted."""
    import re

    words = [w for w in re.findall(r"[\w]+", text.lower()) if w not in STOPWORDS and len(w) > 1]
    seen: list[str] = []
    for w in words:
        if w not in seen:
            seen.append(w)
    # Long queries (whole claims) keep their 12 most telling words: every OR-ed term is a
    # posting list to merge, and short common words rank little anyway.
    if len(seen) > MAX_QUERY_TERMS:
        keep = set(sorted(seen, key=lambda w: (-len(w), seen.index(w)))[:MAX_QUERY_TERMS])
        seen = [w for w in seen if w in keep]
    return " OR ".join(f'"{w}"' for w in seen)


@contextlib.contextmanager
def open_store(path: Path | str, *, writable: bool = False) -> Iterator[SQLiteStore]:
    """``with open_store(path) as store: ...``"""
    store = SQLiteStore.open(path, writable=writable)
    try:
        yield store
    finally:
        store.close()


Store = SQLiteStore  # the name this class had before there were two backends
