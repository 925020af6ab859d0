"""The entailment model: does a passage support, contradict or say nothing about a claim?

``nli-minilm-l6.v1`` is a cross-encoder fine-tuned here from all-MiniLM-L6-v2 on SNLI, MultiNLI,
FEVER and Climate-FEVER (``training/train_nli.py``), exported to int8 ONNX and run on
onnxruntime. Its files ship in ``verify/models/nli-minilm-l6.v1/``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from factdesk.errors import FactdeskError
from factdesk.models import BATCH_SIZE, run_batches, session_options, workers
from factdesk.models.manifest import verified

MODEL_NAME = "nli-minilm-l6.v1"
MODEL_DIR = Path(__file__).parent / "models" / MODEL_NAME


@dataclass(frozen=True, slots=True)
class Judgement:
    """Probabilities that a premise entails, is neutral to, or contradicts a hypothesis."""

    entailment: float
    neutral: float
    contradiction: float

    @property
    def label(self) -> str:
        scores = {
            "entailment": self.entailment,
            "neutral": self.neutral,
            "contradiction": self.contradiction,
        }
        return max(scores, key=lambda k: scores[k])


class Verifier(Protocol):
    """Anything that judges (premise, hypothesis) pairs, with the two numbers the verdict
    needs from it (``verify/verdict.py``)."""

    name: str

    @property
    def support_threshold(self) -> float:
        """The entailment probability from which a passage supports a claim."""
        ...

    @property
    def verdict_calibration(self) -> dict[str, list[float]]:
        """Per verdict label, the Platt map ``[a, b]`` from raw confidence to the chance of
        being right; empty when not fitted."""
        ...

    def judge(self, premises: Sequence[str], hypothesis: str) -> list[Judgement]:
        """One judgement per premise."""
        ...


class NLIModel:
    """The shipped ONNX cross-encoder; labels (entailment, neutral, contradiction)."""

    def __init__(
        self,
        model_dir: Path = MODEL_DIR,
        *,
        threads: int = 1,
        parallel: int | None = None,
        temperature: float | None = None,
    ) -> None:
        """Each run uses ``threads`` threads; ``parallel`` batches run at once (default: one
        per core, ``factdesk.models.workers``)."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if not (model_dir / "model.onnx").exists():
            raise FactdeskError(f"the entailment model is missing from {model_dir}")
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.name = str(config.get("name", MODEL_NAME))
        self.labels = list(config["labels"])
        # Temperature scaling fitted on held-out data (calibration), 1.0 when not fitted.
        self.temperature = float(temperature or config.get("temperature", 1.0))
        # The entailment probability at which a passage supports a claim (tune_verdict.py).
        self.support_threshold = float(config.get("support_threshold", 0.5))
        # Per-verdict maps from raw confidence to the chance of being right (tune_verdict.py).
        self.verdict_calibration: dict[str, list[float]] = dict(
            config.get("verdict_calibration", {})
        )
        self._session = ort.InferenceSession(
            str(model_dir / "model.onnx"),
            session_options(threads),
            providers=["CPUExecutionProvider"],
        )
        self._parallel = workers() if parallel is None else max(1, parallel)
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(int(config.get("max_length", 256)))
        self._tokenizer.enable_padding()
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._lock = threading.Lock()

    def logits(
        self, pairs: Sequence[tuple[str, str]], *, batch_size: int = BATCH_SIZE
    ) -> np.ndarray:
        """Raw logits, one row of 3 per (premise, hypothesis) pair."""
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        batches = [order[start : start + batch_size] for start in range(0, len(order), batch_size)]

        def run(idx: Sequence[int]) -> None:
            with self._lock:
                enc = self._tokenizer.encode_batch(
                    [(pairs[i][0] or " ", pairs[i][1] or " ") for i in idx]
                )
            feed = {
                "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64),
            }
            out[list(idx)] = self._session.run(
                ["logits"], {k: v for k, v in feed.items() if k in self._inputs}
            )[0]

        run_batches(run, batches, self._parallel)
        return out

    def judge_pairs(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        """Calibrated probabilities for each (premise, hypothesis) pair."""
        if not pairs:
            return []
        logits = self.logits(pairs) / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        e, n, c = (self.labels.index(k) for k in ("entailment", "neutral", "contradiction"))
        return [Judgement(float(p[e]), float(p[n]), float(p[c])) for p in probs]

    def judge(self, premises: Sequence[str], hypothesis: str) -> list[Judgement]:
        return self.judge_pairs([(p, hypothesis) for p in premises])


class CachingVerifier:
    """The model with its judgements remembered: ``prefetch`` judges the pairs of many claims in
    one batched pass (less padding and fewer calls than one claim at a time), then ``judge``
    answers from memory. Thresholds and calibration are the model's, and can be overridden."""

    def __init__(self, model: NLIModel) -> None:
        self.model, self.name = model, model.name
        self.support_threshold = model.support_threshold
        self.verdict_calibration = dict(model.verdict_calibration)
        self._memory: dict[tuple[str, str], Judgement] = {}

    def prefetch(self, pairs: Sequence[tuple[str, str]]) -> None:
        todo = [pair for pair in dict.fromkeys(pairs) if pair not in self._memory]
        for pair, judged in zip(todo, self.model.judge_pairs(todo), strict=True):
            self._memory[pair] = judged

    def judge(self, premises: Sequence[str], hypothesis: str) -> list[Judgement]:
        pairs = [(p, hypothesis) for p in premises]
        self.prefetch(pairs)
        return [self._memory[pair] for pair in pairs]


@lru_cache(maxsize=1)
def default_verifier() -> NLIModel:
    """The shipped entailment model, loaded once per process, its files checked first."""
    return NLIModel(verified(MODEL_NAME))
