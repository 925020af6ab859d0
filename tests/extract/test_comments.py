"""Every comment fixture must come out exactly as a person reads the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdesk.extract.comments import extract_comments
from factdesk.extract.html import extract_html, parse_html

from ..conftest import FIXTURES

PAGES = sorted((FIXTURES / "comments").glob("*.html"))


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_comments_match_expected(page: Path) -> None:
    expected = json.loads(page.with_suffix("").with_suffix(".expected.json").read_text())
    article = extract_html(page.read_text(encoding="utf-8"))
    assert [c.to_dict() for c in article.comments] == [
        {
            "id": e["id"],
            "author": e["author"],
            "text": e["text"],
            "published": e["published"],
            "parent_id": e["parent_id"],
        }
        for e in expected
    ]


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_no_comment_leaks_into_body_and_no_body_into_comments(page: Path) -> None:
    article = extract_html(page.read_text(encoding="utf-8"))
    first_paragraph = article.text.split("\n\n")[0]
    for comment in article.comments:
        assert comment.text[:30] not in article.text
        assert first_paragraph[:40] not in comment.text


def test_comment_counters_and_load_more_links_are_not_comments() -> None:
    html = """<html><body><article><p>Body text of the story, long enough to be an article body.</p></article>
    <div class="comments-list" itemscope itemtype="http://schema.org/UserComments">
      <h3>All comments</h3><a class="more">Show more comments (20)</a></div></body></html>"""
    comments, _ = extract_comments(parse_html(html))
    assert comments == []


def test_related_column_teasers_are_not_comments() -> None:
    html = """<html><body><p>Story.</p><section class="comments">
      <div class="comment"><a href="/a">Comment: Women must stand up for themselves and each other</a></div>
      <div class="comment"><a href="/b">Comment: Why the budget will not balance itself this year</a></div>
      </section></body></html>"""
    comments, _ = extract_comments(parse_html(html))
    assert comments == []


def test_a_body_class_saying_comments_open_is_not_a_comment_section() -> None:
    html = """<html><body class="single comments-open"><h1>Title</h1><article>
      <p>The first paragraph of a real story that must survive extraction intact.</p>
      <p>A second paragraph with more of the story for the extractor to keep.</p>
      <p>A third paragraph so that the body is clearly the main content here.</p></article>
      </body></html>"""
    article = extract_html(html)
    assert "first paragraph of a real story" in article.text
    assert article.comments == ()
