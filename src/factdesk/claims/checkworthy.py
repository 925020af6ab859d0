"""Check-worthiness: how much a sentence is a factual, verifiable statement worth checking.

Model ``checkworthy-minilm-lr.v1``: logistic regression over the sentence's all-MiniLM-L6-v2
embedding and a few surface features (numbers, money, percentages, dates, first person,
questions, hedges). Trained by ``training/train_checkworthy.py`` on ClaimBuster and CLEF
CheckThat! 2019 debates; weights ship in ``claims/models/``. Inference is a dot product.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from factdesk.models.embed import Embedder, default_embedder
from factdesk.models.manifest import verified

MODEL_NAME = "checkworthy-minilm-lr.v1"
MODEL_PATH = Path(__file__).parent / "models" / f"{MODEL_NAME}.json"

_SURFACE = [
    ("digit", re.compile(r"\d")),
    ("percent", re.compile(r"%|\bper ?cent\b", re.I)),
    ("money", re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s*(million|billion|trillion|dollars?)\b", re.I)),
    ("year", re.compile(r"\b(19|20)\d\d\b")),
    (
        "number_word",
        re.compile(
            r"\b(million|billion|thousand|hundred|half|twice|double|triple|percent)\b", re.I
        ),
    ),
    (
        "comparative",
        re.compile(
            r"\b(more|less|fewer|most|least|highest|lowest|largest|biggest|increase[ds]?|decrease[ds]?|rose|fell|grew|cut)\b",
            re.I,
        ),
    ),
    ("question", re.compile(r"\?\s*$")),
    (
        "first_person",
        re.compile(r"^\s*(i|we)\b|\b(i think|i believe|i feel|in my opinion)\b", re.I),
    ),
    ("second_person", re.compile(r"\byou\b", re.I)),
    ("hedge", re.compile(r"\b(maybe|perhaps|probably|might|could|should|would)\b", re.I)),
    ("thanks", re.compile(r"\b(thank you|thanks|welcome|hello|good evening|applause)\b", re.I)),
    ("said", re.compile(r"\b(said|says|according to|reported|announced)\b", re.I)),
]


def surface_features(text: str) -> list[float]:
    """The hand-made features, in the order the model's weights expect."""
    words = len(text.split())
    feats = [1.0 if pattern.search(text) else 0.0 for _, pattern in _SURFACE]
    capitalised = len(re.findall(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+", text))
    feats += [min(words, 60) / 60.0, 1.0 if words < 6 else 0.0, min(capitalised, 6) / 6.0]
    return feats


SURFACE_NAMES = [name for name, _ in _SURFACE] + ["length", "short", "capitalised"]


def features(texts: Sequence[str], embedder: Embedder) -> npt.NDArray[np.float32]:
    """Embedding and surface features side by side, one row per text."""
    vectors = embedder.embed(list(texts))
    surface = np.array([surface_features(t) for t in texts], dtype=np.float32).reshape(
        len(texts), -1
    )
    return np.hstack([vectors, surface]).astype(np.float32)


class CheckworthinessModel:
    """Scores sentences in [0, 1]; higher is more worth checking."""

    name = MODEL_NAME

    def __init__(self, path: Path = MODEL_PATH, *, embedder: Embedder | None = None) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self.coef = np.array(data["coef"], dtype=np.float32)
        self.intercept = float(data["intercept"])
        self.embedder = embedder or default_embedder()

    def score(self, texts: Sequence[str]) -> list[float]:
        """Probability that each text is check-worthy."""
        if not texts:
            return []
        logits = features(texts, self.embedder) @ self.coef + self.intercept
        return [float(p) for p in 1.0 / (1.0 + np.exp(-logits))]


@lru_cache(maxsize=1)
def default_model() -> CheckworthinessModel:
    """The shipped model, loaded once per process, its file checked first."""
    return CheckworthinessModel(verified(MODEL_NAME) / MODEL_PATH.name)
