"""RSS 2.0 and Atom feeds -> documents."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html

from factdesk.errors import InputError
from factdesk.extract.dates import normalize_date
from factdesk.model import Document

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"


def _html_text(fragment: str | None) -> str:
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment:
        return " ".join(fragment.split())
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment)
    blocks = [" ".join(p.text_content().split()) for p in root.iter("p", "li", "h2", "h3")]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else " ".join(root.text_content().split())


def _root(data: bytes | str, source: str) -> etree._Element:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        root = etree.fromstring(
            raw, parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{source}: not an RSS or Atom feed ({exc})") from None
    if root is None or root.tag not in (
        "rss",
        f"{_ATOM}feed",
        "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF",
    ):
        raise InputError(f"{source}: not an RSS or Atom feed")
    return root


def _atom_link(entry: etree._Element) -> str | None:
    return next(
        (
            el.get("href")
            for el in entry.iter(f"{_ATOM}link")
            if el.get("rel", "alternate") == "alternate"
        ),
        None,
    )


def feed_links(data: bytes | str, *, source: str) -> list[str]:
    """The article links of a feed's items, in feed order (items without a link left out).

    Raises:
        InputError: the data is not an RSS or Atom feed.
    """
    root = _root(data, source)
    if root.tag == f"{_ATOM}feed":
        links = [_atom_link(entry) for entry in root.iter(f"{_ATOM}entry")]
    else:
        links = [
            item.findtext("link") or item.findtext("{http://purl.org/rss/1.0/}link")
            for item in root.iter("item", "{http://purl.org/rss/1.0/}item")
        ]
    return [link.strip() for link in links if link and link.strip()]


def parse_feed(data: bytes | str, *, source: str) -> Iterator[Document]:
    """Yield one Document per RSS item or Atom entry.

    Raises:
        InputError: the data is not an RSS or Atom feed.
    """
    root = _root(data, source)
    if root.tag == f"{_ATOM}feed":
        for entry in root.iter(f"{_ATOM}entry"):
            link = _atom_link(entry)
            text = _html_text(
                entry.findtext(f"{_ATOM}content") or entry.findtext(f"{_ATOM}summary")
            )
            ident = entry.findtext(f"{_ATOM}id") or link
            if text and ident:
                yield Document(
                    id=ident.strip(),
                    text=text,
                    title=(entry.findtext(f"{_ATOM}title") or "").strip() or None,
                    url=link,
                    published=normalize_date(
                        entry.findtext(f"{_ATOM}published") or entry.findtext(f"{_ATOM}updated")
                    ),
                    source=source,
                )
        return
    for item in root.iter("item", "{http://purl.org/rss/1.0/}item"):

        def field(name: str, el: etree._Element = item) -> str | None:
            value = el.findtext(name) or el.findtext(f"{{http://purl.org/rss/1.0/}}{name}")
            return value.strip() if value else None

        text = _html_text(item.findtext(_CONTENT) or field("description"))
        link = field("link")
        ident = field("guid") or link
        if text and ident:
            yield Document(
                id=ident,
                text=text,
                title=field("title"),
                url=link,
                published=normalize_date(field("pubDate") or item.findtext(_DC_DATE)),
                source=source,
            )
