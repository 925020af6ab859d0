"""The self-contained HTML report: claims marked in the article, hostile text kept inert."""

from __future__ import annotations

from html.parser import HTMLParser

from factdesk.model import (
    Article,
    Claim,
    ClaimResult,
    Comment,
    CommentScore,
    Evidence,
    Passage,
    Report,
    ThreadScore,
    Verdict,
    VerdictLabel,
    Versions,
)
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


COMMENTS = (
    Comment("1", "Great <img src=x onerror=alert(1)>", author="A"),
    Comment("2", "Agreed!", parent_id="1"),
)


def report(claims: list[ClaimResult], *, thread: ThreadScore | None = None) -> Report:
    article = Article(
        TEXT,
        title="A <b>bold</b> title",
        published="2024-05-01",
        url="javascript:alert(1)",
        authors=("Jo <Doe>",),
        comments=COMMENTS,
    )
    scores = thread or ThreadScore(
        (CommentScore("1", 0.9, ("generic",)), CommentScore("2", 0.1, ())), 0.5, ""
    )
    return Report(article, tuple(claims), comments=scores, versions=Versions(factdesk="0"))


def claim(start: int, end: int, verdict: VerdictLabel = "refuted", id: str = "c1") -> ClaimResult:
    evidence = (
        Evidence(
            Passage("s1", "Opened 1991.", title="City <records>", url="javascript:evil()",
                    published="2020-01-01"),
            "refutes", 0.0, 0.9, 0.5,
        ),
        Evidence(
            Passage("s2", "It opened in 1991.", title="Good", url="https://example.org/a?x=1&y=2"),
            "refutes", 0.0, 0.9, 0.5,
        ),
    )  # fmt: skip
    return ClaimResult(
        Claim(id, TEXT[start:end], start, end, 0.9),
        Verdict(verdict, 0.9, 'It opened in "1991".', evidence),
    )


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
        claim(start + 4, start + 20, id="c2"),
        claim(0, 10_000, id="c3"),
    ]
    tags = Tags()
    tags.feed(render_html(report(claims)))
    assert tags.marks == ["The bridge"]


def test_comment_reasons_and_thread_summary_are_shown() -> None:
    reason = "reply opens with a stock agreement (“<i>”)"
    thread = ThreadScore(
        (CommentScore("1", 0.9, ("generic",), (reason,)), CommentScore("2", 0.1, ())),
        0.5,
        "1 of 2 <b>look</b> off",
    )
    html = render_html(report([], thread=thread))
    assert '<p class="thread-summary">1 of 2 &lt;b&gt;look&lt;/b&gt; off</p>' in html
    assert "<li>reply opens with a stock agreement (“&lt;i&gt;”)</li>" in html
    assert "looks machine-written or coordinated: 90% probability" in html
    assert html.count('<ul class="reasons') == 1  # the unflagged comment has none


def test_a_claim_inside_another_links_to_the_mark_that_shows_it() -> None:
    start = TEXT.index("The bridge")
    host = claim(start, start + len("The bridge opened in 1990."), id="c1")
    inner = claim(start, start + len("The bridge"), "supported", id="c2")
    page = render_html(report([host, inner]))
    assert page.count('id="m-c1"') == 1 and 'id="m-c2"' not in page
    assert page.count('href="#m-c1"') == 2  # both cards lead to the one mark
