"""Long evidence read in windows, and sentences read together, with the shipped model."""

from __future__ import annotations

import math

from factdesk.model import Passage
from factdesk.verify import default_verifier, verify_text
from factdesk.verify.sentence import content_lemmas
from factdesk.verify.windows import joint_premise, judge_passages, windows, word_budget

FILLER = (
    "The museum opened a new wing for its collection of maritime paintings last spring. "
    "Visitors can also book guided tours of the restored harbour warehouses on weekends. "
    "The cafe on the ground floor serves lunch from noon until three in the afternoon. "
    "School groups are admitted free of charge on weekday mornings during term time. "
    "A shop near the exit sells prints, postcards and books about the history of the port. "
    "The building was designed by a local architect and renovated twice in the last century. "
)
BORN = "Neil Armstrong was born in Wapakoneta, Ohio, on August 5, 1930."
MOON = "On July 20, 1969, Armstrong became the first person to walk on the Moon."
LONG = FILLER * 2 + BORN


def test_windows_keep_whole_sentences_and_overlap() -> None:
    parts = windows(LONG, 40)
    assert len(parts) > 3
    assert all(len(p.split()) <= 40 for p in parts)
    assert parts[-1].endswith("August 5, 1930.")
    # Consecutive windows share a sentence, so no pair of neighbours is split apart.
    assert parts[0].split(". ")[-1].rstrip(".") in parts[1]
    assert windows("Short passage.", 40) == ["Short passage."]


def test_a_long_sentence_stands_alone() -> None:
    sentence = " ".join(["word"] * 50) + "."
    assert windows(sentence + " Next one here.", 20) == [sentence, "Next one here."]


def test_word_budget_leaves_room_for_the_claim() -> None:
    assert word_budget("short claim") == 60  # the cap: long windows of filler mislead the model
    assert word_budget("short claim", most=200) > word_budget(" ".join(["longer"] * 40), most=200)
    assert word_budget(" ".join(["very"] * 500)) == 30  # never below the floor


def test_support_past_the_model_window_is_found() -> None:
    claim = "Neil Armstrong was born in Ohio in 1930."
    read = judge_passages(default_verifier(), [LONG], claim)[0]
    assert "Wapakoneta" in read.support_window
    assert read.judgement.entailment > 0.5
    verdict = verify_text(claim, [Passage("bio", LONG)])
    assert verdict.label == "supported"
    assert "Wapakoneta" in verdict.rationale


def test_two_sentences_read_together() -> None:
    claim = "Neil Armstrong, who was born in Ohio, was the first person to walk on the Moon."
    found = joint_premise(content_lemmas(claim), [FILLER, BORN, MOON], content_lemmas, claim)
    assert found is not None
    premise, owners = found
    assert owners == [1, 2] and premise.index("Wapakoneta") < premise.index("July 20")
    verdict = verify_text(claim, [Passage("a", BORN), Passage("b", MOON)])
    assert verdict.label == "supported"
    assert "read together" in verdict.rationale


def test_reading_together_does_not_override_a_checked_refutation() -> None:
    claim = "Neil Armstrong, who was born in Ohio in 1931, walked on the Moon."
    verdict = verify_text(claim, [Passage("a", BORN), Passage("b", MOON)])
    assert verdict.label != "supported"


def test_verdict_confidence_goes_through_the_shipped_calibration() -> None:
    model = default_verifier()
    assert 0.2 <= model.support_threshold <= 0.6
    assert {"supported", "refuted"} <= set(model.verdict_calibration)
    assert all(a > 0 for a, _ in model.verdict_calibration.values())  # more raw, more sure
    verdict = verify_text("Neil Armstrong was born in Ohio.", [Passage("a", BORN)])
    assert verdict.label == "supported"
    raw = verdict.evidence[0].entailment
    a, b = model.verdict_calibration["supported"]
    assert verdict.confidence == round(1 / (1 + math.exp(-(a * raw + b))), 4)
    assert 0.5 < verdict.confidence < 1.0


def test_a_wider_place_is_no_refutation_but_another_place_is() -> None:
    wider = verify_text("Neil Armstrong was born in the United States.", [Passage("a", BORN)])
    assert wider.label == "supported"
    other = verify_text("Neil Armstrong was born in Texas.", [Passage("a", BORN)])
    assert other.label == "refuted" and "Texas" in other.rationale


def test_a_passage_not_naming_the_claims_subject_is_not_read() -> None:
    from factdesk.verify import claim_from_text, verify_claim
    from factdesk.verify.nli import CachingVerifier
    from factdesk.verify.verdict import claim_pairs, unnamed

    claim = claim_from_text("Neil Armstrong was born in Wapakoneta, Ohio, on August 5, 1930.")
    other = Passage("other", FILLER, title="Harbour museum")
    about = Passage("about", BORN, title="Armstrong biography")
    assert unnamed(claim.text, [other, about]) == [True, False]
    assert [w for w, _ in claim_pairs(claim.text, [other, about])] == [BORN]
    verifier = CachingVerifier(default_verifier())
    verdict = verify_claim(claim, [other, about], verifier=verifier)
    assert verdict.label == "supported"
    assert {premise for premise, _ in verifier._memory} == {BORN}  # the museum was never read
    weighed = {e.passage.source_id: e for e in verdict.evidence}
    assert weighed["other"].entailment == 0.0 and weighed["other"].contradiction == 0.0


def test_given_evidence_without_a_title_is_about_the_claims_subject() -> None:
    """The verify stage's evidence is given for the claim: an untitled sentence that calls its
    subject "he" is read as about the claim's subject; found passages, and a given passage
    whose title names someone else, still must name them."""
    from factdesk.verify import claim_from_text, verify_claim

    claim = "Neil Armstrong was born in Wapakoneta, Ohio."
    said = "He was born in Wapakoneta, Ohio, on August 5, 1930, and studied engineering."
    given = verify_text(claim, [Passage("e1", said)])
    assert given.label == "supported"
    assert given.evidence[0].passage.title is None  # the report shows the passage as given
    found = verify_claim(claim_from_text(claim), [Passage("e1", said)], verifier=default_verifier())
    assert found.label == "not_enough_evidence"
    assert claim not in given.rationale  # the claim stood in for the title only to test names
    titled = verify_text(claim, [Passage("e1", said, title="Buzz Aldrin")])
    assert titled.label == "not_enough_evidence"
    # an untitled passage about someone else by name is not about the claim's subject
    other = "Buzz Aldrin was born in Wapakoneta, Ohio, on January 20, 1930."
    assert verify_text(claim, [Passage("e1", other)]).label == "not_enough_evidence"
