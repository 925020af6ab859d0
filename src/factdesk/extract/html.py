"""HTML page -> Article: metadata, comments, then the body through trafilatura."""

from __future__ import annotations

import logging
import re

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from factdesk.errors import ExtractionError
from factdesk.extract.boilerplate import remove_boilerplate
from factdesk.extract.comments import extract_comments
from factdesk.extract.dates import normalize_date
from factdesk.extract.language import guess_language
from factdesk.extract.metadata import Metadata, clean_authors, extract_metadata
from factdesk.model import Article

log = logging.getLogger(__name__)

_MIN_BODY_CHARS = 40


def parse_html(html: str) -> lxml_html.HtmlElement:
    """Parse ``html`` leniently; raise ExtractionError when nothing can be parsed."""
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        tree = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"the page could not be parsed as HTML ({exc})") from None
    return tree


def _body(tree: lxml_html.HtmlElement, url: str | None) -> str:
    # trafilatura reads a serialised page better than a tree parsed by another parser.
    page = lxml_html.tostring(tree, encoding="unicode")
    text = trafilatura.extract(
        page,
        url=url,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
    )
    if not text or len(text) < _MIN_BODY_CHARS:
        fallback = trafilatura.extract(page, url=url, include_comments=False, favor_recall=True)
        text = fallback if fallback and len(fallback) > len(text or "") else text
    if not text:
        return ""
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(p for p in paragraphs if p)


def extract_html(html: str, *, url: str | None = None, source: str | None = None) -> Article:
    """Extract the article, its metadata and its comments from an HTML page.

    Args:
        html: The page's markup.
        url: Where the page was fetched from, if known; used to resolve links and as the
            article's URL when the page declares no canonical one.
        source: Where the input came from, kept on the Article.

    Raises:
        ExtractionError: the page holds no article text.
    """
    tree = parse_html(html)
    meta = extract_metadata(tree)
    comments, holders = extract_comments(tree)
    for holder in holders:
        if holder.getparent() is not None:
            holder.drop_tree()
    remove_boilerplate(tree)
    body = _body(tree, url)
    if len(body) < _MIN_BODY_CHARS:
        raise ExtractionError("no article text found in the page")
    meta = _fill_from_trafilatura(meta, tree, url)
    body = _drop_leading_title(body, meta.title)
    comment_texts = {c.text for c in comments if len(c.text) > 30}
    if comment_texts:
        kept = [p for p in body.split("\n\n") if p not in comment_texts]
        body = "\n\n".join(kept)
    return Article(
        text=body,
        title=meta.title,
        published=meta.published,
        authors=meta.authors,
        url=meta.url or url,
        language=meta.language or guess_language(body),
        comments=tuple(comments),
        source=source,
    )


def _drop_leading_title(body: str, title: str | None) -> str:
    first, _, rest = body.partition("\n\n")
    if title and rest and first.strip().lower() == title.strip().lower():
        return rest
    return body


def _fill_from_trafilatura(
    meta: Metadata, tree: lxml_html.HtmlElement, url: str | None
) -> Metadata:
    """Fill what the page does not declare from trafilatura's metadata of the cleaned page."""
    if meta.title and meta.published and meta.authors:
        return meta
    try:
        found = trafilatura.extract_metadata(
            lxml_html.tostring(tree, encoding="unicode"), default_url=url
        )
    except (ValueError, TypeError, etree.LxmlError):
        return meta
    if found is None:
        return meta
    return Metadata(
        title=meta.title or found.title,
        published=meta.published or normalize_date(found.date),
        authors=meta.authors or clean_authors([found.author] if found.author else []),
        url=meta.url,
        language=meta.language,
    )
