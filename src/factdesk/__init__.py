"""factdesk: an open fact-checking desk for news.

Public API::

    from factdesk import extract
    article = extract("https://example.org/story.html")
"""

from __future__ import annotations

from factdesk.errors import ExtractionError, FactdeskError, FetchError, InputError
from factdesk.extract import extract, extract_html, extract_text
from factdesk.model import Article, Claim, Comment, Passage, Verdict

__version__ = "0.1.0"


def check(source: str, **kwargs: object) -> Report:
    """Check the article at ``source``; see :func:`factdesk.pipeline.check`."""
    from factdesk.pipeline import check as _check

    return _check(source, **kwargs)  # type: ignore[arg-type]


from factdesk.pipeline import Report  # noqa: E402  (imports factdesk.__version__)

__all__ = [
    "Article",
    "Claim",
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
