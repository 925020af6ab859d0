"""The PostgreSQL + pgvector store, against a real server (the ``postgres_server`` fixture)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factdesk.config import Config
from factdesk.errors import StoreError
from factdesk.evidence import gather_evidence
from factdesk.evidence.base import Store, copy_store, exists, open_any, open_location
from factdesk.evidence.ingest import ingest, iter_documents
from factdesk.evidence.passages import make_passages
from factdesk.evidence.postgres import PostgresStore
from factdesk.evidence.retrieve import Retriever
from factdesk.model import Document
from factdesk.models.embed import default_embedder

from ..conftest import FIXTURES, ROOT, run_cli

CORPUS = FIXTURES / "evidence" / "webb.jsonl"


def _fill(location: str) -> None:
    with open_location(location, writable=True) as store:
        ingest(store, default_embedder(), iter_documents([CORPUS], config=Config()))


def test_both_backends_satisfy_the_protocol(tmp_path: Path, postgres_url: str) -> None:
    for location in (str(tmp_path / "s.db"), postgres_url):
        with open_location(location, writable=True) as store:
            assert isinstance(store, Store)


def test_upsert_update_unchanged_remove(postgres_url: str) -> None:
    emb = default_embedder()
    doc = Document(
        id="d1", text="The bridge reopened on Thursday after two years of repairs.", title="Bridge"
    )
    spans = make_passages(doc.text)
    with PostgresStore.open(postgres_url, writable=True) as store:
        assert store.upsert(doc, spans, emb.embed([s.text for s in spans])) == "added"
        assert store.upsert(doc, spans, emb.embed([s.text for s in spans])) == "unchanged"
        changed = Document(
            id="d1",
            text="The bridge reopened on Friday after two years of repairs.",
            title="Bridge",
        )
        spans2 = make_passages(changed.text)
        assert store.upsert(changed, spans2, emb.embed([s.text for s in spans2])) == "updated"
        store.save_index()
        assert store.count() == (1, 1)
        assert store.document("d1") == changed
        hits = Retriever(store, emb).search("bridge reopened Friday", k=5)
        assert [h.text for h in hits] == [changed.text]
        assert store.remove("d1") and not store.remove("d1")
        assert store.count() == (0, 0)
        assert Retriever(store, emb).search("bridge", k=5) == []


def test_search_ranks_as_the_sqlite_store(tmp_path: Path, postgres_url: str) -> None:
    sqlite = str(tmp_path / "s.db")
    _fill(sqlite)
    _fill(postgres_url)
    emb = default_embedder()
    queries = ["Webb launch Ariane rocket", "first full-colour image galaxy cluster", "mirror"]
    for mode in ("bm25", "dense", "hybrid"):
        for query in queries:
            tops = []
            for location in (sqlite, postgres_url):
                with open_location(location) as store:
                    found = Retriever(store, emb).search(query, k=3, mode=mode)
                tops.append(found[0].source_id)
            assert tops[0] == tops[1], (mode, query)


def test_date_filters(postgres_url: str) -> None:
    _fill(postgres_url)
    with open_location(postgres_url) as store:
        r = Retriever(store, default_embedder())
        before = r.search("Webb telescope", k=10, before="2022-01-01")
        assert {p.source_id for p in before} == {"nasa-webb-launch"}
        after = r.search("Webb telescope", k=10, after="2022-01-01")
        assert "nasa-webb-launch" not in {p.source_id for p in after}
        assert {"nasa-webb-first-image", "esa-webb-mirror"} <= {p.source_id for p in after}


def test_copy_sqlite_to_postgres_and_back(tmp_path: Path, postgres_url: str) -> None:
    first, back = tmp_path / "a.db", tmp_path / "b.db"
    _fill(str(first))
    done = run_cli("store", "copy", str(first), postgres_url)
    assert done.returncode == 0, done.stderr
    assert "4 documents copied" in done.stderr
    assert json.loads(done.stdout)["copied"] == 4
    again = run_cli("store", "copy", str(first), postgres_url)
    assert "0 documents copied, 4 already there" in again.stderr
    with open_any(postgres_url) as pg, open_any(str(back), writable=True) as out:
        assert copy_store(pg, out) == (4, 0)
    with open_any(str(first)) as a, open_any(str(back)) as b:
        assert sorted(d.id for d in a.documents()) == sorted(d.id for d in b.documents())
        for info in a.documents():
            da, db = a.stored(info.id), b.stored(info.id)
            assert da is not None and db is not None
            assert da[0] == db[0] and da[1] == db[1]
            assert da[2] is not None and db[2] is not None
            assert abs(da[2] - db[2]).max() < 2e-3  # float16 both ways


def test_commands_work_on_postgres(postgres_url: str) -> None:
    done = run_cli("ingest", str(CORPUS), db=postgres_url)
    assert done.returncode == 0, done.stderr
    assert "4 added" in done.stderr and "secret" not in done.stdout + done.stderr
    found = run_cli("search", "Webb launch", "--no-live", "--format", "json", db=postgres_url)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)[0]["source_id"] == "nasa-webb-launch"
    listed = run_cli("sources", "list", "--format", "json", db=postgres_url)
    assert len(json.loads(listed.stdout)) == 4


def test_missing_and_unreachable_stores(postgres_url: str) -> None:
    assert not exists(postgres_url)
    with pytest.raises(StoreError, match="no evidence store"):
        PostgresStore.open(postgres_url)
    dead = "postgresql://factdesk:secret@127.0.0.1:1/none"
    with pytest.raises(StoreError, match="cannot connect") as info:
        PostgresStore.open(dead)
    assert "secret" not in str(info.value)
    with pytest.raises(StoreError, match="cannot connect"):  # a failure, not "no evidence"
        gather_evidence("anything", config=Config(db=dead), live=False)


def _ingester(corpus: Path, url: str) -> subprocess.Popen[str]:
    code = (
        "import sys; from pathlib import Path; from factdesk.config import Config; "
        "from factdesk.evidence.base import open_any; "
        "from factdesk.models.embed import default_embedder; "
        "from factdesk.evidence.ingest import ingest, iter_documents; "
        "emb = default_embedder(); sys.stdin.readline(); "
        "store = open_any(sys.argv[2], writable=True); "
        "r = ingest(store, emb, iter_documents([Path(sys.argv[1])], config=Config()), batch_passages=8); "
        "store.close(); print(r.added, r.unchanged, len(r.failures))"
    )
    env_path = str(ROOT / "src")
    return subprocess.Popen(
        [sys.executable, "-c", code, str(corpus), url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
    )


def test_two_processes_ingest_at_once_without_loss_or_duplicates(
    tmp_path: Path, postgres_url: str
) -> None:
    docs = [
        {"id": f"n{i}", "text": f"Harbour report {i}: the ferry number {i} sailed at dawn. " * 3}
        for i in range(90)
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(d) for d in docs[:60]))
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(d) for d in reversed(docs[30:])))
    PostgresStore.open(postgres_url, writable=True).close()  # the schema, before the race
    procs = [_ingester(tmp_path / name, postgres_url) for name in ("a.jsonl", "b.jsonl")]
    for p in procs:  # both have loaded the model; start them together
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    outs = [p.communicate(timeout=240) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-2000:] for o in outs]
    added = [int(o[0].split()[0]) for o in outs]
    assert sum(added) == 90  # each document added exactly once, by one of the two
    expected = sum(len(make_passages(d["text"])) for d in docs)
    with PostgresStore.open(postgres_url) as store:
        assert store.count() == (90, expected)
        rows = store._conn.execute(
            "SELECT count(*), count(DISTINCT (doc_id, idx)) FROM passages"
        ).fetchone()
        assert rows[0] == rows[1] == expected


def test_common_words_score_passages_holding_two_of_them_first(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a large store, a query of common words scores only the passages holding two of them
    (scoring every match was the slow tail at 1M passages); here the top results are those of
    scoring every match, and a query whose words never meet in one passage falls back to that."""
    from factdesk.evidence import pg_fulltext

    _fill(postgres_url)
    monkeypatch.setattr(pg_fulltext, "SELECTIVE_FROM", 0)  # this small store read as a large one
    with PostgresStore.open(postgres_url, writable=True) as store:
        store.save_index()
        sent: list[str] = []
        executed: list[str] = []  # the ranking queries
        conn = store._conn

        class Spy:
            def execute(self, sql: str, params: object = None) -> object:
                if isinstance(params, list) and any("&" in str(p) for p in params):
                    sent.append(sql)
                if "ORDER BY s DESC" in sql:
                    executed.append(sql)
                return conn.execute(sql, params)

            def __getattr__(self, name: str) -> object:
                return getattr(conn, name)

        store._conn = Spy()
        for query, fallback in (
            ("Webb telescope launch images mirror", False),
            ("Ariane galaxy", True),
        ):
            monkeypatch.setattr(pg_fulltext, "PAIR_FROM", 10**9)
            exact = store.bm25(query, 3)
            assert not sent
            executed.clear()
            monkeypatch.setattr(pg_fulltext, "PAIR_FROM", 0)
            assert store.bm25(query, 3) == exact and exact
            assert sent, "the two-word query was not tried"
            # The fallback scores every match: a second query, without the two-word condition.
            assert (len(executed) == 2) is fallback, query
            sent.clear()
            executed.clear()
