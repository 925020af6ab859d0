from __future__ import annotations

from factdesk.comments import score_comments
from factdesk.extract.html import extract_html

from ..conftest import ROOT


def test_example_comment_section() -> None:
    article = extract_html((ROOT / "examples" / "webb-telescope.html").read_text(encoding="utf-8"))
    scores = {
        c.author: s
        for c, s in zip(
            article.comments, score_comments(article.comments, article.text), strict=True
        )
    }
    assert scores["Helen Carter"].flags == ()
    assert scores["Tom Reeves"].flags == ()
    assert {"generic", "templated", "agree_reply"} <= set(scores["Sarah Jones"].flags)
    assert {"generic", "templated"} <= set(scores["Mike Brown"].flags)
    assert "promotional" in scores["Crypto Wealth Tips"].flags
    assert "coordinated" in scores["Mike Brown"].flags  # a minute after another flagged comment
    assert all(
        scores[a].inauthentic_score >= 0.5
        for a in ("Sarah Jones", "Mike Brown", "Crypto Wealth Tips")
    )
    assert scores["Helen Carter"].inauthentic_score == 0.0
