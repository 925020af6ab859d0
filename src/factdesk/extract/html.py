"""HTML page -> Article: metadata, comments, then the body through trafilatura."""

from __future__ import annotations

import logging
import re

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from factdesk.budget import Budget
from factdesk.errors import ExtractionError
from factdesk.extract.boilerplate import remove_boilerplate
from factdesk.extract.comments import extract_comments
from factdesk.extract.dates import normalize_date
from factdesk.extract.language import guess_language
from factdesk.extract.metadata import Metadata, clean_authors, extract_metadata
from factdesk.model import Article

log = logging.getLogger(__name__)

_MIN_BODY_CHARS = 40
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def parse_html(html: str) -> lxml_html.HtmlElement:
    """Parse ``html`` leniently; raise ExtractionError when nothing can be parsed."""
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    # Control characters (invalid in HTML) would be kept in the tree, and lxml refuses them
    # whenever text is set again (dropping a widget joins its tail to its parent's text).
    text = _NOT_XML_RE.sub("", text)
    try:
        tree = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"the page could not be parsed as HTML ({exc})") from None
    return tree


# Above this many characters of markup a page is read in parts: trafilatura's time grows
# faster than the page (1 MB: 1.4 s, 10 MB: 40 s), the parts' time grows with it.
BIG_PAGE_CHARS = 1_000_000
PART_CHARS = 400_000


def _extract_text(page: str, url: str | None) -> str:
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


def _body(tree: lxml_html.HtmlElement, url: str | None, budget: Budget) -> tuple[str, str | None]:
    """The body text, and a warning when the budget cut a big page short."""
    # trafilatura reads a serialised page better than a tree parsed by another parser.
    page = lxml_html.tostring(tree, encoding="unicode")
    if len(page) <= BIG_PAGE_CHARS:
        return _extract_text(page, url), None
    del page
    parts = _parts(tree)
    texts: list[str] = []
    for i, part in enumerate(parts):
        if i and (reason := budget.exceeded()):
            return "\n\n".join(texts), (
                f"The {reason} ran out while reading this {len(parts)}-part page: the article "
                f"is its first {i} parts."
            )
        texts.append(_extract_text(part, url))
    return "\n\n".join(t for t in texts if t), None


def _parts(tree: lxml_html.HtmlElement) -> list[str]:
    """A big page as small pages: the children of the element with the most children (the
    article's paragraphs, as a rule) in groups of about PART_CHARS characters."""
    container = max((e for e in tree.iter() if isinstance(e.tag, str)), key=len, default=tree)
    parts: list[str] = []
    group: list[str] = []
    size = 0
    for child in container:
        markup = lxml_html.tostring(child, encoding="unicode", with_tail=True)
        if group and size + len(markup) > PART_CHARS:
            parts.append(group_page(group))
            group, size = [], 0
        group.append(markup)
        size += len(markup)
    if group:
        parts.append(group_page(group))
    return parts


def group_page(markup: list[str]) -> str:
    """A minimal page holding ``markup`` as its article."""
    return "<html><body><article>" + "".join(markup) + "</article></body></html>"


def extract_html(
    html: str,
    *,
    url: str | None = None,
    source: str | None = None,
    budget: Budget | None = None,
) -> Article:
    """Extract the article, its metadata and its comments from an HTML page.

    Args:
        html: The page's markup.
        url: Where the page was fetched from, if known; used to resolve links and as the
            article's URL when the page declares no canonical one.
        source: Where the input came from, kept on the Article.
        budget: Time and memory a big page may take; past it the article is the part read,
            with a warning (no limit when ``None``).

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
    body, cut = _body(tree, url, budget or Budget.unlimited())
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
        warnings=(cut,) if cut else (),
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
    page = lxml_html.tostring(tree, encoding="unicode")
    if len(page) > BIG_PAGE_CHARS:
        head = tree.find("head")
        page = (
            group_page([])
            if head is None
            else f"<html>{lxml_html.tostring(head, encoding='unicode')}<body></body></html>"
        )
    try:
        found = trafilatura.extract_metadata(page, default_url=url)
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
