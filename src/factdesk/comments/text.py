"""Per-comment text models and the promotion cue.

Three logistic regressions, trained by ``training/train_comments.py`` (weights in
``comments/models/``), each a dot product at run time:

* machine-written, by meaning: over the comment's all-MiniLM-L6-v2 embedding alone;
* machine-written, by style: over surface features and hashed character and word n-grams alone (the two
  machine-text models read disjoint inputs, so each can corroborate the other);
* spam: over all of them.

``promotion`` finds what makes a comment promotional in so many words: a link, an e-mail address
or phone number, a call to subscribe, follow, visit or click, an offer of money or prizes, or a
plug for the writer's own channel, page or business. A comment is only ever called spam with one.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from itertools import pairwise

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
HASH_DIMENSIONS = 8192  # character 2- to 5-grams
WORD_DIMENSIONS = 4096  # word 1- and 2-grams
WORD = re.compile(r"[a-z0-9']+|[^\sa-z0-9]")


STYLE_DIMENSIONS = len(SURFACE_NAMES) + HASH_DIMENSIONS + WORD_DIMENSIONS


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


def _hashed(grams: Sequence[str], dimensions: int) -> npt.NDArray[np.float32]:
    row = np.zeros(dimensions, dtype=np.float32)
    for g in grams:
        row[zlib.crc32(g.encode("utf-8")) % dimensions] += 1.0
    norm = float(np.linalg.norm(row))
    return row / norm if norm else row


def char_ngrams(text: str, dimensions: int = HASH_DIMENSIONS) -> npt.NDArray[np.float32]:
    """Hashed counts of character 2- to 5-grams (lower-cased), L2-normalised."""
    padded = f" {text.lower()} "
    grams = [padded[i : i + n] for n in (2, 3, 4, 5) for i in range(len(padded) - n + 1)]
    return _hashed(grams, dimensions)


def word_ngrams(text: str, dimensions: int = WORD_DIMENSIONS) -> npt.NDArray[np.float32]:
    """Hashed counts of words and word pairs (lower-cased, punctuation as words), L2-normalised."""
    words = WORD.findall(text.lower())
    return _hashed(words + [f"{a} {b}" for a, b in pairwise(words)], dimensions)


PROMOTION = (
    ("an e-mail address", re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")),
    ("a link", URL),
    ("a phone number", re.compile(r"(?<![\w.])\+?\d[\d ()-]{8,}\d\b")),
    (
        "a call to subscribe, follow or visit",
        re.compile(
            r"\b(subscribe|sub to|check (it |this |them )?out|follow (me|us|my)|visit (my|our)|"
            r"click (here|the link|on)|sign up|join (me|us|my|our)|dm me|message me|whats ?app|"
            r"telegram|add me|like (this|my) comment|thumbs up)\b",
            re.I,
        ),
    ),
    (
        "an offer of money or prizes",
        re.compile(
            r"\b(make|earn|making|earning) (\$|money|cash|\d)|\bfree (gift|money|cash|iphone|"
            r"followers|subscribers|views)|\bgiveaway\b|\bwin (a|an|free|\$)|\bper (day|week|hour) "
            r"from home|\bpassive income\b|\bwork(ing)? from home\b",
            re.I,
        ),
    ),
    (
        "a plug for the writer's own channel, page or business",
        re.compile(
            r"\b(my|our) (new )?(channel|page|profile|site|website|blog|shop|store|business|"
            r"company|app|music|song|video|mixtape|cover|instagram|twitter|facebook|youtube)\b",
            re.I,
        ),
    ),
)


def promotion(text: str) -> str | None:
    """What makes the comment promotional in so many words, or ``None``."""
    for label, pattern in PROMOTION:
        if pattern.search(text):
            return label
    return None


def style_features(texts: Sequence[str]) -> Matrix:
    """Surface features and hashed n-grams, one row per text (the style model's input)."""
    out = np.zeros((len(texts), STYLE_DIMENSIONS), dtype=np.float32)
    for i, t in enumerate(texts):
        out[i, : len(SURFACE_NAMES)] = surface_features(t)
        out[i, len(SURFACE_NAMES) : len(SURFACE_NAMES) + HASH_DIMENSIONS] = char_ngrams(t)
        out[i, len(SURFACE_NAMES) + HASH_DIMENSIONS :] = word_ngrams(t)
    return out


def text_features(texts: Sequence[str], vectors: Matrix) -> Matrix:
    """Embedding, surface features and hashed n-grams side by side, one row per text."""
    return np.hstack([vectors, style_features(texts)]).astype(np.float32)
