"""Parses made at ingest, kept with the passages, read back at check time instead of parsing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factdesk.claims import nlp
from factdesk.config import Config
from factdesk.evidence.base import copy_store, open_location
from factdesk.evidence.ingest import ingest, iter_documents
from factdesk.evidence.retrieve import Retriever
from factdesk.evidence.store import Store
from factdesk.models.embed import default_embedder
from factdesk.reading import current

from ..conftest import FIXTURES

CORPUS = FIXTURES / "evidence" / "webb.jsonl"


def _fill(location: str | Path, *, parse: bool = True) -> None:
    with open_location(location, writable=True) as store:
        ingest(store, default_embedder(), iter_documents([CORPUS], config=Config()), parse=parse)


def _reading(doc: object) -> list[tuple[str, str, str, str, int, str]]:
    return [(t.text, t.lemma_, t.pos_, t.dep_, t.head.i, t.ent_type_) for t in doc]  # type: ignore[attr-defined]


def _search(location: str | Path) -> list[str]:
    nlp.clear_cache()
    with open_location(location) as store:
        found = Retriever(store, default_embedder()).search("Webb launched on an Ariane 5", k=3)
    return [p.text for p in found]


def test_a_search_hands_the_stored_parses_to_the_checks(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _fill(db)
    texts = _search(db)
    assert texts and all(t in current().stored for t in texts)
    for text in texts:
        stored = nlp.parse(text)  # read back, not parsed
        assert text not in current().stored
        assert _reading(stored) == _reading(nlp.nlp()(text))
        assert [(e.text, e.label_) for e in stored.ents] == [
            (e.text, e.label_) for e in nlp.nlp()(text).ents
        ]
        assert [s.text for s in stored.sents] == [s.text for s in nlp.nlp()(text).sents]


def test_without_parses_the_checks_parse_as_before(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _fill(db, parse=False)
    texts = _search(db)
    assert texts and not any(t in current().stored for t in texts)


def test_a_store_from_before_parses_is_read_as_is_and_upgraded_on_write(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _fill(db, parse=False)
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE passages DROP COLUMN parse")
    conn.commit()
    conn.close()
    assert _search(db)  # read-only: no column, no parses, same search
    _fill(db)  # unchanged documents are skipped; the column is added
    columns = {r[1] for r in sqlite3.connect(db).execute("PRAGMA table_info(passages)")}
    assert "parse" in columns


def test_parses_of_another_parser_are_not_used(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _fill(db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = 'some-other-parser' WHERE key = 'parser'")
    conn.commit()
    conn.close()
    with Store.open(db) as store:
        assert store.count()[1] > 0
        assert store.parses(range(1, 1000)) == {}


def test_copy_keeps_the_parses(tmp_path: Path) -> None:
    src, dst = tmp_path / "a.db", tmp_path / "b.db"
    _fill(src)
    with open_location(src) as a, open_location(dst, writable=True) as b:
        copy_store(a, b)
    with open_location(dst) as b:
        assert len(b.parses(range(1, 1000))) == b.count()[1]


@pytest.mark.usefixtures("postgres_url")
def test_postgres_keeps_and_copies_parses(tmp_path: Path, postgres_url: str) -> None:
    src = tmp_path / "a.db"
    _fill(src)
    with open_location(src) as a, open_location(postgres_url, writable=True) as b:
        copy_store(a, b)
    with open_location(postgres_url) as b:
        assert len(b.parses(range(1, 100_000))) == b.count()[1]
    texts = _search(postgres_url)
    assert texts and all(t in current().stored for t in texts)


def test_ingest_keeps_parses_unless_told_not_to(tmp_path: Path) -> None:
    from ..conftest import run_cli

    for flags, kept in (((), True), (("--no-parse",), False)):
        db = tmp_path / f"{kept}.db"
        done = run_cli("ingest", str(CORPUS), *flags, db=db)
        assert done.returncode == 0, done.stderr
        with Store.open(db) as store:
            assert bool(store.parses(range(1, 1000))) is kept
