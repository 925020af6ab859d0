"""The claim restated by the evidence with one detail changed (sentences from real news pages)."""

from __future__ import annotations

import pytest

from factdesk.model import Claim, Passage
from factdesk.verify.restated import restated

NASA = Passage(
    "nasa",
    "NASA is also looking to the private sector to develop crewed moon landers. These 11 had until "
    "Nov. 1 to submit detailed proposals for the Artemis human lander, and NASA is expected to pick "
    "up to four finalists early next year.",
)
STADIA = Passage(
    "stadia",
    "Stadia is not the only service to capitalize on the new tech, as Sony has offered its "
    "PlayStation Now service since 2014 and Microsoft is testing Project xCloud.",
)
HOCKEY = Passage(
    "hockey",
    "Tuukka Rask made 25 saves and New Jersey native Connor Clifton added a goal as the Bruins "
    "beat the Devils for the eighth time in nine meetings.",
)
OMAR = Passage(
    "omar",
    "A New York man pleaded guilty to charges he threatened to kill Rep. Ilhan Omar (D-Minn.), the "
    "U.S. Attorney's Office said.",
)
WEWORK = Passage(
    "wework",
    "An October 11 presentation to bondholders indicated administrative jobs would be cut, along "
    "with 2,400 jobs in WeWork's venture units.",
)


def _found(text: str, passage: Passage) -> list[tuple[str, str]]:
    claim = Claim(id="c1", text=text, start=0, end=len(text), checkworthiness=1.0)
    return [(f.kind, f.detail) for f in restated(claim, passage)]


@pytest.mark.parametrize(
    ("claim", "passage", "kind", "named"),
    [
        (
            "NASA is not expected to pick up to four finalists early next year.",
            NASA,
            "negation",
            "opposite",
        ),
        (
            "Sony has offered its PlayStation Now service since 2013 and Microsoft is testing "
            "Project xCloud.",
            STADIA,
            "date",
            "2014",
        ),
        (
            "Deputy national security adviser Anthony Beauvillier said the talks would resume "
            "in Geneva next week.",
            Passage(
                "talks",
                "Deputy national security adviser Connor Clifton said the talks would resume in "
                "Geneva next week.",
            ),
            "agent",
            "Connor Clifton",
        ),
        (
            "The city council will vote on the new stadium budget on Monday, the mayor's office "
            "said.",
            Passage(
                "council",
                "The city council will vote on the new stadium budget on Tuesday, the mayor's "
                "office said.",
            ),
            "date",
            "Tuesday",
        ),
        (
            "A New York man pleaded guilty to charges he threatened to kill former Rep. Ilhan Omar.",
            OMAR,
            "role",
            "not a former",
        ),
        (
            "An October 18 presentation to bondholders indicated administrative jobs would be cut.",
            WEWORK,
            "date",
            "October 11",
        ),
        (
            "An October 11 presentation to bondholders indicated administrative jobs would be cut, "
            "along with 4,800 jobs in WeWork's venture units.",
            WEWORK,
            "number",
            "2,400",
        ),
    ],
)
def test_one_detail_changed_is_named(claim: str, passage: Passage, kind: str, named: str) -> None:
    found = _found(claim, passage)
    assert [k for k, _ in found] == [kind]
    assert named in found[0][1]


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        # The same words: nothing to dispute.
        (
            "NASA is expected to pick up to four finalists early next year.",
            NASA,
        ),
        # A difference of form only.
        (
            "A New York man pleaded guilty to charges he threatened to kill Rep. Ilhan Omar "
            "(D-Minn.), the US Attorney's Office said.",
            OMAR,
        ),
        # Reworded: the check says nothing and leaves the claim to the other checks.
        (
            "Sony's PlayStation Now service has been on offer since 2013, while Microsoft tests "
            "Project xCloud.",
            STADIA,
        ),
        # Another unit changed with the number: not the same statement.
        (
            "An October 11 presentation to bondholders indicated administrative jobs would be cut, "
            "along with 2,400 offices in WeWork's venture units.",
            WEWORK,
        ),
        # Words that name nobody are no other doer.
        (
            "This is the first time the Wildcats have won the state title since 1990.",
            Passage(
                "title", "It is the first time the Wildcats have won the state title since 1990."
            ),
        ),
        # Another doer of an act many can do: both may be true.
        (
            "New Jersey native Anthony Beauvillier added a goal as the Bruins beat the Devils for "
            "the eighth time in nine meetings.",
            HOCKEY,
        ),
        # Another year and another value: another period, not a contradiction.
        (
            "The unemployment rate in the county was 3.5 percent in 2019, the state labour "
            "department said.",
            Passage(
                "jobs",
                "The unemployment rate in the county was 4.1 percent in 2020, the state labour "
                "department said.",
            ),
        ),
        # The same amount written otherwise, or within what "about" allows.
        (
            "An October 11 presentation to bondholders indicated administrative jobs would be cut, "
            "along with about 2,412 jobs in WeWork's venture units.",
            Passage("wework-about", WEWORK.text.replace("with 2,400", "with about 2,400")),
        ),
        # The evidence reports the claim's words as wrong.
        (
            "NASA is not expected to pick up to four finalists early next year.",
            Passage(
                "denied",
                "Reports that NASA is expected to pick up to four finalists early next year were "
                "wrong, the agency said.",
            ),
        ),
        # Too short to say it is the same statement.
        ("NASA is not expected to pick finalists.", NASA),
        # A line of a list: few words, many values.
        (
            "Portion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp.",
            Passage("plan", "Portion Fix Containers: 1 Green, 2 Red, 1 Yellow, 1 tsp."),
        ),
    ],
)
def test_no_finding_without_a_changed_detail(claim: str, passage: Passage) -> None:
    assert _found(claim, passage) == []


CLAIM = "Armani Sheffield scored 19 points and added 3 steals for Heritage on Friday."
SAID = Passage("box", CLAIM.replace("19", "29"), title="Heritage d. Titusville")


def test_the_verdict_names_the_changed_value() -> None:
    from factdesk.verify import claim_from_text, default_verifier, verify_claim

    verdict = verify_claim(claim_from_text(CLAIM), [SAID], verifier=default_verifier())
    assert verdict.label == "refuted"
    assert "29" in verdict.rationale


def test_a_document_saying_the_claim_word_for_word_is_not_refuted_by_its_other_lines() -> None:
    from dataclasses import replace

    from factdesk.verify import claim_from_text, default_verifier, verify_claim

    same = replace(SAID, text=CLAIM)
    verdict = verify_claim(claim_from_text(CLAIM), [SAID, same], verifier=default_verifier())
    assert verdict.label == "supported", verdict.rationale
