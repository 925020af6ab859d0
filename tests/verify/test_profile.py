"""The verdict's profile: named rules that can be switched off, and the version a report names."""

from __future__ import annotations

import pytest

from factdesk.model import Passage
from factdesk.verify import claim_from_text, default_verifier, verify_claim
from factdesk.verify.profile import DEFAULT_PROFILE, RULES

SENATE = Passage(
    "senate-3",
    "Maria Delgado won the Senate election on November 4, 2025, with 52 percent of the vote, "
    "beating Republican Frank Olsen.",
    title="Delgado wins Senate seat",
    published="2025-11-05",
)


def test_without_names_the_rules_and_refuses_unknown_ones() -> None:
    p = DEFAULT_PROFILE.without("restated", "joint_reading")
    assert not p.on("restated") and not p.on("joint_reading") and p.on("counterfactual")
    assert p.name.startswith(DEFAULT_PROFILE.name) and "restated" in p.name
    with pytest.raises(ValueError, match="unknown verdict rule"):
        DEFAULT_PROFILE.without("no_such_rule")
    assert set(RULES) >= {"restated", "verbatim_support", "joint_reading", "subject_naming"}


def test_switching_a_rule_off_changes_what_it_decides() -> None:
    claim = claim_from_text(
        "Maria Delgado won the Senate election on November 4, 2025, with 62 percent of the vote."
    )
    verifier = default_verifier()
    on = verify_claim(claim, [SENATE], verifier=verifier)
    assert on.label == "refuted"
    assert any(f.verbatim for f in on.findings)  # said again with 52 for 62
    off = verify_claim(
        claim, [SENATE], verifier=verifier, profile=DEFAULT_PROFILE.without("restated")
    )
    assert not any(f.verbatim for f in off.findings)
