"""Model files that ship inside the package, and loading them once per process."""

from __future__ import annotations

from pathlib import Path

MODELS_DIR = Path(__file__).parent


def minilm_tokenizer_path() -> Path:
    """The WordPiece tokenizer shared by the embedder and the entailment model."""
    return MODELS_DIR / "minilm" / "tokenizer.json"
