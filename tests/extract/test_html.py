from __future__ import annotations

import pytest

from factdesk.errors import ExtractionError
from factdesk.extract.html import extract_html, parse_html
from factdesk.extract.metadata import clean_authors, extract_metadata

from ..conftest import FIXTURES, ROOT

WIDGET_TEXTS = (
    "Listen to the article",
    "Fact Checker",
    "Verified by",
    "cookies",
    "Share this",
    "Related",
    "Hubble turns 32",
    "Subscribe",
    "Leave a Reply",
)


def test_example_page_body_is_clean() -> None:
    article = extract_html((ROOT / "examples" / "webb-telescope.html").read_text(encoding="utf-8"))
    assert article.title == "Webb telescope marks a new era for astronomy"
    assert article.published == "2022-07-20T08:15:00+00:00"
    assert article.authors == ("Jordan Avery",)
    assert article.url == "https://trendpulse-daily.example/science/webb-telescope-new-era"
    assert article.language == "en"
    assert article.text.startswith("The James Webb Space Telescope, the largest")
    assert article.text.endswith("a few hundred million years after the Big Bang.")
    assert len(article.text.split("\n\n")) == 8
    for widget in WIDGET_TEXTS:
        assert widget not in article.text, widget
    assert [c.author for c in article.comments] == [
        "Helen Carter",
        "Sarah Jones",
        "Mike Brown",
        "Crypto Wealth Tips",
        "Tom Reeves",
    ]
    assert article.comments[1].parent_id == "comment-2201"


def test_wordpress_metadata() -> None:
    article = extract_html((FIXTURES / "comments" / "wordpress.html").read_text())
    assert article.title == "Harbor Bridge reopens after two-year repair"
    assert article.published == "2025-03-14T09:30:00+00:00"
    assert article.authors == ("Dana Whitfield",)
    assert "Fact Checker" not in article.text and "Listen" not in article.text


def test_byline_and_dateline_without_structured_data() -> None:
    article = extract_html((FIXTURES / "comments" / "generic_flat.html").read_text())
    assert article.authors == ("Tom Okafor", "Lisa Grant")
    assert article.published == "2024-06-03"
    assert article.title == "School board approves later start times"


def test_title_from_title_tag_drops_site_name() -> None:
    tree = parse_html(
        "<html><head><title>Budget passes | City Paper</title></head><body></body></html>"
    )
    assert extract_metadata(tree).title == "Budget passes"


def test_jsonld_graph_and_author_list() -> None:
    html = """<html><head><script type="application/ld+json">
    {"@graph": [{"@type": "WebSite", "name": "Site"},
                {"@type": ["NewsArticle"], "headline": "Headline here", "datePublished": "2024-02-29",
                 "author": [{"name": "A. One"}, {"name": "B. Two"}], "inLanguage": "de-DE"}]}
    </script></head><body></body></html>"""
    meta = extract_metadata(parse_html(html))
    assert (meta.title, meta.published, meta.authors, meta.language) == (
        "Headline here",
        "2024-02-29",
        ("A. One", "B. Two"),
        "de",
    )


def test_clean_authors() -> None:
    assert clean_authors(["By Jane Doe and John Roe", "jane doe", "https://x.example/a"]) == (
        "Jane Doe",
        "John Roe",
    )


def test_page_without_article_text() -> None:
    with pytest.raises(ExtractionError, match="no article text"):
        extract_html(
            "<html><head><title>Login</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
        )


def test_a_big_page_is_read_in_parts_and_the_budget_cuts_it_short() -> None:
    from factdesk.budget import Budget
    from factdesk.extract.html import BIG_PAGE_CHARS, extract_html

    paragraphs = [
        f"<p>Paragraph {n}: the council approved a budget of ${n} million for road repairs "
        "on Tuesday, officials said.</p>"
        for n in range(12_000)
    ]
    page = (
        "<html><head><title>The long page</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>The long page</h1>" + "\n".join(paragraphs) + "</article></body></html>"
    )
    assert len(page) > BIG_PAGE_CHARS
    article = extract_html(page)
    assert article.title == "The long page" and article.warnings == ()
    assert article.text.count("Paragraph") == 12_000
    assert "Paragraph 0:" in article.text and "Paragraph 11999:" in article.text
    cut = extract_html(page, budget=Budget(0.0, float("inf"), 0.0))
    assert 0 < cut.text.count("Paragraph") < 12_000
    assert "time budget (0 s) ran out while reading this" in cut.warnings[0]


def test_control_characters_in_a_page_are_dropped_not_a_crash() -> None:
    """Found by fuzzing: lxml refused the text when a widget's tail was joined to its parent."""
    from factdesk.extract.html import extract_html

    page = (
        "<html><body><div class='share-bar'>Share</div>\x1b[31m\x00 The mayor resigned on "
        "Friday, the council said in a statement.<p>The vote is on Monday.</p></body></html>"
    )
    article = extract_html(page)
    assert "The mayor resigned on Friday" in article.text and "\x1b" not in article.text
