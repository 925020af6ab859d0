"""The same event: values compared only with the slot of the same event, doers of acts, people
never read as places, and the counterfactual test with the real entailment model."""

from __future__ import annotations

from datetime import date

from factdesk.model import Passage
from factdesk.verify import claim_from_text, default_verifier
from factdesk.verify.checks import check_passage
from factdesk.verify.events import anchor, core_clause, counterfactual, other_event
from factdesk.verify.sentence import content_lemmas
from factdesk.verify.verdict import entailment_confirmer

PRIMARY = Passage(
    "primary",
    "State Representative Maria Delgado won the Democratic primary for the open Senate seat on "
    "March 4, 2025, defeating two rivals with 58 percent of the vote.",
    published="2025-03-05",
)
SWORN = Passage(
    "sworn",
    "Maria Delgado was sworn in as a United States senator on January 5, 2026, in Washington. "
    "Governor Tom Harlan attended the ceremony with her family.",
    published="2026-01-05",
)
ENDORSED = Passage(
    "endorsed",
    "Governor Tom Harlan endorsed Maria Delgado for the Senate on June 12, 2025, at a rally in "
    "Springfield. Harlan had stayed neutral during the primary.",
    published="2025-06-12",
)
RESULTS = Passage(
    "results",
    "Norvik Shipping reported a profit of 610 million euros for 2025 on March 10, 2026. Chief "
    "executive Anna Lund told analysts that freight rates had stabilised.",
    published="2026-03-10",
)


def found(text: str, passage: Passage, *, confirm: bool = True) -> dict[tuple[str, str], str]:
    claim = claim_from_text(text, claim_date=date(2026, 1, 6))
    confirmer = entailment_confirmer(default_verifier()) if confirm else None
    got = check_passage(claim, content_lemmas(text), passage, topic=frozenset(), confirm=confirmer)
    return {(f.kind, f.stance): f.detail for f in got}


def test_anchor_names_the_event_verb_and_its_object() -> None:
    text = "Delgado won the Senate election on November 4, 2025."
    at = text.index("November")
    got = anchor(text, at, at + len("November 4, 2025"))
    assert got.verb == "win" and "election" in got.objects
    other = PRIMARY.text.index("March 4")
    theirs = anchor(PRIMARY.text, other, other + len("March 4, 2025"))
    assert theirs.verb == "win" and "primary" in theirs.objects
    assert other_event(got, theirs)
    assert not other_event(got, got)


def test_a_date_of_another_event_with_the_same_people_does_not_refute() -> None:
    got = found("Delgado won the Senate election on November 4, 2025.", PRIMARY)
    assert ("date", "refutes") not in got
    got = found("Delgado won the Senate election with 52 percent of the vote.", PRIMARY)
    assert ("number", "refutes") not in got


def test_the_date_of_the_same_event_refutes_with_the_events_own_date() -> None:
    got = found("Maria Delgado was sworn in as a senator on December 15, 2025.", SWORN)
    assert "2026-01-05" in got[("date", "refutes")]


def test_the_counterfactual_puts_the_evidence_value_in_the_claim() -> None:
    claim = claim_from_text("Maria Delgado was sworn in as a senator on December 15, 2025.")
    got = check_passage(claim, content_lemmas(claim.text), SWORN, topic=frozenset())
    refuting = next(f for f in got if f.stance == "refutes")
    assert counterfactual(claim, refuting) == (
        "Maria Delgado was sworn in as a senator on December 15, 2025",
        "Maria Delgado was sworn in as a senator on January 5, 2026",
    )


def test_the_core_clause_leaves_out_what_is_joined_to_it() -> None:
    text = "Its primary mirror is 8.5 metres across and is made of 18 gold-coated segments."
    at = text.index("8.5")
    assert core_clause(text, at, at + 10) == "Its primary mirror is 8.5 metres across"
    text = "Coach Sara Quinn, appointed in July 2022, has now won her first trophy."
    at = text.index("July")
    assert core_clause(text, at, at + 9) == "Coach Sara Quinn, appointed in July 2022"


def test_a_date_held_by_another_act_of_the_same_person_does_not_refute() -> None:
    town_hall = Passage(
        "town-hall",
        "On March 2, 2026, Maria Delgado, who was sworn in as a senator in the winter, held a "
        "town hall in Washington.",
        published="2026-03-02",
    )
    got = found("Maria Delgado was sworn in as a senator on December 15, 2025.", town_hall)
    assert ("date", "refutes") not in got


def test_someone_else_endorsing_refutes_with_the_right_name() -> None:
    got = found("Frank Olsen endorsed Maria Delgado for the Senate in June 2025.", ENDORSED)
    assert "Tom Harlan" in got[("agent", "refutes")]
    assert "Frank Olsen" in got[("agent", "refutes")]
    got = found("Jonas Berg told analysts that freight rates had stabilised.", RESULTS)
    assert "Anna Lund" in got[("agent", "refutes")]


def test_the_same_doer_supports() -> None:
    got = found("Governor Tom Harlan endorsed Maria Delgado in June 2025.", ENDORSED)
    assert ("agent", "supports") in got and ("agent", "refutes") not in got


def test_a_person_is_never_read_as_a_place() -> None:
    passage = Passage(
        "rally",
        "Warnock spoke at a rally in Atlanta and Savannah on Tuesday with supporters.",
        published="2026-01-05",
    )
    got = found("Senator Raphael Warnock spoke at a rally with supporters.", passage, confirm=False)
    assert ("place", "refutes") not in got


def test_the_same_statement_with_the_opposite_polarity_refutes() -> None:
    passage = Passage(
        "cup",
        "The city council approved the new budget for the public libraries on Tuesday evening.",
        published="2026-01-06",
    )
    got = found(
        "The city council did not approve the new budget for the public libraries.", passage
    )
    assert "the opposite" in got[("negation", "refutes")]
    got = found("The city council approved the new budget for the public libraries.", passage)
    assert ("negation", "supports") in got and ("negation", "refutes") not in got


def test_of_several_numbers_the_one_in_the_claims_place_is_compared() -> None:
    passage = Passage(
        "softbank",
        "SoftBank agreed to inject $6.5 billion into WeWork and to fund a $3 billion buyout of "
        "existing shareholders.",
        published="2019-11-19",
    )
    got = found(
        "SoftBank agreed to inject $6.5 billion into WeWork and to fund a $6 billion buyout of "
        "existing shareholders.",
        passage,
        confirm=False,
    )
    assert "$3 billion" in got[("number", "refutes")]


def test_the_core_clause_of_a_value_with_no_verb_above_it_is_the_whole_text() -> None:
    text = "Tickets at 10 a.m. Friday, Dec. 6, for 45 dollars."
    at = text.index("45")
    assert core_clause(text, at, at + 10) == text


def test_a_plan_does_not_refute_what_happened_nor_the_reverse() -> None:
    plan = Passage(
        "vw",
        "Volkswagen said it will launch the electric wagon in Europe next year.",
        published="2019-11-20",
    )
    got = found("Volkswagen launched the electric wagon in Europe this week.", plan, confirm=False)
    assert ("date", "refutes") not in got
    done = Passage(
        "vw2", "Volkswagen launched the electric wagon in Europe in 2018.", published="2019-11-20"
    )
    got = found("Volkswagen launched the electric wagon in Europe this week.", done, confirm=False)
    assert ("date", "refutes") in got


def test_a_second_value_the_claim_gives_itself_is_no_rival() -> None:
    deal = Passage(
        "deal", "Apple AirPods 2 wireless earphones now sell for $139.", published="2019-11-19"
    )
    got = found(
        "Apple AirPods 2 wireless earphones sell for $139 (originally $159).", deal, confirm=False
    )
    assert ("number", "refutes") not in got


def test_places_that_nest_do_not_refute_but_two_countries_do() -> None:
    dateline = Passage(
        "dateline",
        "NASA announced in Washington that five US companies may bid for lunar lander contracts.",
        published="2019-11-19",
    )
    got = found(
        "NASA announced in the US that five companies may bid for lander contracts.", dateline
    )
    assert ("place", "refutes") not in got
    summit = Passage(
        "summit", "The leaders met in France for the climate summit.", published="2019-11-19"
    )
    got = found("The leaders met in Germany for the climate summit.", summit)
    assert "France" in got[("place", "refutes")]
