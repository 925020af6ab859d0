"""Plain text -> Article: a headline, byline and date line at the top are recognised."""

from __future__ import annotations

import re

from factdesk.errors import ExtractionError
from factdesk.extract.dates import normalize_date
from factdesk.extract.language import guess_language
from factdesk.extract.metadata import clean_authors
from factdesk.model import Article

_BYLINE_RE = re.compile(r"^\s*(written\s+)?by\s+\S", re.IGNORECASE)
_DATELINE_RE = re.compile(
    r"^\s*(published|posted|updated|date)\s*:?\s*(?P<date>.+)$", re.IGNORECASE
)


def _paragraphs(text: str) -> list[str]:
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    out = []
    for block in blocks:
        joined = " ".join(block.split())
        if joined:
            out.append(joined)
    return out


def _date_line(line: str) -> str | None:
    """The date a "Published: ..." line or a bare short date line gives, else ``None``."""
    dateline = _DATELINE_RE.match(line)
    if dateline:
        return normalize_date(dateline.group("date"))
    return normalize_date(line) if len(line) < 40 else None


def extract_text(text: str, *, source: str | None = None) -> Article:
    """Build an Article from plain text.

    The first paragraph is taken as the title when it is one short line without final
    punctuation; "By ..." and "Published: ..." lines right after it fill authors and date.

    Raises:
        ExtractionError: the text holds nothing but a title.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index < len(lines):
        first = " ".join(lines[index].split())
        next_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
        if len(first) <= 200 and not re.search(r"[.!?:;,]$", first) and next_blank:
            title = first
            index += 1
    while index < len(lines):
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        if _BYLINE_RE.match(line) and len(line) < 120 and not authors:
            authors = clean_authors([line])
        elif not published and (value := _date_line(line)):
            published = value
        else:
            break
        index += 1
    body = "\n\n".join(_paragraphs("\n".join(lines[index:])))
    if not body:
        raise ExtractionError("the text holds no article body")
    return Article(
        text=body,
        title=title,
        published=published,
        authors=authors,
        language=guess_language(body),
        source=source,
    )
