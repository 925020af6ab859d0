"""ClaimReview JSON-LD: one draft review per decided claim, in the schema.org shape."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import jsonschema

from factdesk.model import (
    VERDICT_LABELS,
    Article,
    Claim,
    ClaimResult,
    Evidence,
    Passage,
    Report,
    Verdict,
    VerdictLabel,
)
from factdesk.report.claimreview import claim_reviews
from factdesk.report.schema import report_schema

from ..conftest import FIXTURES

SHAPE = json.loads((FIXTURES / "report" / "claimreview.schema.json").read_text())


def _claim(n: int, verdict: VerdictLabel, url: str | None) -> ClaimResult:
    passage = Passage("s" + str(n), "The bridge opened in 1990.", title="Source", url=url)
    return ClaimResult(
        Claim(f"c{n}", f"Claim number {n}.", 0, 10, 0.9),
        Verdict(
            verdict, 0.8, f"Because of source {n}.", (Evidence(passage, "supports", 0.9, 0.0, 0.5),)
        ),
    )


def report(url: str | None) -> Report:
    article = Article(
        "The bridge opened in 1990.",
        title="Bridge story",
        published="2024-05-01",
        url=url,
        authors=("A. Writer",),
    )
    return Report(
        article,
        tuple(
            _claim(n, v, "https://example.org/src" if n else None)
            for n, v in enumerate(VERDICT_LABELS)
        ),
    )


def test_reviews_follow_the_schema_org_shape_and_are_drafts() -> None:
    source = report("https://news.example/bridge")
    jsonschema.validate(source.to_dict(), report_schema())
    reviews = claim_reviews(source, reviewed=datetime(2026, 1, 2, tzinfo=UTC))
    assert len(reviews) == 3  # not_enough_evidence gets none
    for review in reviews:
        jsonschema.validate(review, SHAPE)
        assert review["creativeWorkStatus"] == "Draft"
        assert review["datePublished"] == "2026-01-02"
    ratings = {r["claimReviewed"]: r["reviewRating"] for r in reviews}
    assert ratings["Claim number 0."]["ratingValue"] == 5
    assert ratings["Claim number 0."]["alternateName"] == "True"
    assert ratings["Claim number 1."]["ratingValue"] == 1
    assert ratings["Claim number 2."]["alternateName"] == "Disputed"
    assert reviews[0]["itemReviewed"]["appearance"][0]["url"] == "https://news.example/bridge"
    assert "url" not in reviews[0]["citation"][0]  # the evidence had none
    assert reviews[1]["citation"][0]["url"] == "https://example.org/src"


def test_a_wrong_shape_is_caught_by_the_schema() -> None:
    review = claim_reviews(report(None))[0]
    assert review["url"].startswith("urn:factdesk:claim:")
    jsonschema.validate(review, SHAPE)
    broken = {**review, "reviewRating": {"@type": "Rating", "ratingValue": "five"}}
    try:
        jsonschema.validate(broken, SHAPE)
    except jsonschema.ValidationError:
        return
    raise AssertionError("a rating without a number passed the schema")
