from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import numpy as np
import pytest

from factdesk.config import Config
from factdesk.errors import StoreError
from factdesk.evidence.ingest import ingest, iter_documents
from factdesk.evidence.passages import make_passages
from factdesk.evidence.retrieve import Retriever
from factdesk.evidence.store import SCHEMA_VERSION, Store
from factdesk.model import Document
from factdesk.models.embed import default_embedder

from ..conftest import FIXTURES

CORPUS = FIXTURES / "evidence" / "webb.jsonl"


def _fill(path: Path) -> None:
    with Store.open(path, writable=True) as store:
        ingest(store, default_embedder(), iter_documents([CORPUS], config=Config()))


def test_upsert_update_unchanged_remove(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    emb = default_embedder()
    doc = Document(
        id="d1", text="The bridge reopened on Thursday after two years of repairs.", title="Bridge"
    )
    spans = make_passages(doc.text)
    with Store.open(db, writable=True) as store:
        assert store.upsert(doc, spans, emb.embed([s.text for s in spans])) == "added"
        assert store.upsert(doc, spans, emb.embed([s.text for s in spans])) == "unchanged"
        changed = Document(
            id="d1",
            text="The bridge reopened on Friday after two years of repairs.",
            title="Bridge",
        )
        spans2 = make_passages(changed.text)
        assert store.upsert(changed, spans2, emb.embed([s.text for s in spans2])) == "updated"
        assert store.count() == (1, 1)
        assert store.document("d1") == changed
        hits = Retriever(store, emb).search("bridge reopened Friday", k=5)
        assert [h.text for h in hits] == [changed.text]
        assert store.remove("d1") and not store.remove("d1")
        assert store.count() == (0, 0)
        assert Retriever(store, emb).search("bridge", k=5) == []


def test_reingest_updates_instead_of_duplicating(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _fill(db)
    with Store.open(db, writable=True) as store:
        report = ingest(store, default_embedder(), iter_documents([CORPUS], config=Config()))
        assert (report.added, report.updated, report.unchanged) == (0, 0, 4)
        assert store.count()[0] == 4


def test_garbage_foreign_and_newer_files_are_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database at all" * 10)
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store.open(garbage, writable=True)
    assert garbage.read_bytes().startswith(b"this is not")  # untouched
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a factdesk store"):
        Store.open(foreign, writable=True)
    newer = tmp_path / "newer.db"
    _fill(newer)
    conn = sqlite3.connect(newer)
    conn.execute(
        "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),)
    )
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer factdesk"):
        Store.open(newer)
    with pytest.raises(StoreError, match="no evidence store"):
        Store.open(tmp_path / "missing.db")


def test_interrupted_ingest_leaves_a_consistent_store(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _fill(db)
    emb = default_embedder()
    # A writer that dies after committing a document but before saving the vector index.
    store = Store.open(db, writable=True)
    doc = Document(id="late", text="The Artemis II crew will fly around the Moon aboard Orion.")
    spans = make_passages(doc.text)
    store.upsert(doc, spans, emb.embed([s.text for s in spans]))
    store._conn.close()  # no save_index(): the process is gone
    with Store.open(db) as reader:  # readers still work, with the old index
        assert reader.count() == (5, 6)
    with Store.open(db, writable=True) as writer:  # the next writer repairs the index
        hits = writer.dense(emb.embed(["Orion crew around the Moon"])[0], 1)
        assert writer.passages([hits[0][0]])[hits[0][0]].source_id == "late"
        assert len(writer._vector_index()) == 6


def test_readers_search_while_a_writer_ingests(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _fill(db)
    emb = default_embedder()
    errors: list[BaseException] = []
    results: list[int] = []

    def read() -> None:
        try:
            for _ in range(5):
                with Store.open(db) as reader:
                    results.append(len(Retriever(reader, emb).search("Webb launch Ariane", k=3)))
        except BaseException as exc:
            errors.append(exc)

    with Store.open(db, writable=True) as writer:
        thread = threading.Thread(target=read)
        thread.start()
        docs = [
            Document(id=f"n{i}", text=f"Filler news item number {i} about the harbour.")
            for i in range(30)
        ]
        ingest(writer, emb, docs)
        thread.join()
    assert not errors
    assert results and all(n > 0 for n in results)


def test_date_filters(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _fill(db)
    with Store.open(db) as store:
        r = Retriever(store, default_embedder())
        before = r.search("Webb telescope", k=10, before="2022-01-01")
        assert {p.source_id for p in before} == {"nasa-webb-launch"}
        after = r.search("Webb telescope", k=10, after="2022-01-01")
        assert "nasa-webb-launch" not in {p.source_id for p in after}
        assert {"nasa-webb-first-image", "esa-webb-mirror"} <= {p.source_id for p in after}


def test_embeddings_are_stored_as_float16(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _fill(db)
    conn = sqlite3.connect(db)
    blob = conn.execute("SELECT embedding FROM passages LIMIT 1").fetchone()[0]
    vec = np.frombuffer(blob, dtype=np.float16)
    assert vec.shape == (384,) and abs(float(np.linalg.norm(vec.astype(np.float32))) - 1) < 0.01
