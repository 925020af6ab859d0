"""The shared evidence store: PostgreSQL with pgvector.

Tables (the same content as the SQLite store, so ``factdesk store copy`` moves a store both ways):

* ``documents``: one row per document, keyed by its id; ``content_hash`` tells re-ingest what
  changed.
* ``passages``: offsets into their document, the text, ``tsv`` (``to_tsvector('english', text)``,
  generated, with a GIN index) and ``embedding`` (``halfvec(384)`` with an HNSW cosine index).
  ``UNIQUE (doc_id, idx)``: a passage cannot be stored twice.
* ``factdesk_meta``: schema version, embedder, average passage length (for BM25).

Several processes may ingest at once: each document is written in one transaction under an
advisory lock on its id, and the insert is ``ON CONFLICT DO NOTHING``, so concurrent writers of
the same document neither duplicate it nor lose it. Readers never wait for writers (MVCC).

Full-text ranking is BM25 computed in SQL over the GIN matches (binary term frequency, length
normalised by lexemes per passage; document frequencies counted exactly on small stores, read
from the planner's statistics on large ones), so that it ranks as the SQLite store's FTS5 BM25.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from factdesk.claims.nlp import parser_name
from factdesk.errors import FactdeskError, StoreError
from factdesk.evidence.passages import Span
from factdesk.evidence.pg_fulltext import FullText, date_filter, date_params
from factdesk.evidence.store import DocumentInfo, content_hash
from factdesk.model import Document, Passage
from factdesk.models.embed import DIMENSIONS, EMBEDDER_NAME, Vectors

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
EF_SEARCH = 200  # HNSW candidates per query: enough for the 50-passage pools of hybrid search
_MIGRATION_LOCK = 0x66616374  # advisory lock key held while creating the schema

SCHEMA = f"""
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE IF NOT EXISTS factdesk_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE documents (
    id text PRIMARY KEY,
    title text,
    url text,
    published text,
    source text,
    text text NOT NULL,
    content_hash text NOT NULL,
    ingested_at text NOT NULL
        DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);
CREATE INDEX documents_published ON documents (published);
CREATE TABLE passages (
    id bigserial PRIMARY KEY,
    doc_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx integer NOT NULL,
    start integer NOT NULL,
    "end" integer NOT NULL,
    text text NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
    embedding halfvec({DIMENSIONS}),
    UNIQUE (doc_id, idx)
);
CREATE INDEX passages_tsv ON passages USING gin (tsv);
CREATE INDEX passages_embedding ON passages USING hnsw (embedding halfvec_cosine_ops);
ALTER TABLE passages ALTER COLUMN tsv SET STATISTICS 1000;
"""


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def connect(url: str) -> Any:
    """A psycopg connection (autocommit), or StoreError saying why not."""
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            "a PostgreSQL store needs the postgres extra: pip install 'factdesk[postgres]'"
        ) from None
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"{redact(url)}: cannot connect to PostgreSQL ({reason})") from None


def vector_text(vector: Vectors) -> str:
    """pgvector's text form of one vector."""
    return "[" + ",".join([f"{x:.5g}" for x in vector.tolist()]) + "]"


def _parse_vector(text: str) -> Vectors:
    return np.array(text[1:-1].split(","), dtype=np.float32)


class PostgresStore(FullText):
    """An evidence store in PostgreSQL + pgvector. Use :meth:`open`; close it when done."""

    def __init__(self, url: str, conn: Any, *, writable: bool) -> None:
        self.url = url
        self._conn = conn
        self._writable = writable
        self._elem_freqs: dict[str, float] | None = None  # planner statistics, for large stores
        self._avgdl = 0.0
        self._stats_at = time.monotonic()
        self._ef_search = EF_SEARCH
        self._shared = False
        self._parses: bool | None = None  # the store's parses are this factdesk's parser's

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str, *, writable: bool = False) -> PostgresStore:
        """Connect to the store at ``url``; a writable open creates the schema when missing.

        Raises:
            StoreError: the server cannot be reached, lacks pgvector, holds a store from a newer
                factdesk or another embedder; or (read-only) holds no store yet.
        """
        conn = connect(url)
        store = cls(url, conn, writable=writable)
        try:
            store._migrate()
            conn.execute(f"SET hnsw.ef_search = {EF_SEARCH}")
            store._avgdl = float(store._meta("avgdl") or 0.0)
        except Exception:
            conn.close()
            raise
        return store

    @classmethod
    def reader(cls, url: str) -> PostgresStore:
        """A read-only store on a connection kept for this process (``close`` leaves it open):
        ``check`` searches once per claim, and a new PostgreSQL connection costs a process."""
        key = (os.getpid(), url)
        with _READERS_LOCK:
            store = _READERS.get(key)
            if store is None or store._conn.closed or store._conn.broken:
                store = cls.open(url)
                store._shared = True
                _READERS[key] = store
            return store

    @classmethod
    def exists(cls, url: str) -> bool:
        """True when the server holds a factdesk store (raises StoreError when unreachable)."""
        cached = _READERS.get((os.getpid(), url))
        if cached is not None and not (cached._conn.closed or cached._conn.broken):
            return True
        conn = connect(url)
        try:
            return conn.execute("SELECT to_regclass('factdesk_meta')").fetchone()[0] is not None
        finally:
            conn.close()

    def _migrate(self) -> None:
        import psycopg

        where = redact(self.url)
        present = self._conn.execute("SELECT to_regclass('factdesk_meta')").fetchone()[0]
        if present is None and not self._writable:
            raise StoreError(f"{where}: no evidence store here yet (run `factdesk ingest` first)")
        if present is None:
            try:
                with self._conn.transaction():
                    self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                    if self._conn.execute("SELECT to_regclass('documents')").fetchone()[0] is None:
                        self._conn.execute(SCHEMA)
                        self._conn.execute(
                            "INSERT INTO factdesk_meta VALUES ('schema_version', %s), ('embedder', %s)",
                            (str(SCHEMA_VERSION), EMBEDDER_NAME),
                        )
                        log.info("store %s created (schema %d)", where, SCHEMA_VERSION)
            except psycopg.Error as exc:
                raise StoreError(f"{where}: cannot create the store ({exc})") from None
        version = int(self._meta("schema_version") or 0)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{where}: made by a newer factdesk (schema {version}, this one knows {SCHEMA_VERSION})"
            )
        embedder = self._meta("embedder")
        if embedder and embedder != EMBEDDER_NAME:
            raise StoreError(f"{where}: built with embedder {embedder}, not {EMBEDDER_NAME}")
        if self._writable and not self._has_parse_column():
            # Passages keep their parse from ingest (added to stores made before that): once,
            # by one writer, without queueing behind long searches for more than a few seconds.
            try:
                with self._conn.transaction():
                    self._conn.execute("SET LOCAL lock_timeout = '5s'")
                    self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                    self._conn.execute("ALTER TABLE passages ADD COLUMN IF NOT EXISTS parse bytea")
            except psycopg.Error as exc:
                raise StoreError(f"{where}: cannot add the parse column ({exc})") from None

    def _has_parse_column(self) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM pg_attribute WHERE attrelid = 'passages'::regclass "
            "AND attname = 'parse' AND NOT attisdropped"
        ).fetchone()
        return row is not None

    def _parser_matches(self) -> bool:
        """Whether the stored parses come from this factdesk's parser (else none is used)."""
        if self._parses is None:
            self._parses = self._has_parse_column() and self._meta("parser") == parser_name()
        return self._parses

    def _claim_parser(self) -> None:
        """Before the first parse is written: parses of another parser are dropped."""
        if self._parser_matches():
            return
        with self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            if self._meta("parser") != parser_name():
                self._conn.execute("UPDATE passages SET parse = NULL WHERE parse IS NOT NULL")
                self._conn.execute(
                    "INSERT INTO factdesk_meta VALUES ('parser', %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (parser_name(),),
                )
        self._parses = True

    def close(self) -> None:
        """Close the connection (a shared reader's stays open for the next search)."""
        if not self._shared:
            self._conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------

    def is_unchanged(self, doc: Document) -> bool:
        """True when exactly this document is already stored (re-ingest skips it)."""
        row = self._conn.execute(
            "SELECT content_hash FROM documents WHERE id = %s", (doc.id,)
        ).fetchone()
        return bool(row) and row[0] == content_hash(doc)

    def upsert(self, doc: Document, spans: Sequence[Span], vectors: Vectors | None) -> str:
        """Add or replace one document and its passages in one transaction.

        Returns:
            ``added``, ``updated`` or ``unchanged`` (same content already stored, possibly by
            another process a moment ago).
        """
        if not self._writable:
            raise StoreError(f"{redact(self.url)}: opened read-only")
        if vectors is not None and len(vectors) != len(spans):
            raise FactdeskError("one embedding per passage is needed")
        digest = content_hash(doc)
        conn = self._conn
        if any(span.parse is not None for span in spans):
            self._claim_parser()
        with conn.transaction():
            # Writers of the same document take turns; other documents go on in parallel.
            conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (doc.id,))
            row = conn.execute(
                "SELECT content_hash FROM documents WHERE id = %s", (doc.id,)
            ).fetchone()
            if row and row[0] == digest:
                return "unchanged"
            if row:
                conn.execute("DELETE FROM documents WHERE id = %s", (doc.id,))
            inserted = conn.execute(
                "INSERT INTO documents (id, title, url, published, source, text, content_hash) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO NOTHING RETURNING id",
                (doc.id, doc.title, doc.url, doc.published, doc.source, doc.text, digest),
            ).fetchone()
            if inserted is None:
                return "unchanged"
            with conn.cursor().copy(
                'COPY passages (doc_id, idx, start, "end", text, embedding, parse) FROM STDIN'
            ) as copy:
                for i, span in enumerate(spans):
                    vec = vector_text(vectors[i]) if vectors is not None else None
                    copy.write_row((doc.id, i, span.start, span.end, span.text, vec, span.parse))
        return "updated" if row else "added"

    def remove(self, doc_id: str) -> bool:
        """Remove a document and its passages; False when there was no such document."""
        if not self._writable:
            raise StoreError(f"{redact(self.url)}: opened read-only")
        cur = self._conn.execute("DELETE FROM documents WHERE id = %s", (doc_id,))
        return bool(cur.rowcount)

    def save_index(self) -> None:
        """Refresh what BM25 reads about the store (its statistics, the mean passage length);
        the writes themselves are durable at each commit."""
        if not self._writable:
            return
        if not self._has_stats():
            self._conn.execute("ANALYZE passages")
        self._elem_freqs = None
        sample = "" if self._passage_total() < 200_000 else " TABLESAMPLE SYSTEM (2)"
        avg = self._conn.execute(f"SELECT avg(length(tsv)) FROM passages{sample}").fetchone()[0]
        self._avgdl = float(avg or 0.0)
        self._conn.execute(
            "INSERT INTO factdesk_meta VALUES ('avgdl', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (str(self._avgdl),),
        )

    # ---- reading -------------------------------------------------------------------------

    def stored_parser(self) -> str | None:
        """The parser whose parses the store keeps, or None when it keeps none."""
        return self._meta("parser")

    def count(self) -> tuple[int, int]:
        """(documents, passages)."""
        docs = self._conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        passages = self._conn.execute("SELECT count(*) FROM passages").fetchone()[0]
        return int(docs), int(passages)

    def documents(self) -> list[DocumentInfo]:
        """Every stored document, newest ingest first."""
        rows = self._conn.execute(
            "SELECT d.id, d.title, d.url, d.published, d.source, count(p.id), d.ingested_at "
            "FROM documents d LEFT JOIN passages p ON p.doc_id = d.id "
            "GROUP BY d.id ORDER BY d.ingested_at DESC, d.id"
        )
        return [DocumentInfo(*r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        """One stored document, or None."""
        row = self._conn.execute(
            "SELECT id, text, title, url, published, source FROM documents WHERE id = %s",
            (doc_id,),
        ).fetchone()
        return Document(*row) if row else None

    def stored(self, doc_id: str) -> tuple[Document, list[Span], Vectors | None] | None:
        """A document with its passages and their embeddings, as stored (for copying)."""
        doc = self.document(doc_id)
        if doc is None:
            return None
        parse = "parse" if self._parser_matches() else "NULL::bytea"
        rows = self._conn.execute(
            f'SELECT start, "end", text, embedding::text, {parse} FROM passages '
            "WHERE doc_id = %s ORDER BY idx",
            (doc_id,),
        ).fetchall()
        spans = [Span(r[0], r[1], r[2], bytes(r[4]) if r[4] is not None else None) for r in rows]
        if not rows or any(r[3] is None for r in rows):
            return doc, spans, None
        return doc, spans, np.stack([_parse_vector(r[3]) for r in rows])

    def dense(
        self, vector: Vectors, k: int, *, before: str | None = None, after: str | None = None
    ) -> list[tuple[int, float]]:
        """(passage id, cosine similarity) by the HNSW index, best first."""
        wanted = k if not (before or after) else k * 10
        if wanted > self._ef_search:
            self._conn.execute(f"SET hnsw.ef_search = {min(1000, wanted)}")
            self._ef_search = min(1000, wanted)
        literal = vector_text(vector)
        rows = self._conn.execute(
            "SELECT id, 1 - (embedding <=> %s::halfvec) FROM passages "
            "ORDER BY embedding <=> %s::halfvec LIMIT %s",
            (literal, literal, wanted),
        ).fetchall()
        pairs = [(int(r[0]), float(r[1])) for r in rows if r[1] is not None]
        if before or after:
            join, dates = date_filter(before, after)
            allowed = {
                int(r[0])
                for r in self._conn.execute(
                    f"SELECT p.id FROM passages p{join} WHERE p.id = ANY(%s){dates}",
                    [[p[0] for p in pairs], *date_params(before, after)],
                )
            }
            pairs = [p for p in pairs if p[0] in allowed]
        return pairs[:k]

    def passages(self, ids: Iterable[int]) -> dict[int, Passage]:
        """The passages with these ids, with their document's metadata."""
        wanted = list(ids)
        if not wanted:
            return {}
        rows = self._conn.execute(
            'SELECT p.id, p.doc_id, p.text, p.start, p."end", d.title, d.url, d.published '
            "FROM passages p JOIN documents d ON d.id = p.doc_id WHERE p.id = ANY(%s)",
            (wanted,),
        )
        return {
            int(r[0]): Passage(
                source_id=r[1],
                text=r[2],
                start=r[3],
                end=r[4],
                title=r[5],
                url=r[6],
                published=r[7],
            )
            for r in rows
        }

    def parses(self, ids: Iterable[int]) -> dict[int, bytes]:
        """The parses made at ingest of these passages (those that have one from this
        factdesk's parser)."""
        wanted = list(ids)
        if not wanted or not self._parser_matches():
            return {}
        rows = self._conn.execute(
            "SELECT id, parse FROM passages WHERE id = ANY(%s) AND parse IS NOT NULL", (wanted,)
        )
        return {int(r[0]): bytes(r[1]) for r in rows}


_READERS: dict[tuple[int, str], PostgresStore] = {}
_READERS_LOCK = threading.Lock()
