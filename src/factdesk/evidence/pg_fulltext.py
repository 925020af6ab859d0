"""Full-text search in the PostgreSQL store: BM25 computed in SQL over the GIN tsvector matches.

PostgreSQL's own ``ts_rank`` has no inverse document frequency, so it ranks a passage that
matches a common word like one that matches a rare one. Here each query word is a tsquery term,
weighted by its BM25 idf, with binary term frequency (passages are a few sentences) and length
normalised by lexemes per passage: the ranking of the SQLite store's FTS5 BM25. Document
frequencies are counted exactly on small stores and read from the planner's statistics
(``pg_stats.most_common_elems``) on large ones, where, as in the SQLite store, only the query's
rarest words are kept.
"""

from __future__ import annotations

import math
import time
from typing import Any

from factdesk.evidence.store import (
    FALLBACK_TERMS,
    RARE_SHARE,
    SELECTIVE_FROM,
    SELECTIVE_TERMS,
    fts_query,
)

BM25_K1, BM25_B = 1.2, 0.75
# On a large store, when the kept words together match more passages than this (common words),
# only passages holding two of them are scored (all matches when fewer than k do): scoring tens
# of thousands of matches reads as many heap pages, the slow tail at 1M passages. This is an
# approximation, like keeping only the rarest words: a short passage holding one of the words
# can outscore a long one holding two and is then not ranked. Its agreement with scoring every
# match is measured in BENCHMARKS.md (PostgreSQL at scale).
PAIR_FROM = 5_000
STATS_TTL_S = 60.0  # how long a reader trusts its BM25 statistics before reading them again


class FullText:
    """BM25 search over ``passages.tsv``; mixed into :class:`PostgresStore`."""

    _conn: Any
    _elem_freqs: dict[str, float] | None
    _avgdl: float
    _stats_at: float

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM factdesk_meta WHERE key = %s", (key,))
        found = row.fetchone()
        return str(found[0]) if found else None

    def _passage_total(self) -> int:
        estimate = self._conn.execute(
            "SELECT reltuples FROM pg_class WHERE oid = 'passages'::regclass"
        ).fetchone()[0]
        if estimate >= SELECTIVE_FROM:
            return int(estimate)
        return int(self._conn.execute("SELECT count(*) FROM passages").fetchone()[0])

    def _has_stats(self) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM pg_stats WHERE tablename = 'passages' AND attname = 'tsv' "
            "AND most_common_elems IS NOT NULL"
        ).fetchone()
        return row is not None

    def _frequencies(self) -> dict[str, float]:
        """Share of passages holding each common lexeme, from the planner's statistics."""
        if time.monotonic() - self._stats_at > STATS_TTL_S:  # others may have ingested
            self._elem_freqs = None
            self._avgdl = float(self._meta("avgdl") or 0.0)
            self._stats_at = time.monotonic()
        if self._elem_freqs is None:
            row = self._conn.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE tablename = 'passages' AND attname = 'tsv'"
            ).fetchone()
            elems, freqs = (row[0] or [], row[1] or []) if row else ([], [])
            self._elem_freqs = dict(zip(elems, freqs[: len(elems)], strict=True))
        return self._elem_freqs

    def _terms(self, query: str) -> list[str]:
        """The query's content words as tsquery terms (English stemming, stop words out)."""
        words = [w.strip('"') for w in fts_query(query).split(" OR ") if w]
        if not words:
            return []
        rows = self._conn.execute(
            "SELECT q FROM (SELECT to_tsquery('english', w)::text AS q, min(n) AS n "
            "FROM unnest(%s::text[]) WITH ORDINALITY AS t(w, n) GROUP BY 1) s "
            "WHERE q <> '' ORDER BY n",
            (words,),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def _document_frequencies(self, terms: list[str], total: int) -> list[float]:
        if total < SELECTIVE_FROM:  # small: count exactly, one pass over the matches
            counts = ", ".join("count(*) FILTER (WHERE tsv @@ %s::tsquery)" for _ in terms)
            row = self._conn.execute(
                f"SELECT {counts} FROM passages WHERE tsv @@ %s::tsquery",
                [*terms, _any(terms)],
            ).fetchone()
            return [float(n) for n in row]
        freqs = self._frequencies()
        rare = min(freqs.values(), default=1.0 / total) / 2  # below every listed frequency
        return [freqs.get(t.strip("'"), rare) * total for t in terms]

    def bm25(
        self, query: str, k: int, *, before: str | None = None, after: str | None = None
    ) -> list[tuple[int, float]]:
        """(passage id, BM25 score) best first; large stores keep the query's rarest words."""
        terms = self._terms(query)
        if not terms:
            return []
        total = max(1, self._passage_total())
        df = self._document_frequencies(terms, total)
        if total >= SELECTIVE_FROM:
            limit = max(1000, RARE_SHARE * total)
            by_rarity = sorted(range(len(terms)), key=lambda i: df[i])
            rare = [i for i in by_rarity if df[i] <= limit]
            keep = rare[:SELECTIVE_TERMS] if rare else by_rarity[:FALLBACK_TERMS]
            terms, df = [terms[i] for i in keep], [df[i] for i in keep]
        self._frequencies()  # refreshes the statistics when they are old
        idf = [max(1e-6, math.log((total - n + 0.5) / (n + 0.5) + 1)) for n in df]
        weighted = " + ".join("%s * (p.tsv @@ %s::tsquery)::int" for _ in terms)
        avgdl = self._avgdl or 25.0
        norm = f"(1 + {BM25_K1} * (1 - {BM25_B} + {BM25_B} * length(p.tsv) / {avgdl}))"
        join, dates = date_filter(before, after)
        sql = (
            f"SELECT p.id, ({weighted}) * {BM25_K1 + 1} / {norm} AS s FROM passages p{join} "
            f"WHERE p.tsv @@ %s::tsquery{dates} ORDER BY s DESC, p.id LIMIT %s"
        )
        scores: list[object] = [x for pair in zip(idf, terms, strict=True) for x in pair]
        tail = [*date_params(before, after), k]
        if total >= SELECTIVE_FROM and len(terms) > 1 and sum(df) > PAIR_FROM:
            rows = self._conn.execute(sql, [*scores, _two_of(terms), *tail]).fetchall()
            if len(rows) >= k:
                return [(int(r[0]), float(r[1])) for r in rows]
        return [
            (int(r[0]), float(r[1])) for r in self._conn.execute(sql, [*scores, _any(terms), *tail])
        ]


def _any(terms: list[str]) -> str:
    return " | ".join(f"({t})" for t in terms)


def _two_of(terms: list[str]) -> str:
    """A tsquery matching passages that hold at least two of ``terms``."""
    return " | ".join(f"(({a}) & ({b}))" for i, a in enumerate(terms) for b in terms[i + 1 :])


def date_filter(before: str | None, after: str | None) -> tuple[str, str]:
    if not (before or after):
        return "", ""
    sql = ""
    if before:
        sql += " AND d.published IS NOT NULL AND substr(d.published, 1, 10) < %s"
    if after:
        sql += " AND d.published IS NOT NULL AND substr(d.published, 1, 10) > %s"
    return " JOIN documents d ON d.id = p.doc_id", sql


def date_params(before: str | None, after: str | None) -> list[str]:
    return [v[:10] for v in (before, after) if v]
