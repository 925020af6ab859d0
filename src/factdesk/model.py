"""The typed objects that flow between factdesk's stages.

All are frozen dataclasses: a stage returns new objects rather than changing the ones it got.
``to_dict`` gives the JSON form used by ``--format json`` and the JSON Lines stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment under an article.

    Attributes:
        id: Stable identifier: the page's own id when it has one, else ``c1``, ``c2``, ...
        text: The comment's text, without author line, date or reply buttons.
        author: Display name of the commenter, when the page shows one.
        published: ISO 8601 date or datetime, when the page gives one.
        parent_id: ``id`` of the comment this one replies to, ``None`` for a top-level comment.
    """

    id: str
    text: str
    author: str | None = None
    published: str | None = None
    parent_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form, as in the ``extract`` stage and the report."""
        return {
            "id": self.id,
            "author": self.author,
            "text": self.text,
            "published": self.published,
            "parent_id": self.parent_id,
        }


@dataclass(frozen=True, slots=True)
class Article:
    """An article as extracted from a page or a text.

    Attributes:
        text: Main body text, paragraphs separated by a blank line; no boilerplate, no comments.
        title: Headline, when one was found.
        published: Publication date as ISO 8601 (date or datetime), when one was found.
        authors: Bylines, in page order, without "By".
        url: Canonical URL when the page declares one, else the URL it was fetched from.
        language: ISO 639-1 code when declared or detected.
        comments: The comment section in page order; replies carry their parent's id.
        source: Where the input came from: a URL, a file path, or ``-`` for standard input.
        warnings: What the reader should know about how it was read: an encoding guessed for
            undeclared bytes, a page cut short by the time budget.
    """

    text: str
    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    language: str | None = None
    comments: tuple[Comment, ...] = field(default_factory=tuple)
    source: str | None = None
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON form: the report's ``article`` object plus comments and source."""
        return {
            "title": self.title,
            "text": self.text,
            "published": self.published,
            "url": self.url,
            "authors": list(self.authors),
            "language": self.language,
            "source": self.source,
            "warnings": list(self.warnings),
            "comments": [c.to_dict() for c in self.comments],
        }


@dataclass(frozen=True, slots=True)
class Document:
    """A trusted source document kept in the evidence store.

    Attributes:
        id: Stable id: the one given at ingest, else the URL, else the file path.
        text: Full text; passages keep offsets into it.
        title: Title, when known.
        url: Where the document lives, when known.
        published: ISO 8601 date or datetime, when known.
        source: What it was ingested from (file path, feed URL).
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Passage:
    """A window of a few sentences from a document, as retrieved for a query.

    Attributes:
        source_id: ``id`` of the document it comes from.
        text: The passage text, exactly ``document.text[start:end]``.
        start: Offset of the passage in its document.
        end: End offset (exclusive).
        title: Document title.
        url: Document URL.
        published: Document publication date (ISO 8601).
        score: Retrieval score (higher is better; fused scores are not comparable across queries).
        origin: Which source found it: ``local``, ``wikipedia``, ``feed``, ``claimreview``.
    """

    source_id: str
    text: str
    start: int = 0
    end: int = 0
    title: str | None = None
    url: str | None = None
    published: str | None = None
    score: float = 0.0
    origin: str = "local"

    def to_dict(self) -> dict[str, Any]:
        """JSON form, as ``factdesk search --format json`` prints it."""
        return {
            "source_id": self.source_id,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "passage": self.text,
            "span": [self.start, self.end],
            "score": round(self.score, 6),
            "origin": self.origin,
        }


@dataclass(frozen=True, slots=True)
class Facet:
    """One normalised detail of a claim, with its place in the article text.

    Attributes:
        kind: ``time``, ``number``, ``person``, ``org``, ``place``, ``role``, ``quote``,
            ``negation`` or ``modality``.
        text: The words as they stand in the article.
        start: Offset in the article text.
        end: End offset (exclusive).
        value: The normalised content; its keys depend on ``kind`` (see ``claims/``).
    """

    kind: str
    text: str
    start: int
    end: int
    value: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "span": [self.start, self.end],
            "value": self.value,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """A check-worthy statement of the article.

    Attributes:
        id: ``c1``, ``c2``, ... in article order.
        text: The claim as it stands in the article: ``article.text[start:end]``.
        start: Offset in the article text.
        end: End offset (exclusive).
        checkworthiness: Score in [0, 1] from the check-worthiness model.
        facets: Normalised details: times, numbers, entities, roles, quotes, negation, modality.
        sentence: ``[start, end)`` of the whole sentence when the claim is one clause of it.
    """

    id: str
    text: str
    start: int
    end: int
    checkworthiness: float
    facets: tuple[Facet, ...] = ()
    sentence: tuple[int, int] | None = None

    def facets_of(self, kind: str) -> list[Facet]:
        """The facets of one kind."""
        return [f for f in self.facets if f.kind == kind]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "span": [self.start, self.end],
            "checkworthiness": round(self.checkworthiness, 4),
            "facets": [f.to_dict() for f in self.facets],
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One detail behind a verdict: a date, number, name, role or quote that agrees or differs.

    Attributes:
        kind: ``date``, ``number``, ``place``, ``role``, ``quote`` or ``entailment``.
        stance: ``refutes`` or ``supports``.
        detail: A sentence a reader can follow.
        claim_value: The claim's value for the slot.
        evidence_value: The evidence's value for the slot.
        source_id: The passage's document.
        substitutions: (claim text, evidence text) pairs that turn the claim into what the
            evidence says of the slot, for the counterfactual test of the same event.
        evidence_at: Offset in the passage of the evidence's value.
    """

    kind: str
    stance: str
    detail: str
    claim_value: Any = None
    evidence_value: Any = None
    source_id: str | None = None
    substitutions: tuple[tuple[str, str], ...] = ()
    evidence_at: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "stance": self.stance,
            "detail": self.detail,
            "claim_value": self.claim_value,
            "evidence_value": self.evidence_value,
            "source_id": self.source_id,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """A passage as weighed for one claim."""

    passage: Passage
    stance: str  # supports | refutes | neutral
    entailment: float
    contradiction: float
    relevance: float

    def to_dict(self) -> dict[str, Any]:
        p = self.passage
        return {
            "source_id": p.source_id,
            "title": p.title,
            "url": p.url,
            "published": p.published,
            "passage": p.text,
            "stance": self.stance,
            "score": round(
                max(self.entailment, self.contradiction) if self.stance != "neutral" else p.score, 4
            ),
            "entailment": round(self.entailment, 4),
            "contradiction": round(self.contradiction, 4),
            "relevance": round(self.relevance, 4),
            "origin": p.origin,
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    """The judgement on one claim."""

    label: str  # supported | refuted | conflicting | not_enough_evidence
    confidence: float
    rationale: str
    evidence: tuple[Evidence, ...] = ()
    findings: tuple[Finding, ...] = ()
