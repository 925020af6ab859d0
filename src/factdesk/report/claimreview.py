"""schema.org ClaimReview JSON-LD from a report: one review per claim with a verdict.

Each review is a draft for an editor (``creativeWorkStatus: "Draft"``): factdesk proposes the
rating and the evidence, a person reviews and publishes it. Claims without enough evidence get
no review. Ratings are on a 1-5 scale, as fact-checkers' ClaimReview markup usually is:

=============  ===========  ==============
verdict        ratingValue  alternateName
=============  ===========  ==============
supported      5            True
conflicting    3            Disputed
refuted        1            False
=============  ===========  ==============
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from factdesk.model import Article, Report, VerdictLabel

RATINGS: dict[VerdictLabel, tuple[int, str]] = {
    "supported": (5, "True"),
    "conflicting": (3, "Disputed"),
    "refuted": (1, "False"),
}
AUTHOR = "factdesk (automated draft, for an editor to review)"


def _appearance(article: Article) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if article.url:
        work["url"] = article.url
    if article.title:
        work["headline"] = article.title
    if article.published:
        work["datePublished"] = article.published
    if article.authors:
        work["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    return work


def claim_reviews(
    report: Report, *, author: str = AUTHOR, reviewed: datetime | None = None
) -> list[dict[str, Any]]:
    """ClaimReview objects (JSON-LD) for the claims of a report that have a verdict.

    Args:
        report: The report of one article.
        author: The reviewing organisation's name.
        reviewed: When the review was made (now, by default).
    """
    article = report.article
    when = (reviewed or datetime.now(UTC)).date().isoformat()
    base = article.url or ""
    reviews = []
    for result in report.results:
        claim, verdict = result.claim, result.verdict
        rating = RATINGS.get(verdict.label)
        if rating is None:
            continue
        value, name = rating
        citations = [
            {
                k: v
                for k, v in (
                    ("@type", "CreativeWork"),
                    ("url", e.passage.url),
                    ("name", e.passage.title),
                )
                if v
            }
            for e in verdict.evidence
        ]
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"{base}#factdesk-{claim.id}" if base else f"urn:factdesk:claim:{claim.id}",
            "claimReviewed": claim.text,
            "datePublished": when,
            "creativeWorkStatus": "Draft",
            "author": {"@type": "Organization", "name": author},
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": value,
                "bestRating": 5,
                "worstRating": 1,
                "alternateName": name,
                "ratingExplanation": verdict.rationale,
            },
            "itemReviewed": {"@type": "Claim", "appearance": [_appearance(article)]},
            "reviewBody": verdict.rationale,
        }
        if article.published:
            review["itemReviewed"]["datePublished"] = article.published
        if citations:
            review["citation"] = citations
        reviews.append(review)
    return reviews
