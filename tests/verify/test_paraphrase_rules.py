"""The checks that read paraphrase with care (issue 19): opposite superlatives, a detail set
aside, another title of a kind held one at a time, and the guards that keep a correct
paraphrase from being refuted (an agreeing date by its verb, a "since" date, the two sides of
one moment, "never" and "the first", a negated claim's thing). Each is a named rule of the
profile; the on/off tests show the rule is what decides."""

from __future__ import annotations

from datetime import date

from factdesk.model import Passage
from factdesk.verify import claim_from_text, default_verifier, verify_claim, verify_text
from factdesk.verify.profile import DEFAULT_PROFILE
from factdesk.verify.weigh import first_is_never, other_scope

COLUMBIA = Passage(
    "columbia",
    "Columbia lifted off on 16 January 2003 on a 16-day science flight carrying about 80 "
    "experiments. Launch footage shows foam striking the left wing. Columbia, the oldest "
    "shuttle in NASA's fleet, first flew in April 1981.",
    title="Foam strike at launch under scrutiny",
    published="2003-01-20",
)
IPHONE = Passage(
    "iphone",
    "The first iPhone uses AT&T's EDGE data network rather than faster 3G networks, and it has "
    "a 2-megapixel camera.",
    title="iPhone goes on sale",
    published="2007-06-30",
)


def test_the_opposite_superlative_in_another_sentence_of_the_document_refutes() -> None:
    verdict = verify_text(
        "Columbia, the youngest in NASA's fleet, had been on a 16-day science mission.", [COLUMBIA]
    )
    assert verdict.label == "refuted"
    assert "oldest" in verdict.rationale and "youngest" in verdict.rationale
    right = verify_text(
        "Columbia, the oldest in NASA's fleet, had been on a 16-day science mission.", [COLUMBIA]
    )
    assert right.label != "refuted"


def test_a_detail_the_evidence_sets_aside_is_refuted_not_supported() -> None:
    verdict = verify_text(
        "The iPhone, which runs on speedy 3G networks, also packs a 2-megapixel camera.", [IPHONE]
    )
    assert verdict.label == "refuted" and "EDGE" in verdict.rationale
    right = verify_text(
        "The iPhone runs on AT&T's EDGE network and has a 2-megapixel camera.", [IPHONE]
    )
    assert right.label != "refuted"


CONCORDE = [
    Passage(
        "ba",
        "British Airways had withdrawn its Concorde services the previous day, 15 August.",
        title="Concorde certificate of airworthiness suspended",
        published="2000-08-16",
    ),
    Passage(
        "back",
        "Concorde returned to commercial service on Wednesday, 7 November 2001, more than 15 "
        "months after the Paris crash, when British Airways and Air France flights from London "
        "and Paris landed in New York.",
        title="Concorde back in service",
        published="2001-11-07",
    ),
]
SPILL = Passage(
    "spill",
    "Government scientists estimated on Monday, 2 August, that about 4.9 million barrels of oil "
    "flowed from BP's Macondo well before it was capped, making it the largest accidental "
    "marine spill.",
    title="Government puts spill at 4.9 million barrels",
    published="2010-08-03",
)


def test_correct_paraphrases_the_model_reads_as_contradicting_are_not_refuted() -> None:
    # The same act on the same day, with another object word ("flights" / "services").
    assert (
        verify_text(
            "British Airways withdrew its Concorde flights on 15 August 2000.", CONCORDE
        ).label
        != "refuted"
    )
    # A state since a date is not rivalled by a later event's date.
    assert verify_text("The type had been out of service since August 2000.", CONCORDE).label != (
        "refuted"
    )
    # A negated claim needs a sentence about what it says did not happen.
    assert (
        verify_text(
            "Until then, Concorde had never had a fatal accident in commercial service.", CONCORDE
        ).label
        != "refuted"
    )
    # After a moment and before it are different times.
    assert (
        verify_text(
            "Oil has not flowed from BP's Macondo well since it was capped on 15 July.", [SPILL]
        ).label
        != "refuted"
    )


def test_the_guards_are_rules_that_can_be_switched_off() -> None:
    off = DEFAULT_PROFILE.without("negated_thing")
    claim = claim_from_text(
        "Until then, Concorde had never had a fatal accident in commercial service."
    )
    with_rule = verify_claim(claim, CONCORDE, verifier=default_verifier())
    without = verify_claim(claim, CONCORDE, verifier=default_verifier(), profile=off)
    assert with_rule.label != "refuted" and without.label == "refuted"


FULD = Passage(
    "fuld",
    "Lehman, led by chairman and chief executive Richard Fuld, employed about 25,000 people "
    "worldwide.",
    title="Lehman Brothers files for bankruptcy",
    published="2008-09-15",
)


def test_another_title_of_the_same_kind_refutes_and_titles_held_together_do_not() -> None:
    wrong = verify_claim(
        claim_from_text("Lehman's chief financial officer, Richard Fuld, led the firm."),
        [FULD],
        verifier=default_verifier(),
        claim_date=date(2008, 9, 20),
    )
    assert wrong.label == "refuted" and "chief executive" in wrong.rationale
    # "Chairman" is of another kind than "chief executive": held together, never compared.
    held = verify_claim(
        claim_from_text("Lehman chairman Richard Fuld led the firm."),
        [FULD],
        verifier=default_verifier(),
        claim_date=date(2008, 9, 20),
    )
    assert held.label != "refuted"
    # Written years away from the claim, a title may have changed: no refutation.
    late = verify_claim(
        claim_from_text("Lehman's chief financial officer, Richard Fuld, led the firm."),
        [FULD],
        verifier=default_verifier(),
        claim_date=date(2001, 1, 10),
    )
    assert not any(f.kind == "role" and f.stance == "refutes" for f in late.findings)


def test_the_set_aside_thing_is_only_what_follows_rather_than() -> None:
    arm = Passage(
        "arm",
        "Arm listed its shares in New York rather than London in September 2023, in the year's "
        "biggest listing.",
        title="Arm lists in New York",
        published="2023-09-15",
    )
    right = verify_text("Arm listed its shares in New York in September 2023.", [arm])
    assert right.label != "refuted"
    wrong = verify_text("Arm listed its shares in London in September 2023.", [arm])
    assert not any(f.kind == "negation" and f.stance == "supports" for f in wrong.findings)


def test_an_opposite_superlative_needs_the_claims_subject_and_a_whole_word() -> None:
    samsung = Passage(
        "s",
        "Samsung reported its weakest quarterly profit in ten years on 5 April 2019, though "
        "profit from its best-selling Galaxy phones held up.",
        title="Samsung profit",
        published="2019-04-05",
    )
    claim = "Samsung reported its worst quarterly profit in a decade on 5 April 2019."
    assert verify_text(claim, [samsung]).label != "refuted"
    goal = [
        Passage(
            "g",
            "Smith, aged 17, became the first teenager to score in a Champions League final on "
            "1 June 2019.",
            title="Final",
            published="2019-06-02",
        ),
        Passage(
            "g",
            "Jones, the oldest player to score in a final, also scored on 1 June 2019.",
            title="Final",
            published="2019-06-02",
        ),
    ]
    smith = "Smith became the youngest player to score in a Champions League final on 1 June 2019."
    assert verify_text(smith, goal).label != "refuted"


def test_a_title_inside_the_claims_title_is_the_same_post() -> None:
    pompeo = Passage(
        "p",
        "Secretary Mike Pompeo visited Seoul on 7 October 2018 to meet President Moon Jae-in.",
        title="Pompeo in Seoul",
        published="2018-10-07",
    )
    verdict = verify_text(
        "Secretary of State Mike Pompeo visited Seoul on 7 October 2018.", [pompeo]
    )
    assert verdict.label != "refuted"


def test_the_first_of_something_else_does_not_mute_a_contradiction() -> None:
    assert not first_is_never(
        "Federer has never lost a Wimbledon final.",
        "Federer lost his first Wimbledon final in 2008.",
    )
    assert first_is_never(
        "Concorde had never had a fatal accident.",
        "It is the first fatal accident involving Concorde.",
    )
    # The words after "since" / "before" stop at a comma.
    assert not other_scope(
        "The president has spoken every day since the summit.",
        "Before dawn, the summit opened in Geneva.",
    )
    assert other_scope(
        "Oil has not flowed since it was capped.", "Oil flowed before it was capped, they said."
    )


def test_time_scope_is_what_keeps_the_capped_well_from_being_refuted() -> None:
    claim = claim_from_text(
        "Oil has not flowed from BP's Macondo well since it was capped on 15 July."
    )
    kept = verify_claim(claim, [SPILL], verifier=default_verifier())
    off = verify_claim(
        claim, [SPILL], verifier=default_verifier(), profile=DEFAULT_PROFILE.without("time_scope")
    )
    assert kept.label != "refuted" and off.label == "refuted"
