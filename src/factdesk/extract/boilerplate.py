"""Page furniture that is never article text: widgets, share bars, cookie notices, related links.

Content farms dress pages with a "Fact Checker" box and a "Listen to the article" button that do
nothing; both are removed here along with the usual chrome, before the body extractor runs.
"""

from __future__ import annotations

import re
from typing import TypeAlias

from lxml import html as lxml_html

Element: TypeAlias = lxml_html.HtmlElement

_WIDGET_RE = re.compile(
    r"(^|[-_\s])("
    r"share|sharing|social|sharebar|share-bar|share-buttons|sociallinks"
    r"|cookie|cookies|consent|gdpr|cmp"
    r"|related|recommended|read-?more|more-?stories|also-?read|trending|most-?popular|outbrain|taboola"
    r"|newsletter|subscribe|signup|paywall|promo|advert|ads?|ad-slot|sponsored"
    r"|listen|audio-?player|tts|text-?to-?speech|speechify|read-?aloud|play-?article"
    r"|fact-?check(er)?-?(box|widget|badge|banner)|fact-?checker|verified-?badge|trust-?badge"
    r"|breadcrumbs?|tags?-?list|post-?tags|author-?bio|about-?the-?author|print|rating|poll"
    r")($|[-_\s])",
    re.IGNORECASE,
)
_WIDGET_TEXT_RE = re.compile(
    r"^\s*(listen to (this|the) (article|story)|fact[- ]?check(ed|er)\b|share (this|on)|"
    r"we use cookies|accept (all )?cookies|related (articles|stories|posts)|read more:?)",
    re.IGNORECASE,
)
_ARTICLE_RE = re.compile(
    r"entry-content|article-?body|articlebody|story-?body|post-?content|post-?body|main-?content",
    re.IGNORECASE,
)
_KEEP_TAGS = {"html", "body", "main", "article"}
_ALWAYS_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "button",
    "form",
    "nav",
    "aside",
)


def remove_boilerplate(tree: Element) -> int:
    """Remove widgets and chrome from ``tree`` in place; return how many nodes went."""
    removed = 0
    page_chars = len(tree.text_content())
    for el in list(tree.iter(*_ALWAYS_DROP)):
        if el.getparent() is not None and not _holds_article(el, page_chars):
            el.drop_tree()
            removed += 1
    for el in list(tree.iter()):
        if not isinstance(el.tag, str) or el.tag in _KEEP_TAGS or el.getparent() is None:
            continue
        marker = f"{el.get('id', '')} {el.get('class', '')} {el.get('role', '')} {el.get('aria-label', '')}"
        widget = bool(marker.strip()) and bool(_WIDGET_RE.search(marker))
        if not widget and el.tag in {"div", "section", "p", "span", "a"}:
            text = el.text_content()
            widget = len(text) < 120 and bool(_WIDGET_TEXT_RE.match(text))
        if widget and not _holds_article(el, page_chars):
            el.drop_tree()
            removed += 1
    return removed


def _holds_article(el: Element, page_chars: int) -> bool:
    """True when ``el`` holds the article or much of the page's text: then it is no widget."""
    if _ARTICLE_RE.search(f"{el.get('id', '')} {el.get('class', '')} {el.get('itemprop', '')}"):
        return True
    if el.find(".//h1") is not None or el.xpath('.//*[@itemprop="articleBody"]'):
        return True
    return len(el.text_content()) > max(1500, 0.25 * page_chars)
