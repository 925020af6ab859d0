"""Article metadata from the page's own declarations: JSON-LD, OpenGraph, meta tags, ``<time>``.

Sources are tried from the most to the least explicit; trafilatura's metadata is the last
resort for what none of them declares.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import html as lxml_html

from factdesk.extract.dates import normalize_date

ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "blogposting",
    "liveblogposting",
    "report",
    "scholarlyarticle",
    "techarticle",
    "socialmediaposting",
}
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.issued",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "byl",
)
_BY_RE = re.compile(r"^\s*((written|submitted|posted|reported)\s+)?by\s*:?\s+", re.IGNORECASE)
_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\band\b|\|)\s*", re.IGNORECASE)
_TITLE_SUFFIX_RE = re.compile(r"\s+[|\-–—:]\s+[^|\-–—:]{2,40}$")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the page says about its article."""

    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    language: str | None = None


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        cleaned = " ".join(value.split())
        return cleaned or None
    if isinstance(value, list) and value:
        return _text(value[0])
    if isinstance(value, dict):
        return _text(value.get("@id") or value.get("url") or value.get("name"))
    return None


def _types(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("@type", [])
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).lower().rsplit("/", 1)[-1] for v in values}


def iter_jsonld(tree: lxml_html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD scripts, ``@graph`` and lists flattened."""
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        raw = (script.text or "").strip()
        raw = re.sub(r"^\s*(<!--|<!\[CDATA\[)|(-->|\]\]>)\s*$", "", raw).strip().rstrip(";")
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw))
            except ValueError:
                continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def clean_authors(values: list[str]) -> tuple[str, ...]:
    """Split bylines into names, drop "By", URLs and duplicates, keep page order."""
    out: list[str] = []
    for value in values:
        value = _BY_RE.sub("", " ".join(value.split()))
        for name in _SPLIT_RE.split(value):
            name = name.strip(" .·-—")
            if not name or len(name) > 60 or "://" in name or "@" in name:
                continue
            if not re.search(r"[A-Za-zÀ-ÿ]", name) or name.lower() in {"staff", "admin"}:
                continue
            if name.lower() not in {n.lower() for n in out}:
                out.append(name)
    return tuple(out)


def _jsonld_authors(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            names.append(item["name"])
    return names


def _meta(tree: lxml_html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content and key not in found:
            found[key] = content.strip()
    return found


def _from_jsonld(tree: lxml_html.HtmlElement) -> Metadata:
    for obj in iter_jsonld(tree):
        if not _types(obj) & ARTICLE_TYPES:
            continue
        main = obj.get("mainEntityOfPage")
        return Metadata(
            title=_text(obj.get("headline")) or _text(obj.get("name")),
            published=normalize_date(
                _text(obj.get("datePublished")) or _text(obj.get("dateCreated"))
            ),
            authors=clean_authors(_jsonld_authors(obj.get("author"))),
            url=_text(obj.get("url")) or (_text(main) if isinstance(main, dict | str) else None),
            language=_text(obj.get("inLanguage")),
        )
    return Metadata()


def _time_published(tree: lxml_html.HtmlElement) -> str | None:
    queries = (
        "//time[@pubdate]",
        '//*[@itemprop="datePublished"]',
        '//time[contains(@class, "publish") or contains(@class, "posted") or contains(@class, "entry-date")]',
        "//article//time[@datetime]",
        "//header//time[@datetime]",
    )
    for query in queries:
        for el in tree.xpath(query):
            if _inside_comments(el):
                continue
            value = normalize_date(el.get("datetime") or el.get("content") or el.text_content())
            if value:
                return value
    return None


def _inside_comments(el: lxml_html.HtmlElement) -> bool:
    for anc in el.iterancestors():
        marker = f"{anc.get('id', '')} {anc.get('class', '')}".lower()
        if "comment" in marker or (
            "itemtype" in anc.attrib and "Comment" in anc.get("itemtype", "")
        ):
            return True
    return False


def _byline(tree: lxml_html.HtmlElement) -> list[str]:
    queries = (
        '//*[@rel="author"]',
        '//*[@itemprop="author"]//*[@itemprop="name"]',
        '//*[contains(concat(" ", normalize-space(@class), " "), " byline ")]',
        '//*[contains(@class, "author-name") or contains(@class, "byline__name")]',
    )
    for query in queries:
        names = [
            el.text_content()
            for el in tree.xpath(query)
            if not _inside_comments(el) and 0 < len(el.text_content().strip()) < 100
        ]
        if names:
            return names
    for el in tree.iter("p", "div", "span"):
        text = " ".join(el.text_content().split())
        if 5 < len(text) < 80 and _BY_RE.match(text) and not _inside_comments(el):
            return [text.split("|")[0]]
    return []


def _title(tree: lxml_html.HtmlElement) -> str | None:
    h1 = [el.text_content().strip() for el in tree.iter("h1") if el.text_content().strip()]
    if len(h1) == 1:
        return " ".join(h1[0].split())
    title = tree.findtext(".//title")
    if title and title.strip():
        title = " ".join(title.split())
        return _TITLE_SUFFIX_RE.sub("", title) or title
    return h1[0] if h1 else None


def _language(tree: lxml_html.HtmlElement, meta: dict[str, str]) -> str | None:
    raw = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    raw = raw or meta.get("content-language") or meta.get("og:locale") or meta.get("language")
    if not raw:
        http_equiv = tree.xpath(
            '//meta[translate(@http-equiv, "CONTENT-LANGUAGE", "content-language")="content-language"]/@content'
        )
        raw = http_equiv[0] if http_equiv else None
    if not raw:
        return None
    code = re.split(r"[-_]", raw.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def extract_metadata(tree: lxml_html.HtmlElement) -> Metadata:
    """Read title, date, authors, canonical URL and language from the page's markup."""
    ld = _from_jsonld(tree)
    meta = _meta(tree)
    canonical = tree.xpath('//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href')
    published = ld.published
    if not published:
        for key in _DATE_META:
            if key in meta and (published := normalize_date(meta[key])):
                break
    published = published or _time_published(tree)
    authors = ld.authors
    if not authors:
        meta_authors = [meta[k] for k in _AUTHOR_META if k in meta and "://" not in meta[k]]
        authors = clean_authors(meta_authors[:1]) or clean_authors(_byline(tree))
    title = ld.title or meta.get("og:title") or meta.get("twitter:title") or _title(tree)
    url = (canonical[0].strip() if canonical else None) or meta.get("og:url") or ld.url
    return Metadata(
        title=" ".join(title.split()) if title else None,
        published=published,
        authors=authors,
        url=url if url and url.startswith(("http://", "https://")) else None,
        language=ld.language.split("-")[0].lower() if ld.language else _language(tree, meta),
    )
