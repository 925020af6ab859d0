"""Extraction: a URL, a saved HTML page, plain text or standard input -> :class:`Article`."""

from __future__ import annotations

from typing import BinaryIO

from factdesk.config import Config, load_config
from factdesk.extract.html import extract_html
from factdesk.extract.source import read_source
from factdesk.extract.text import extract_text
from factdesk.model import Article

__all__ = ["extract", "extract_html", "extract_text"]


def extract(source: str, *, config: Config | None = None, stdin: BinaryIO | None = None) -> Article:
    """Read ``source`` (URL, path or ``-``) and extract its article.

    Raises:
        InputError: the input is missing, empty, binary or too large.
        FetchError: a URL could not be fetched.
        ExtractionError: no article was found in it.
    """
    cfg = config or load_config()
    raw = read_source(source, config=cfg, stdin=stdin)
    if raw.is_html:
        return extract_html(raw.text, url=raw.url, source=raw.origin)
    return extract_text(raw.text, source=raw.origin)
