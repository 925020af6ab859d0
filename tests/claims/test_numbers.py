from __future__ import annotations

from factdesk.claims.numbers import find_numbers


def test_numbers_units_and_kinds() -> None:
    text = "It cost about $10 billion, orbits 1.5 million kilometres away, fell 3.5% and 41,000 vehicles cross daily. Falcon 9 flew in 2021."
    got = [(q.text, q.value, q.unit, q.kind, q.approximate) for q in find_numbers(text)]
    assert got == [
        ("about $10 billion", 1e10, "USD", "money", "about"),
        ("1.5 million kilometres", 1.5e6, "km", "measure", None),
        ("3.5%", 3.5, "percent", "percent", None),
        ("41,000 vehicles", 41000.0, "vehicles", "count", None),
    ]


def test_date_spans_are_skipped() -> None:
    text = "On December 24, 2022 it cost 5 million euros."
    got = [q.text for q in find_numbers(text, skip=[(3, 20)])]
    assert got == ["5 million euros"]
