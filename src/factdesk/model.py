"""The typed objects that flow between factdesk's stages.

All are frozen dataclasses: a stage returns new objects rather than changing the ones it got.
``to_dict`` gives the JSON form used by ``--format json`` and the JSON Lines stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment under an article.

    Attributes:
        id: Stable identifier: the page's own id when it has one, else ``c1``, ``c2``, ...
        text: The comment's text, without author line, date or reply buttons.
        author: Display name of the commenter, when the page shows one.
        published: ISO 8601 date or datetime, when the page gives one.
        parent_id: ``id`` of the comment this one replies to, ``None`` for a top-level comment.
    """

    id: str
    text: str
    author: str | None = None
    published: str | None = None
    parent_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form, as in the ``extract`` stage and the report."""
        return {
            "id": self.id,
            "author": self.author,
            "text": self.text,
            "published": self.published,
            "parent_id": self.parent_id,
        }


@dataclass(frozen=True, slots=True)
class Article:
    """An article as extracted from a page or a text.

    Attributes:
        text: Main body text, paragraphs separated by a blank line; no boilerplate, no comments.
        title: Headline, when one was found.
        published: Publication date as ISO 8601 (date or datetime), when one was found.
        authors: Bylines, in page order, without "By".
        url: Canonical URL when the page declares one, else the URL it was fetched from.
        language: ISO 639-1 code when declared or detected.
        comments: The comment section in page order; replies carry their parent's id.
        source: Where the input came from: a URL, a file path, or ``-`` for standard input.
    """

    text: str
    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    language: str | None = None
    comments: tuple[Comment, ...] = field(default_factory=tuple)
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form: the report's ``article`` object plus comments and source."""
        return {
            "title": self.title,
            "text": self.text,
            "published": self.published,
            "url": self.url,
            "authors": list(self.authors),
            "language": self.language,
            "source": self.source,
            "comments": [c.to_dict() for c in self.comments],
        }
