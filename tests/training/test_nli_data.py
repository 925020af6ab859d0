"""The contrastive training pairs of nli-minilm-l6.v2 (training/nli_data.py): each edit must
carry the label its logic gives, or the model learns the wrong lesson."""

from __future__ import annotations

import random
import re
import sys

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "training"))
import nli_data
from nli_data import CONTRADICT, ENTAIL, Pair, contrastive

PREMISE = "The bridge opened on May 4, 1998 and carried 12,000 cars a day in its first year."


def _made(pairs: list[Pair]) -> dict[tuple[str, str], int]:
    return {(p.premise, p.hypothesis): p.label for p in contrastive(pairs, random.Random(1))}


def test_a_value_changed_in_one_text_contradicts_and_in_both_entails() -> None:
    claim = "The bridge opened in 1998."
    made = _made([Pair(PREMISE, claim, ENTAIL, False, "fever")])
    changed = [(p, h, y) for (p, h), y in made.items() if "1998" not in h or "1998" not in p]
    assert changed
    for premise, hypothesis, label in changed:
        if premise == PREMISE:  # the claim alone changed
            assert label == CONTRADICT and "1998" not in hypothesis
        elif hypothesis == claim:  # the premise alone changed
            assert label == CONTRADICT and "1998" not in premise
        else:  # both changed the same way: entailed again
            assert label == ENTAIL
            year = next(w.strip(".") for w in hypothesis.split() if w.strip(".").isdigit())
            assert year in premise


def test_a_day_of_the_month_is_not_changed_as_a_number() -> None:
    claim = "The bridge opened on May 4, 1998."
    made = _made([Pair(PREMISE, claim, ENTAIL, False, "fever")] * 20)
    assert made
    days = [re.search(r"[A-Z][a-z]+ (\d+),", h) for (_, h) in made]
    assert all(d and d.group(1) == "4" for d in days)


def test_negation_contradicts_an_entailed_claim_and_is_entailed_by_a_refuting_premise() -> None:
    refuted = Pair(
        "Paris is the capital of France.",
        "Lyon is the capital of France.",
        CONTRADICT,
        False,
        "fever",
    )
    made = _made([refuted])
    assert made == {
        ("Paris is the capital of France.", "Lyon is not the capital of France."): ENTAIL
    }
    entailed = [
        Pair(
            "Paris is the capital of France.",
            "Paris is the capital of France.",
            ENTAIL,
            False,
            "fever",
        )
    ]
    made = _made(entailed * 30)  # negation is added to about a third of entailed pairs
    assert set(made.values()) == {CONTRADICT}
    assert ("Paris is the capital of France.", "Paris is not the capital of France.") in made


def test_binary_snli_and_already_negated_pairs_make_nothing_wrong() -> None:
    assert not _made([Pair(PREMISE, "The bridge opened in 1998.", ENTAIL, True, "mnli")])
    # an SNLI contradiction is about another scene: "not" is not entailed
    assert not _made([Pair("A man sleeps.", "A man is running.", CONTRADICT, False, "snli")])
    assert nli_data._negated("The bridge was not opened.") is None
