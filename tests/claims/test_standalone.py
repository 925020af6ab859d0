"""Claims that stand alone: a subject that only refers back is named from the sentences before,
when the article makes plain what it refers to, and left as written when it does not."""

from __future__ import annotations

from factdesk.claims import find_claims
from factdesk.claims.standalone import as_checked


def _last(text: str) -> str | None:
    claims = find_claims(text, published="2003-08-27", threshold=0.0)
    return claims[-1].standalone


def test_a_craft_named_in_the_sentence_before() -> None:
    text = (
        "The breach let superheated gas into the wing when Columbia came home. "
        "The orbiter, the youngest in NASA's fleet, had been on a 16-day science mission."
    )
    assert _last(text) == (
        "Columbia, the youngest in NASA's fleet, had been on a 16-day science mission."
    )


def test_the_company_is_the_one_organisation_named_before() -> None:
    text = (
        "Apple reported record profits on Tuesday. The company also said it would hire 500 people."
    )
    assert _last(text) == "Apple also said it would hire 500 people."


def test_the_same_noun_with_a_name_in_it() -> None:
    text = (
        "Leaders gathered for the Osaka G20 summit on 28 June 2019. "
        "The summit ended on 29 June without a joint statement on climate."
    )
    standalone = _last(text)
    assert standalone is not None and standalone.startswith("The Osaka G20 summit ended")


def test_two_organisations_before_leave_the_claim_as_written() -> None:
    text = "Apple and Google were both sued in March 2020. The company said it would appeal the ruling."
    assert _last(text) is None


def test_a_description_is_not_a_back_reference() -> None:
    text = (
        "Apple unveiled the iPhone in January 2007. "
        "The only carrier in the United States is AT&T, which signed a five-year deal."
    )
    assert _last(text) is None


def test_he_is_the_person_who_was_the_subject_before() -> None:
    text = "Gordon Brown resigned as prime minister on 11 May 2010. He said he had loved the job."
    assert _last(text) == "Gordon Brown said he had loved the job."
    text = "Nobody had won both sprints since Carl Lewis in 1984. He ran 9.69 seconds in the final."
    assert _last(text) is None


def test_the_checked_claim_keeps_its_facets_on_their_words() -> None:
    text = (
        "The breach let superheated gas into the wing when Columbia came home. "
        "The orbiter, the youngest in NASA's fleet, had been on a 16-day science mission."
    )
    claim = find_claims(text, published="2003-08-27", threshold=0.0)[-1]
    checked = as_checked(claim)
    assert checked.text == claim.standalone and checked.start == claim.start
    assert checked.facets and len(checked.facets) == len(claim.facets)
    for f in checked.facets:
        assert checked.text[f.start - checked.start : f.end - checked.start] == f.text
    # The report quotes the article's words and gives the standalone form beside them.
    assert claim.to_dict()["text"].startswith("The orbiter")
    assert claim.to_dict()["standalone"].startswith("Columbia")


def test_a_presupposed_act_is_a_claim_of_its_own() -> None:
    text = (
        "The project stalled for a year after the mayor's veto of the budget in March 2019. "
        "Even after Treasury Secretary Henry Paulson's pledge of taxpayer backing for a "
        "Lehman deal, no rescue came."
    )
    claims = find_claims(text, published="2019-06-01")
    made = {c.text: c for c in claims if c.text != c.standalone and c.standalone}
    veto = made["the mayor's veto of the budget in March 2019"]
    assert veto.standalone == "The mayor vetoed the budget in March 2019."
    assert [f.kind for f in veto.facets if f.kind == "time"] == ["time"]
    assert text[veto.start : veto.end] == veto.text
    pledge = made["Treasury Secretary Henry Paulson's pledge of taxpayer backing for a Lehman deal"]
    assert pledge.standalone == (
        "Treasury Secretary Henry Paulson pledged taxpayer backing for a Lehman deal."
    )
    # Each sits inside the claim of its clause, in text order, numbered with the rest.
    host = next(c for c in claims if c.start <= veto.start and veto.end <= c.end and c is not veto)
    assert claims.index(host) < claims.index(veto)
    assert [c.id for c in claims] == [f"c{n}" for n in range(1, len(claims) + 1)]


def test_a_time_or_an_unlinked_pronoun_is_no_doer() -> None:
    text = (
        "Turnout in last week's election was 65 percent. "
        "Judge Sim Lake sentenced him; his death in July 2006 ended the case against Kenneth Lay."
    )
    claims = find_claims(text, published="2006-10-01")
    assert not [c for c in claims if c.standalone and c.standalone.endswith(" was elected.")]
    assert not [c for c in claims if c.standalone == "Sim Lake died."]


def test_a_presupposed_claim_is_checked_with_its_facets_on_its_statement() -> None:
    text = "Markets rose after Microsoft's acquisition of LinkedIn for $36 billion on 13 June 2016."
    claim = next(c for c in find_claims(text, published="2016-06-20") if c.text.startswith("Micro"))
    checked = as_checked(claim)
    assert checked.text == "Microsoft acquired LinkedIn for $36 billion on 13 June 2016."
    kinds = {
        f.kind: checked.text[f.start - checked.start : f.end - checked.start]
        for f in checked.facets
    }
    assert kinds["number"] == "$36 billion" and kinds["time"] == "13 June 2016"
    # A pronoun's facet becomes the person's name; "He" is not found inside "Henry".
    text = (
        "Treasury Secretary Henry Paulson spoke on Sunday. "
        "He said no public money would be used for Lehman on 14 September 2008."
    )
    checked = as_checked(find_claims(text, published="2008-09-15")[-1])
    people = [f for f in checked.facets if f.kind == "person"]
    assert checked.text.startswith("Henry Paulson said")
    assert [(f.text, f.value.get("label")) for f in people] == [("Henry Paulson", "PERSON")]


def test_who_did_the_act_decides_the_voice_of_the_statement() -> None:
    cases = {
        "The fans cheered the club's dismissal of manager Jose Mourinho.": (
            "The club dismissed manager Jose Mourinho."
        ),
        "Staff left after Twitter's acquisition by Elon Musk in October 2022.": (
            "Twitter was acquired by Elon Musk in October 2022."
        ),
        "Sales soared after Apple's iPhone launch.": "Apple launched the iPhone.",
    }
    for text, statement in cases.items():
        made = [c.standalone for c in find_claims(text, published="2023-01-01", threshold=0.0)]
        assert statement in made, (text, made)


def test_a_pronoun_is_not_given_to_a_named_person_when_someone_else_may_own_it() -> None:
    spokeswoman = (
        "John Smith was charged with fraud on Monday, a police spokeswoman said. "
        "She added that he would appear in court on 3 June."
    )
    assert _last(spokeswoman) is None
    cited = (
        "Tesla cut prices on Monday. Its chief executive, Elon Musk, spoke to Reuters on Monday. "
        "The company will cut 10% of its staff by June 2024."
    )
    assert _last(cited) is None  # not "Reuters will cut ..."
