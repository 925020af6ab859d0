"""Per-comment text models: machine-written text and spam, each a logistic regression over the
comment's all-MiniLM-L6-v2 embedding, a few surface features and hashed character n-grams.

Trained by ``training/train_comments.py`` (machine-written: TweepFake train; spam: the YouTube
Spam Collection); the weights ship in ``comments/models/``. Inference is a dot product.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]

URL = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+\.(com|net|org|io|ly|co)\b", re.I)
_SURFACE = [
    ("url", URL),
    ("mention", re.compile(r"@\w+")),
    ("hashtag", re.compile(r"#\w+")),
    ("exclaim", re.compile(r"!")),
    ("question", re.compile(r"\?")),
    ("repeat_char", re.compile(r"(.)\1\1")),
    ("first_person", re.compile(r"\b(i|i'm|im|i've|my|me|we|our)\b", re.I)),
    ("second_person", re.compile(r"\b(you|your|u)\b", re.I)),
    ("lower_start", re.compile(r"^[a-z]")),
    ("end_punct", re.compile(r"[.!?]\s*$")),
    (
        "no_apostrophe",
        re.compile(r"\b(dont|cant|wont|im|thats|isnt|doesnt|didnt|ive|youre)\b", re.I),
    ),
    (
        "slang",
        re.compile(r"\b(lol|lmao|omg|tbh|tbf|imo|idk|ya|gonna|wanna|bro|u|ur|pls|plz)\b", re.I),
    ),
    (
        "promo",
        re.compile(
            r"\b(subscribe|check (out )?my|my (channel|page|profile|site)|follow me|free|win|money|earn)\b",
            re.I,
        ),
    ),
    ("number", re.compile(r"\d")),
]
SURFACE_NAMES = [name for name, _ in _SURFACE] + [
    "length",
    "short",
    "upper_share",
    "non_ascii",
    "word_length",
]
HASH_DIMENSIONS = 1024


def surface_features(text: str) -> list[float]:
    """The hand-made features, in the order the weights expect."""
    words = text.split()
    letters = [c for c in text if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper()) / len(letters) if letters else 0.0
    non_ascii = sum(1 for c in text if ord(c) > 127) / max(len(text), 1)
    mean_word = sum(len(w) for w in words) / len(words) if words else 0.0
    feats = [1.0 if pattern.search(text) else 0.0 for _, pattern in _SURFACE]
    feats += [
        min(len(words), 80) / 80.0,
        1.0 if len(words) < 6 else 0.0,
        upper,
        min(non_ascii * 10, 1.0),
        min(mean_word, 12.0) / 12.0,
    ]
    return feats


def char_ngrams(text: str, dimensions: int = HASH_DIMENSIONS) -> npt.NDArray[np.float32]:
    """Hashed counts of character 2- to 4-grams (lower-cased), L2-normalised."""
    row = np.zeros(dimensions, dtype=np.float32)
    padded = f" {text.lower()} "
    for n in (2, 3, 4):
        for i in range(len(padded) - n + 1):
            row[zlib.crc32(padded[i : i + n].encode("utf-8")) % dimensions] += 1.0
    norm = float(np.linalg.norm(row))
    return row / norm if norm else row


def text_features(texts: Sequence[str], vectors: Matrix) -> Matrix:
    """Embedding, surface features and hashed n-grams side by side, one row per text."""
    surface = np.array([surface_features(t) for t in texts], dtype=np.float32).reshape(
        len(texts), -1
    )
    grams = np.array([char_ngrams(t) for t in texts], dtype=np.float32).reshape(
        len(texts), HASH_DIMENSIONS
    )
    return np.hstack([vectors, surface, grams]).astype(np.float32)
