"""Long texts in pieces: cuts at paragraph, sentence or word boundaries, offsets into the
whole text, and the time budget."""

from __future__ import annotations

from factdesk.budget import Budget
from factdesk.claims import find_claims
from factdesk.claims.pieces import claims_of_piece, claims_within, split_pieces

PARAS = [
    "NASA launched the James Webb Space Telescope on December 25, 2021.",
    "Its mirror is 6.5 metres across, officials said.",
    "The council approved a budget of $3 million for road repairs on Tuesday.",
]


def test_pieces_are_whole_paragraphs_within_the_limit() -> None:
    text = "\n\n".join(PARAS * 4)
    pieces = split_pieces(text, 150)
    assert all(0 < e - s <= 150 for s, e in pieces)
    assert all(text[s:e].split("\n\n")[0] in PARAS for s, e in pieces)
    covered = "".join(text[s:e] for s, e in pieces).replace("\n", "")
    assert covered == text.replace("\n", "")
    assert split_pieces(text) == [(0, len(text))]  # a short article is one piece
    assert split_pieces("") == []


def test_a_paragraph_or_a_word_over_the_limit_is_cut() -> None:
    sentences = " ".join(PARAS)  # one paragraph of three sentences
    pieces = split_pieces(sentences, 80)
    assert all(e - s <= 80 for s, e in pieces)
    s, e = pieces[0]
    assert sentences[s:e].strip() == PARAS[0]
    word = "x" * 250
    assert [e - s for s, e in split_pieces(word, 100)] == [100, 100, 50]


def test_claims_of_pieces_point_into_the_whole_text() -> None:
    text = "\n\n".join(PARAS)
    whole = find_claims(text)
    claims: list = []  # type: ignore[type-arg]
    for piece in split_pieces(text, 80):
        claims += claims_of_piece(text, piece, first_id=len(claims) + 1)
    assert [c.id for c in claims] == [f"c{n}" for n in range(1, len(claims) + 1)]
    assert [c.text for c in claims] == [c.text for c in whole]
    for c in claims:
        assert text[c.start : c.end] == c.text
        assert all(text[f.start : f.end] == f.text for f in c.facets)


def test_claims_within_stop_at_the_budget_after_the_first_piece() -> None:
    text = "\n\n".join(PARAS * 2000)  # 380,000 characters: eight pieces
    spent = Budget(0.0, float("inf"), 0.0)  # already out of time
    claims, read = claims_within(text, budget=spent)
    assert 0 < read <= 50_000 < len(text)
    assert claims and all(c.end <= read for c in claims)
