"""Extraction: a URL, a saved HTML page, plain text or standard input -> :class:`Article`."""

from __future__ import annotations

from dataclasses import replace
from typing import BinaryIO

import httpx

from factdesk.budget import Budget
from factdesk.config import Config, load_config
from factdesk.extract.html import extract_html
from factdesk.extract.language import language_warning
from factdesk.extract.source import Given, read_source
from factdesk.extract.text import extract_text
from factdesk.model import Article

__all__ = ["Given", "extract", "extract_html", "extract_text"]


def extract(
    source: str | Given,
    *,
    config: Config | None = None,
    stdin: BinaryIO | None = None,
    budget: Budget | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Article:
    """Read ``source`` (URL, path, ``-`` or what was :class:`Given`) and extract its article.

    ``transport``: the httpx transport a URL is fetched through (the web app's refuses
    private addresses).

    ``budget``: time and memory a big page may take (no limit when ``None``); past it the
    article is the part read, with a warning. A guessed encoding is a warning too, and so is an
    article that is not in English.

    Raises:
        InputError: the input is missing, empty, binary or too large.
        FetchError: a URL could not be fetched.
        ExtractionError: no article was found in it.
    """
    cfg = config or load_config()
    raw = read_source(source, config=cfg, stdin=stdin, transport=transport)
    if raw.is_html:
        article = extract_html(raw.text, url=raw.url, source=raw.origin, budget=budget)
    else:
        article = extract_text(raw.text, source=raw.origin)
    warnings = raw.warnings + article.warnings
    if language := language_warning(article.text, article.language):
        warnings += (language,)
    return replace(article, warnings=warnings) if warnings != article.warnings else article
