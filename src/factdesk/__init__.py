"""factdesk: an open fact-checking desk for news.

Public API::

    from factdesk import extract
    article = extract("https://example.org/story.html")
"""

from __future__ import annotations

from factdesk.errors import ExtractionError, FactdeskError, FetchError, InputError
from factdesk.extract import extract, extract_html, extract_text
from factdesk.model import Article, Comment

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Comment",
    "ExtractionError",
    "FactdeskError",
    "FetchError",
    "InputError",
    "__version__",
    "extract",
    "extract_html",
    "extract_text",
]
