from __future__ import annotations

from datetime import date

import pytest

from factdesk.claims.times import find_times

PUB = date(2024, 3, 16)  # a Saturday


def resolve(text: str, published: date | None = PUB) -> list[tuple[str, str | None, str | None]]:
    out = []
    for t in find_times(text, published=published):
        iv = t.interval
        out.append((t.text, iv[0].isoformat() if iv else None, iv[1].isoformat() if iv else None))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It reopened in early December 2024.",
            ("early December 2024", "2024-12-01", "2024-12-10"),
        ),
        ("It happened on Dec. 24, 2022 at dawn.", ("Dec. 24, 2022", "2022-12-24", "2022-12-24")),
        ("The vote was held on Friday.", ("on Friday", "2024-03-15", "2024-03-15")),
        ("The vote will be held on Friday.", ("on Friday", "2024-03-22", "2024-03-22")),
        ("This year was hard.", ("This year", "2024-01-01", "2024-12-31")),
        (
            "Prices rose in the first quarter of 2023.",
            ("the first quarter of 2023", "2023-01-01", "2023-03-31"),
        ),
        ("The plant closed in the 1990s.", ("the 1990s", "1990-01-01", "1999-12-31")),
        ("It has grown since 2019.", ("since 2019", "2019-01-01", "2024-03-16")),
        ("It was approved last week.", ("last week", "2024-03-04", "2024-03-10")),
        ("They met three days ago.", ("three days ago", "2024-03-13", "2024-03-13")),
        ("Construction began in December.", ("December", "2023-12-01", "2023-12-31")),
        ("The election will take place in November.", ("November", "2024-11-01", "2024-11-30")),
    ],
)
def test_resolution_against_publication_date(text: str, expected: tuple[str, str, str]) -> None:
    assert resolve(text) == [expected]


def test_relative_to_the_previous_expression() -> None:
    got = resolve("The bridge closed in early December 2022. Just weeks later, the mayor resigned.")
    assert got == [
        ("early December 2022", "2022-12-01", "2022-12-10"),
        ("Just weeks later", "2022-12-17", "2023-02-04"),
    ]


def test_relative_expressions_without_an_anchor_stay_unresolved() -> None:
    (t,) = find_times("The vote was held on Friday.", published=None)
    assert t.text == "on Friday" and not t.resolved and "no publication date" in (t.note or "")
    (t,) = find_times("Just weeks later, the mayor resigned.", published=PUB)
    assert not t.resolved and "earlier time" in (t.note or "")


def test_not_dates() -> None:
    assert resolve("The company may cut 2,000 jobs; Black Friday sales fell 5%.") == []


def test_a_length_of_time_looked_back_over_is_not_a_date() -> None:
    published = date(2009, 6, 11)
    first = find_times("It is the first flu pandemic in 41 years, since 1968.", published=published)
    assert [t.text for t in first] != [] and "in 41 years" not in [t.text for t in first]
    low = find_times("Unemployment hit its lowest level in five years.", published=published)
    assert low == []
    ahead = find_times("The bridge will reopen in two years.", published=published)
    assert [(t.text, t.interval) for t in ahead] == [
        ("in two years", (date(2009, 6, 11), date(2011, 6, 11)))
    ]


def test_a_future_date_after_a_superlative_across_a_verb_stays_a_date() -> None:
    published = date(2009, 6, 11)
    for text in (
        "The first trains will run in three years.",
        "It is the most expensive project and will be finished in five years.",
        "They plan to double their best-selling line in two years.",
    ):
        assert [t.granularity for t in find_times(text, published=published)] == ["year"], text


def test_a_year_before_1900_is_a_date_where_a_preposition_or_a_month_says_so() -> None:
    assert resolve("the youngest since Lord Liverpool in 1812.") == [
        ("1812", "1812-01-01", "1812-12-31")
    ]
    assert resolve("Napoleon was beaten on 18 June 1815 at Waterloo.") == [
        ("18 June 1815", "1815-06-18", "1815-06-18")
    ]
    # A count is no year: after "of", before a noun, or a bare number.
    assert resolve("a crowd of 1500.") == []
    assert resolve("in 1500 homes") == []
    assert resolve("from 1200 to 1500 people") == []
    assert resolve("It took 1812 votes.") == []


def test_a_weekday_before_a_day_and_month_is_one_date() -> None:
    # Not "on Friday" (the Friday before the page) and "22 June" apart: one date, 22 June.
    assert resolve("It came on sale at 6 p.m. on Friday, 22 June.", date(2007, 7, 2)) == [
        ("Friday, 22 June", "2007-06-22", "2007-06-22")
    ]
