from __future__ import annotations

from factdesk.claims import find_claims
from factdesk.consistency import internal_contradictions


def test_two_dates_for_one_launch() -> None:
    text = (
        "The telescope launched on December 25, 2021 from French Guiana. "
        "Officials said the budget was approved in May. "
        "Since the telescope launched on December 24, 2022, it has sent back images."
    )
    claims = find_claims(text, published="2023-01-10", threshold=0)
    found = internal_contradictions(claims, published="2023-01-10")
    assert len(found) == 1
    (c,) = found
    assert c.kind == "internal" and c.claim_ids == ("c1", "c3")
    assert "2022-12-24" in c.explanation and "2021-12-25" in c.explanation
