"""The self-contained HTML report: claims marked in the article, hostile text kept inert."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from factdesk.report.html import render_html

TEXT = 'Intro <script>alert("x")</script> here.\n\nThe bridge opened in 1990. Then more & more.'


class Tags(HTMLParser):
    """Counts of opened and closed tags, the marks' text, links and scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: dict[str, int] = {}
        self.closed: dict[str, int] = {}
        self.links: list[str] = []
        self.marks: list[str] = []
        self._in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.opened[tag] = self.opened.get(tag, 0) + 1
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        if tag == "mark":
            self._in_mark = True
            self.marks.append("")

    def handle_endtag(self, tag: str) -> None:
        self.closed[tag] = self.closed.get(tag, 0) + 1
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marks[-1] += data


def report(claims: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "article": {
            "title": "A <b>bold</b> title",
            "text": TEXT,
            "published": "2024-05-01",
            "url": "javascript:alert(1)",
            "authors": ["Jo <Doe>"],
        },
        "claims": claims,
        "contradictions": [],
        "comments": {
            "count": 2,
            "inauthentic_share": 0.5,
            "items": [
                {
                    "id": "1",
                    "author": "A",
                    "text": "Great <img src=x onerror=alert(1)>",
                    "flags": ["generic"],
                    "inauthentic_score": 0.9,
                    "parent_id": None,
                },
                {
                    "id": "2",
                    "author": None,
                    "text": "Agreed!",
                    "flags": [],
                    "inauthentic_score": 0.1,
                    "parent_id": "1",
                },
            ],
        },
        "summary": {
            "verdict_counts": {"refuted": 1},
            "credibility": 0.2,
            "headline": "1 of 1 claims refuted.",
        },
        "notes": [],
        "versions": {"factdesk": "0"},
    }


def claim(start: int, end: int, verdict: str = "refuted") -> dict[str, Any]:
    return {
        "id": "c1",
        "text": TEXT[start:end],
        "span": [start, end],
        "verdict": verdict,
        "confidence": 0.9,
        "rationale": 'It opened in "1991".',
        "evidence": [
            {
                "source_id": "s1",
                "title": "City <records>",
                "url": "javascript:evil()",
                "published": "2020-01-01",
                "passage": "Opened 1991.",
                "stance": "refutes",
            },
            {
                "source_id": "s2",
                "title": "Good",
                "url": "https://example.org/a?x=1&y=2",
                "published": None,
                "passage": "It opened in 1991.",
                "stance": "refutes",
            },
        ],
    }


def test_claim_marked_and_hostile_text_inert() -> None:
    start = TEXT.index("The bridge")
    page = render_html(report([claim(start, start + len("The bridge opened in 1990."))]))
    tags = Tags()
    tags.feed(page)
    assert tags.marks == ["The bridge opened in 1990."]
    assert "script" not in tags.opened and "img" not in tags.opened and "b" in tags.opened
    assert "<h1>A &lt;b&gt;bold&lt;/b&gt; title</h1>" in page  # the title's <b> stays text
    assert "&lt;script&gt;" in page and "&lt;img src=x" in page
    assert not any(link.lower().startswith("javascript") for link in tags.links)
    assert "https://example.org/a?x=1&amp;y=2" in page
    for tag in ("mark", "div", "p", "ul", "li", "section", "article"):
        assert tags.opened.get(tag, 0) == tags.closed.get(tag, 0), tag
    assert page.count("<p>") >= 2  # the paragraph break survives
    assert 'class="comment reply"' in page and 'class="comment flagged"' in page


def test_a_span_outside_the_text_or_overlapping_is_skipped() -> None:
    start = TEXT.index("The bridge")
    claims = [
        claim(start, start + 10),
        {**claim(start + 4, start + 20), "id": "c2"},
        {**claim(0, 10_000), "id": "c3"},
    ]
    tags = Tags()
    tags.feed(render_html(report(claims)))
    assert tags.marks == ["The bridge"]


def test_comment_reasons_and_thread_summary_are_shown() -> None:
    data = report([])
    data["comments"]["thread"] = {"inauthentic_score": 0.5, "summary": "1 of 2 <b>look</b> off"}
    data["comments"]["items"][0]["reasons"] = ["reply opens with a stock agreement (“<i>”)"]
    html = render_html(data)
    assert '<p class="thread-summary">1 of 2 &lt;b&gt;look&lt;/b&gt; off</p>' in html
    assert "<li>reply opens with a stock agreement (“&lt;i&gt;”)</li>" in html
    assert "90% likely inauthentic" in html
    assert html.count('<ul class="reasons') == 1  # the unflagged comment has none
