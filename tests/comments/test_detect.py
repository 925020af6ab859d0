"""The shipped detector on real threads: the written benchmark threads and the example page."""

from __future__ import annotations

import json
from typing import Any

import pytest

from factdesk.comments import THRESHOLD, score_comments, score_thread
from factdesk.extract.html import extract_html
from factdesk.model import Comment

from ..conftest import ROOT

THREADS = ROOT / "benchmarks" / "data" / "comments" / "threads.jsonl"


def thread(tid: str) -> tuple[list[Comment], list[int], str]:
    for line in THREADS.read_text(encoding="utf-8").splitlines():
        t: dict[str, Any] = json.loads(line)
        if t["id"] == tid:
            return [Comment(**c) for c in t["comments"]], t["labels"], t["article_text"]
    raise KeyError(tid)


def test_agree_reply_page_is_flagged() -> None:
    comments, labels, article = thread("agree-transit")
    assert len(comments) == 12 and all(labels)
    result = score_thread(comments, article)
    flagged = [i for i in result.items if i.flags]
    assert len(flagged) >= 10
    replies = [i for c, i in zip(comments, result.items, strict=True) if c.parent_id]
    assert any("stock agreement" in r for i in replies for r in i.reasons)
    assert all(len(i.flags) == len(i.reasons) for i in result.items)
    assert result.inauthentic_score >= 0.7
    assert "look inauthentic" in result.summary


def test_human_disagreement_thread_is_left_alone() -> None:
    comments, labels, article = thread("human-highstreet")
    assert len(comments) == 8 and not any(labels)
    result = score_thread(comments, article)
    assert sum(1 for i in result.items if i.flags) <= 1
    assert result.inauthentic_score < 0.3


def test_scores_are_probabilities_and_unflagged_comments_have_no_reasons() -> None:
    comments, _, article = thread("pivot-supplement")
    for item in score_comments(comments, article):
        assert 0.0 <= item.inauthentic_score <= 1.0
        assert bool(item.flags) == (item.inauthentic_score >= THRESHOLD)
        assert bool(item.reasons) == bool(item.flags)


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
    for author in ("Sarah Jones", "Mike Brown", "Crypto Wealth Tips"):
        assert scores[author].flags, author
        assert scores[author].inauthentic_score > scores["Helen Carter"].inauthentic_score
    assert "stock agreement" in " ".join(scores["Sarah Jones"].reasons)


@pytest.mark.parametrize("n", [0, 1])
def test_tiny_threads(n: int) -> None:
    comments = [Comment(id="a", text="Thanks, useful.")][:n]
    result = score_thread(comments)
    assert len(result.items) == n


def test_shipped_model_meets_its_measured_floors() -> None:
    """The figures training measured on data the shipped text models never saw."""
    from factdesk.comments import MODEL_PATH

    metrics = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["metrics"]
    assert metrics["machine_tweepfake_validation_balanced_accuracy"] >= 0.80
    assert min(metrics["spam_held_out_file_balanced_accuracy"].values()) >= 0.90
