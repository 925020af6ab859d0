"""A short fuzzing run over the four targets of tests/fuzzing.py (the long run is
benchmarks/fuzz.py): extract, claims, ingest and the HTTP API must answer every input with a
result or one clear error, within time, and leave the store intact."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fuzzing import (
    HttpTarget,
    IngestCase,
    IngestTarget,
    Request,
    article_text,
    check_claims,
    check_extract,
    extract_input,
    fuzz_config,
    http_request,
    jsonl_input,
)

CONFIG = fuzz_config()
SHORT = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


@SHORT
@given(data=extract_input())
def test_extract_answers_every_input(data: bytes) -> None:
    check_extract(data, CONFIG)


@SHORT
@given(text=article_text, piece_chars=st.sampled_from([80, 400, 50_000]))
def test_claims_hold_their_offsets_on_any_text(text: str, piece_chars: int) -> None:
    check_claims(text, piece_chars)


def test_ingest_keeps_the_store_intact(folder: Path) -> None:
    target = IngestTarget(folder, CONFIG)

    @SHORT
    @given(case=jsonl_input())
    def run(case: IngestCase) -> None:
        target.check(case)

    run()
    assert target.cases >= 25


def test_http_api_answers_and_keeps_serving(folder: Path) -> None:
    target = HttpTarget(folder, CONFIG)
    try:

        @SHORT
        @given(request=http_request())
        def run(request: Request) -> None:
            target.check(request)

        run()
    finally:
        target.close()
