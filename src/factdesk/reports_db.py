"""Keeping batch reports in the evidence store's database, for a desk to query.

Table ``reports`` (one row per input, the latest check winning): ``input``, ``status``,
``checked_at`` (UTC, ISO 8601) and ``line`` (the batch line: the report or the failure). In
PostgreSQL ``line`` is ``jsonb``, e.g.
``SELECT input FROM reports WHERE line->'report'->'summary'->'verdict_counts'->>'refuted' > '0'``;
in SQLite it is JSON text for ``json_extract``.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

from factdesk.config import Config
from factdesk.evidence.base import is_postgres, open_any, store_location

_COLUMNS = (
    "(input text PRIMARY KEY, status text NOT NULL, checked_at text NOT NULL, line {kind} NOT NULL)"
)


class ReportSink:
    """Saves batch lines into the configured store's database (creating the store if needed)."""

    def __init__(self, config: Config) -> None:
        location = store_location(config)
        open_any(location, writable=True).close()  # the store and its schema exist
        self._postgres = is_postgres(location)
        if self._postgres:
            from factdesk.evidence.postgres import connect

            self._conn: Any = connect(location)
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS reports " + _COLUMNS.format(kind="jsonb")
            )
        else:
            self._conn = sqlite3.connect(location, timeout=30)
            with self._conn:
                self._conn.execute(
                    "CREATE TABLE IF NOT EXISTS reports " + _COLUMNS.format(kind="text")
                )

    def __call__(self, line: dict[str, Any]) -> None:
        """Save one batch line (replacing an earlier one for the same input)."""
        when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        row = (line["input"], line["status"], when, json.dumps(line, ensure_ascii=False))
        if self._postgres:
            self._conn.execute(
                "INSERT INTO reports VALUES (%s, %s, %s, %s::jsonb) ON CONFLICT (input) DO UPDATE "
                "SET status = excluded.status, checked_at = excluded.checked_at, line = excluded.line",
                row,
            )
        else:
            with self._conn:
                self._conn.execute("INSERT OR REPLACE INTO reports VALUES (?, ?, ?, ?)", row)

    def close(self) -> None:
        self._conn.close()
