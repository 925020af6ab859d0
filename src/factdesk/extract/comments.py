"""The comment section: each comment's id, author, time, text and the comment it replies to.

Three kinds of markup are read, most explicit first:

1. schema.org ``Comment`` in microdata (``itemtype=".../Comment"``) or JSON-LD;
2. comment lists as WordPress, Disqus's static markup and most CMSs write them: a container
   (``ol.comment-list``, ``#comments``, ``.comments``, ``#disqus_thread``, ...) holding items
   (``li.comment``, ``div.comment``, ``li.post``, ...), replies nested inside their parent;
3. the same items anywhere in the page when no container is marked.

:func:`extract_comments` also returns the page nodes that hold the comment section, so that the
body extractor can drop them and no comment leaks into the article.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any, TypeAlias

from lxml import html as lxml_html

from factdesk.extract.dates import normalize_date
from factdesk.extract.metadata import iter_jsonld
from factdesk.model import Comment

Element: TypeAlias = lxml_html.HtmlElement

_CONTAINER_RE = re.compile(
    r"(^|[-_\s])(comments?|comment-?(list|section|area|thread|stream|wrapper|container)|commentlist"
    r"|discussion|disqus_thread|responses|user-comments)($|[-_\s])",
    re.IGNORECASE,
)
_NOT_CONTAINER_RE = re.compile(
    r"count|link|button|btn|icon|toggle|respond|form|reply-title|trigger|cta|number|total|meta"
    r"|open|closed|enabled|disabled|has-|allowed|status|policy",
    re.IGNORECASE,
)
_ITEM_TOKEN_RE = re.compile(
    r"(js-|c-)?(comment|comment-?item|comment-?wrap(per)?|comment-?entry|single-?comment|reply"
    r"|comment-?reply|post|review|user-?comment)",
    re.IGNORECASE,
)
_ITEM_ID_RE = re.compile(r"(li-|div-)?comment-?\d+|post-\d+", re.IGNORECASE)
# A class names an author or a date when that word ends one of its tokens ("comment-author",
# "comment__time"), not when it stands inside one ("field--name-comment-body", "metadata").
_AUTHOR_RE = re.compile(
    r"author|(^|[-_\s])(user|username|name|fn|nick|nickname|commenter|poster|byline|by)(\s|$)",
    re.IGNORECASE,
)
_DATE_RE = re.compile(
    r"(^|[-_\s])(date|time|timestamp|datetime|posted|published|ago|dateline)(\s|$)", re.IGNORECASE
)
_TEXT_CLASSES = (
    re.compile(
        r"comment-?content|comment-?text|comment-?body-?text|post-?message|message-?body", re.I
    ),
    re.compile(r"content|text|message", re.IGNORECASE),
    re.compile(r"body", re.IGNORECASE),
)
_NOISE_RE = re.compile(
    r"reply|action|vote|like|share|report|flag|avatar|awaiting|edit-link|permalink|button|btn"
    r"|rating|score|badge",
    re.IGNORECASE,
)
_SAYS_RE = re.compile(r"\s*(says|said|wrote|commented)\s*:?\s*$", re.IGNORECASE)
_NEVER_CONTAINER = {"html", "body", "main", "a", "span", "button", "script", "style", "form", "p"}
_ACTIONS_RE = re.compile(
    r"(reply|like|share|report|flag|upvote|downvote|vote|edit|delete|permalink|\W)+",
    re.IGNORECASE,
)
_CHROME_RE = re.compile(
    r"\s*(all comments|(show|load|view) (more|new|all|older|newer) (comments|replies)|\d+ comments?\b"
    r"|comments are closed|be the first to comment|leave a (reply|comment))",
    re.IGNORECASE,
)
_REPLY_WRAPPER_RE = re.compile(r"indented|children|replies|sub-?comments|comment-?replies", re.I)
_ID_ATTRS = ("data-comment-id", "data-id", "data-post-id", "id")
_PARENT_ATTRS = ("data-parent-id", "data-parent", "data-reply-to", "data-in-reply-to")


def _marker(el: Element) -> str:
    return f"{el.get('id', '')} {el.get('class', '')}".strip()


def _is_microdata_comment(el: Element) -> bool:
    itemtype = el.get("itemtype", "")
    return itemtype.rstrip("/").rsplit("/", 1)[-1] in {"Comment", "UserComments"} or (
        el.get("itemprop") == "comment" and "itemscope" in el.attrib
    )


def _is_item(el: Element) -> bool:
    if not isinstance(el.tag, str) or el.tag not in {"li", "div", "article", "section", "dd"}:
        return False
    if _is_microdata_comment(el):
        return True
    if _ITEM_ID_RE.fullmatch(el.get("id", "")):
        return True
    return any(_ITEM_TOKEN_RE.fullmatch(token) for token in el.get("class", "").split())


def find_containers(tree: Element) -> list[Element]:
    """The outermost elements that hold a comment section."""
    found: list[Element] = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in _NEVER_CONTAINER:
            continue
        marker = _marker(el)
        if not marker or not _CONTAINER_RE.search(marker) or _NOT_CONTAINER_RE.search(marker):
            continue
        if any(anc in found for anc in el.iterancestors()) or el.find(".//h1") is not None:
            continue
        found.append(el)
    return found


def _own_copy(item: Element, items: set[Element]) -> Element:
    """A copy of ``item`` without the comment items nested inside it."""
    clone = copy.deepcopy(item)
    originals = list(item.iter())
    clones = list(clone.iter())
    for original, cloned in zip(originals[1:], clones[1:], strict=True):
        if original in items and cloned.getparent() is not None:
            cloned.getparent().remove(cloned)
    return clone


def _clean(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs: list[str] = []
    for line in lines:
        if line:
            paragraphs.append(line)
    return "\n".join(paragraphs).strip()


def _paragraph_text(el: Element) -> str:
    blocks = el.xpath(".//p")
    if blocks:
        return "\n".join(
            " ".join(b.text_content().split()) for b in blocks if b.text_content().strip()
        )
    return _clean(_block_text(el))


def _block_text(el: Element) -> str:
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return str(el.text_content())


def _first(
    el: Element, pattern: re.Pattern[str], *, itemprop: tuple[str, ...] = ()
) -> Element | None:
    for desc in el.iterdescendants():
        if not isinstance(desc.tag, str):
            continue
        if itemprop and desc.get("itemprop") in itemprop:
            return desc
    for desc in el.iterdescendants():
        if (
            isinstance(desc.tag, str)
            and desc.tag not in {"img", "svg"}
            and pattern.search(_marker(desc))
        ):
            return desc
    return None


def _author(own: Element) -> str | None:
    node = _first(own, _AUTHOR_RE, itemprop=("author", "creator"))
    if node is None:
        cite = own.find(".//cite")
        node = cite
    if node is None:
        return None
    name_node = node.xpath('.//*[@itemprop="name"]|.//*[contains(@class, "fn")]|.//b|.//strong')
    text = (name_node[0] if name_node else node).text_content()
    text = _SAYS_RE.sub("", " ".join(text.split()))
    return text[:80] or None


def _published(own: Element) -> str | None:
    for desc in own.iter():
        if not isinstance(desc.tag, str):
            continue
        if desc.get("itemprop") in {"dateCreated", "datePublished", "commentTime", "dateModified"}:
            value = normalize_date(
                desc.get("datetime") or desc.get("content") or desc.text_content()
            )
            if value:
                return value
    for desc in own.iter("time"):
        value = normalize_date(desc.get("datetime") or desc.get("title") or desc.text_content())
        if value:
            return value
    for attr in ("data-time", "data-timestamp", "data-date", "data-created"):
        for desc in own.xpath(f".//*[@{attr}]"):
            if value := normalize_date(desc.get(attr)):
                return value
    node = _first(own, _DATE_RE)
    if node is not None:
        return normalize_date(node.get("title") or node.text_content())
    return None


def _text(own: Element) -> str:
    for desc in own.iter():
        if isinstance(desc.tag, str) and desc.get("itemprop") in {
            "text",
            "commentText",
            "description",
        }:
            return _paragraph_text(desc)
    for pattern in _TEXT_CLASSES:
        for desc in own.iterdescendants():
            if not isinstance(desc.tag, str) or desc.tag in {"a", "time", "img"}:
                continue
            marker = _marker(desc)
            if (
                pattern.search(marker)
                and not _AUTHOR_RE.search(marker)
                and not _DATE_RE.search(marker)
            ):
                if _NOISE_RE.search(marker) or desc.get("itemprop"):
                    continue
                text = _paragraph_text(_strip(copy.deepcopy(desc), drop_meta=True))
                if text:
                    return text
    stripped = _strip(copy.deepcopy(own), drop_meta=True)
    return _paragraph_text(stripped)


def _strip(el: Element, *, drop_meta: bool = False) -> Element:
    """Remove reply links, buttons, avatars (and author and date lines when ``drop_meta``)."""
    for desc in list(el.iterdescendants()):
        if not isinstance(desc.tag, str) or desc.getparent() is None:
            continue
        marker = _marker(desc)
        drop = desc.tag in {"script", "style", "button", "form", "noscript", "svg", "img", "time"}
        drop = drop or bool(marker and _NOISE_RE.search(marker))
        if drop_meta and not drop:
            drop = bool(marker) and (
                bool(_AUTHOR_RE.search(marker))
                or bool(_DATE_RE.search(marker))
                or "meta" in marker.lower()
            )
            drop = (
                drop
                or desc.tag in {"cite", "header", "footer"}
                or desc.get("itemprop")
                in {
                    "author",
                    "dateCreated",
                    "datePublished",
                }
            )
        if drop:
            desc.drop_tree()
    return el


def _item_id(el: Element) -> str | None:
    for attr in _ID_ATTRS:
        value = el.get(attr)
        if value:
            return str(value).strip()
    inner = el.xpath('./*[starts-with(@id, "comment-") or starts-with(@id, "div-comment-")]/@id')
    return str(inner[0]) if inner else None


def _is_teaser(own: Element, text: str) -> bool:
    """True when the text is mostly link text (a "Comment:" column teaser, a related story)."""
    flat = " ".join(text.split())
    linked = 0
    for anchor in own.iter("a"):
        words = " ".join(anchor.text_content().split())
        if len(words) > 3 and words in flat:
            linked += len(words)
    return bool(flat) and linked / len(flat) > 0.6


def _parent_item(el: Element, items: set[Element]) -> Element | None:
    """The comment ``el`` replies to: an enclosing item, or (Drupal, Disqus variants) the item
    just before the reply wrapper ``el`` sits in."""
    for anc in el.iterancestors():
        if anc in items:
            return anc
        if _REPLY_WRAPPER_RE.search(_marker(anc)):
            previous = anc.getprevious()
            while previous is not None and not isinstance(previous.tag, str):
                previous = previous.getprevious()
            if previous is not None and previous in items:
                return previous
    return None


@dataclass(slots=True)
class _Found:
    element: Element
    comment: Comment


def _from_items(items: list[Element]) -> list[Comment]:
    item_set = set(items)
    found: list[_Found] = []
    ids: dict[Element, str] = {}
    used: set[str] = set()
    for n, el in enumerate(items, start=1):
        own = _own_copy(el, item_set)
        text = _text(own)
        if (
            not text
            or _ACTIONS_RE.fullmatch(text)
            or _CHROME_RE.match(text)
            or _is_teaser(own, text)
        ):
            continue
        cid = _item_id(el) or f"c{n}"
        if cid in used:
            cid = f"{cid}-{n}"
        used.add(cid)
        ids[el] = cid
        parent_id: str | None = None
        for attr in _PARENT_ATTRS:
            if el.get(attr) and el.get(attr) not in {"0", ""}:
                parent_id = el.get(attr)
                break
        if parent_id is None:
            parent = _parent_item(el, item_set)
            parent_id = ids.get(parent) if parent is not None else None
        comment = Comment(
            id=cid, text=text, author=_author(own), published=_published(own), parent_id=parent_id
        )
        found.append(_Found(el, comment))
    known = {f.comment.id for f in found}
    out: list[Comment] = []
    for f in found:
        c = f.comment
        if c.parent_id is not None and c.parent_id not in known:
            # Pages write parent ids with or without the "comment-" prefix.
            alt = next(
                (
                    k
                    for k in known
                    if k.endswith(f"-{c.parent_id}") or c.parent_id.endswith(f"-{k}")
                ),
                None,
            )
            c = Comment(c.id, c.text, c.author, c.published, alt)
        out.append(c)
    return out


def _items_in(root: Element) -> list[Element]:
    items = [el for el in root.iter() if el is not root and _is_item(el)]
    microdata = [el for el in items if _is_microdata_comment(el)]
    if microdata:
        return microdata
    # WordPress writes li.comment around article.comment-body: the inner one is only the
    # body wrapper of the outer when it comes first and the outer has no text of its own.
    item_set = set(items)
    wrappers: set[Element] = set()
    for outer in items:
        nested = [d for d in outer.iterdescendants() if d in item_set]
        if nested and len(_own_copy(outer, item_set).text_content().strip()) < 3:
            wrappers.add(nested[0])
    return [el for el in items if el not in wrappers]


def _jsonld_comments(tree: Element) -> list[Comment]:
    out: list[Comment] = []

    def visit(obj: dict[str, Any], parent: str | None) -> None:
        text = obj.get("text") or obj.get("description")
        if isinstance(text, str) and text.strip():
            author = obj.get("author")
            name = author.get("name") if isinstance(author, dict) else author
            cid = obj.get("@id") or obj.get("identifier") or obj.get("url") or f"c{len(out) + 1}"
            published = obj.get("dateCreated") or obj.get("datePublished")
            out.append(
                Comment(
                    id=str(cid),
                    text=" ".join(text.split()),
                    author=str(name).strip() if isinstance(name, str) else None,
                    published=normalize_date(published) if isinstance(published, str) else None,
                    parent_id=parent,
                )
            )
            parent = str(cid)
        children = obj.get("comment") or []
        for child in children if isinstance(children, list) else [children]:
            if isinstance(child, dict):
                visit(child, parent)

    for obj in iter_jsonld(tree):
        types = obj.get("@type")
        is_comment = types == "Comment" or (isinstance(types, list) and "Comment" in types)
        if is_comment:
            visit(obj, None)
        elif obj.get("comment"):
            children = obj["comment"]
            for child in children if isinstance(children, list) else [children]:
                if isinstance(child, dict):
                    visit(child, None)
    return out


def extract_comments(tree: Element) -> tuple[list[Comment], list[Element]]:
    """Find the comments in ``tree``.

    Returns:
        The comments in page order, and the elements holding the comment section (to be
        removed before the body is extracted).
    """
    containers = find_containers(tree)
    items: list[Element] = []
    for container in containers:
        items.extend(_items_in(container))
    microdata = [el for el in tree.iter() if isinstance(el.tag, str) and _is_microdata_comment(el)]
    if microdata and not items:
        items = microdata
    if not items:
        items = [
            el
            for el in tree.iter()
            if isinstance(el.tag, str)
            and el.tag in {"li", "article"}
            and re.search(r"(^|\s)comment(\s|$)", el.get("class", ""))
        ]
    comments = _from_items(items)
    if not comments:
        comments = _jsonld_comments(tree)
    holders = containers or _outermost(items)
    return comments, holders


def _outermost(items: list[Element]) -> list[Element]:
    item_set = set(items)
    return [el for el in items if not any(a in item_set for a in el.iterancestors())]
