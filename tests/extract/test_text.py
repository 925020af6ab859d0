from __future__ import annotations

import pytest

from factdesk.errors import ExtractionError
from factdesk.extract.text import extract_text


def test_headline_byline_and_dateline_are_recognised() -> None:
    text = (
        "City approves new budget\n\nBy Maria Lopez\nPublished: 5 December 2024\n\n"
        "The council approved a $4.2 million budget on Tuesday.\nIt passed 7-2.\n\n"
        "Opponents said the plan cuts library hours."
    )
    article = extract_text(text, source="story.txt")
    assert article.title == "City approves new budget"
    assert article.authors == ("Maria Lopez",)
    assert article.published == "2024-12-05"
    assert article.text == (
        "The council approved a $4.2 million budget on Tuesday. It passed 7-2.\n\n"
        "Opponents said the plan cuts library hours."
    )
    assert article.source == "story.txt"


def test_text_that_starts_with_a_sentence_has_no_title() -> None:
    article = extract_text("The council met on Tuesday. It approved the budget.")
    assert article.title is None
    assert article.text == "The council met on Tuesday. It approved the budget."


def test_title_only_is_an_error() -> None:
    with pytest.raises(ExtractionError):
        extract_text("Just a headline\n\nBy Someone\n")
