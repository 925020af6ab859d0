from __future__ import annotations

from factdesk.evidence.passages import MAX_SENTENCES, MAX_WORDS, make_passages
from factdesk.textutil import split_sentences


def test_sentences_survive_abbreviations_initials_and_quotes() -> None:
    text = (
        'Mr. Smith met Sen. Jones in Washington on Jan. 5. "It went well," he said. '
        "J. K. Rowling earned $1.5 million. The U.S. economy grew.\nA new paragraph"
    )
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got == [
        "Mr. Smith met Sen. Jones in Washington on Jan. 5.",
        '"It went well," he said.',
        "J. K. Rowling earned $1.5 million.",
        "The U.S. economy grew.",
        "A new paragraph",
    ]


def test_passages_keep_exact_offsets_and_limits() -> None:
    sentence = "The council met on Tuesday and approved the new library budget for next year. "
    text = sentence * 10 + "\n\n" + "Short one. " * 4 + "\n\n" + "word " * 200
    spans = make_passages(text)
    assert spans
    for span in spans:
        assert text[span.start : span.end] == span.text
        assert len(span.text.split()) <= MAX_WORDS
        assert "\n" not in span.text  # paragraphs are not crossed
    assert sum(1 for s in spans if s.text.count("council") > MAX_SENTENCES) == 0
    assert any(s.text.startswith("word") and len(s.text.split()) == MAX_WORDS for s in spans)
