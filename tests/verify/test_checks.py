"""Structured checks on real sentences: what differs, and what agrees."""

from __future__ import annotations

from factdesk.model import Passage
from factdesk.verify import claim_from_text
from factdesk.verify.checks import check_passage
from factdesk.verify.sentence import content_lemmas

LAUNCH = Passage(
    "nasa-launch",
    "NASA's James Webb Space Telescope launched at 7:20 a.m. EST Saturday, December 25, 2021, on an Ariane 5 "
    "rocket from Europe's Spaceport in French Guiana, South America.",
    published="2021-12-25",
)
IMAGE = Passage(
    "nasa-image",
    "President Joe Biden revealed the first full-color image from NASA's James Webb Space Telescope on July 11, "
    "2022, during a preview event at the White House with NASA Administrator Bill Nelson.",
    published="2022-07-11",
)
MIRROR = Passage(
    "mirror",
    "Webb's primary mirror is 6.5 meters (21 feet 4 inches) across.",
    published="2021-11-02",
)
QUOTE = Passage(
    "quote",
    '"The James Webb Space Telescope represents the ambition that NASA and our partners maintain to propel us '
    'forward into the future," said NASA Administrator Bill Nelson.',
    published="2021-12-25",
)


def findings(
    claim_text: str, passage: Passage, claim_date: str = "2022-07-20"
) -> dict[tuple[str, str], str]:
    from datetime import date

    claim = claim_from_text(claim_text, claim_date=date.fromisoformat(claim_date))
    found = check_passage(claim, content_lemmas(claim_text), passage, topic=frozenset())
    return {(f.kind, f.stance): f.detail for f in found}


def test_a_passage_about_something_else_is_not_compared() -> None:
    from datetime import date

    claim = claim_from_text("Hubble's mirror is 6.5 metres across.", claim_date=date(2022, 7, 20))
    assert (
        check_passage(claim, content_lemmas(claim.text), MIRROR, topic=frozenset({"hubble"})) == []
    )


def test_wrong_date_of_the_same_event() -> None:
    got = findings("The telescope launched on December 24, 2022 aboard a rocket.", LAUNCH)
    assert "2021-12-25" in got[("date", "refutes")] and "2022-12-24" in got[("date", "refutes")]


def test_right_date_is_support() -> None:
    got = findings("Webb launched on December 25, 2021.", LAUNCH)
    assert ("date", "supports") in got and ("date", "refutes") not in got


def test_a_date_of_another_event_is_not_compared() -> None:
    got = findings("The city council approved the budget on March 3, 2020.", LAUNCH)
    assert got == {}


def test_wrong_number() -> None:
    got = findings("Its primary mirror is 8.5 metres across.", MIRROR)
    assert got[("number", "refutes")] == "the evidence gives 6.5 meters, not 8.5 metres"
    assert ("number", "supports") in findings("Webb's primary mirror measures 6.5 metres.", MIRROR)


def test_former_versus_sitting() -> None:
    got = findings(
        "Former NASA administrator Bill Nelson unveiled the first image at the White House.", IMAGE
    )
    assert got[("role", "refutes")].startswith("Bill Nelson was the sitting administrator")
    assert ("role", "supports") in findings(
        "NASA Administrator Bill Nelson unveiled the first image.", IMAGE
    )


def test_misattributed_quote() -> None:
    got = findings(
        'Elon Musk praised the launch, saying "the telescope represents the ambition that NASA and our partners '
        'maintain to propel us forward into the future."',
        QUOTE,
    )
    assert (
        got[("quote", "refutes")]
        == "the evidence attributes these words to Bill Nelson, not Elon Musk"
    )


def test_wrong_place() -> None:
    got = findings(
        "The telescope launched from Cape Canaveral, Florida, on December 25, 2021.", LAUNCH
    )
    assert ("place", "refutes") in got
