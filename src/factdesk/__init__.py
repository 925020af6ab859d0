"""factdesk: an open fact-checking desk for news.

Public API::

    from factdesk import extract
    article = extract("https://example.org/story.html")
"""

from __future__ import annotations

from factdesk.errors import ExtractionError, FactdeskError, FetchError, InputError
from factdesk.extract import extract, extract_html, extract_text
from factdesk.model import Article, Claim, ClaimResult, Comment, Passage, Report, Verdict
from factdesk.version import __version__


def check(source: str, **kwargs: object) -> Report:
    """Check the article at ``source``; see :func:`factdesk.pipeline.check`."""
    from factdesk.pipeline import check as _check

    return _check(source, **kwargs)  # type: ignore[arg-type]


__all__ = [
    "Article",
    "Claim",
    "ClaimResult",
    "Comment",
    "ExtractionError",
    "FactdeskError",
    "FetchError",
    "InputError",
    "Passage",
    "Report",
    "Verdict",
    "__version__",
    "check",
    "extract",
    "extract_html",
    "extract_text",
]
