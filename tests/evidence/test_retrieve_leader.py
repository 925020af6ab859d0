"""Hybrid search keeps a passage that holds the claim's words nearly verbatim first, even when the
dense search does not rank it (on a real article, the claim's own sentence in a long passage
about other things was BM25's top hit by 3x and missing from the dense top 50)."""

from __future__ import annotations

from typing import Any

import numpy as np

from factdesk.evidence.retrieve import Retriever
from factdesk.model import Passage


class Rankings:
    """A store answering with fixed BM25 and dense rankings (what the two indexes returned)."""

    def __init__(self, bm25: list[tuple[int, float]], dense: list[tuple[int, float]]) -> None:
        self._bm25, self._dense = bm25, dense

    def bm25(self, query: str, k: int, **_: Any) -> list[tuple[int, float]]:
        return self._bm25[:k]

    def dense(self, vector: Any, k: int, **_: Any) -> list[tuple[int, float]]:
        return self._dense[:k]

    def passages(self, ids: Any) -> dict[int, Passage]:
        return {i: Passage(f"doc{i}", f"passage number {i} " * (i + 1)) for i in ids}

    def parses(self, ids: Any) -> dict[int, bytes]:
        return {}


class Embedder:
    def embed(self, texts: list[str]) -> np.ndarray:
        return np.zeros((len(texts), 384), dtype=np.float32)


def _first(bm25: list[tuple[int, float]], dense: list[tuple[int, float]]) -> str:
    store = Rankings(bm25, dense)
    return Retriever(store, Embedder()).search("a claim", k=3)[0].source_id  # type: ignore[arg-type]


def test_a_dominant_bm25_hit_comes_first() -> None:
    dense = [(i, 0.9 - i / 100) for i in range(1, 51)]  # passage 0 is not in the dense top 50
    assert _first([(0, 64.0), (1, 20.0), (2, 19.0)], dense) == "doc0"


def test_without_a_dominant_hit_fusion_decides() -> None:
    dense = [(i, 0.9 - i / 100) for i in range(1, 51)]
    # BM25's top hit is not far ahead: passage 1, second in BM25 and first in dense, leads.
    assert _first([(0, 24.0), (1, 20.0), (2, 19.0)], dense) == "doc1"
