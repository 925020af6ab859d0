"""Evidence sources behind one small interface: the local store and live sources.

Every source implements ``search(query, k=..., before=..., after=...) -> SourceResult``. A live
source that cannot be reached says so in its result (``skipped`` when offline, ``failed`` on a
broken answer); it never raises and never passes a failure off as "no evidence".

Live sources are plugins, found through the ``factdesk.sources`` entry-point group
(:mod:`factdesk.evidence.plugins`); the built-in ones below are registered there the same way.
"""

from __future__ import annotations

import logging
import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import httpx
import numpy as np

from factdesk.config import Config
from factdesk.evidence.base import Store, display, exists, open_location, store_location
from factdesk.evidence.feeds import parse_feed
from factdesk.evidence.passages import make_passages
from factdesk.evidence.retrieve import Retriever, dedupe, rrf
from factdesk.evidence.store import fts_query
from factdesk.extract.dates import normalize_date
from factdesk.model import Document, Passage
from factdesk.models.embed import Embedder

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SourceResult:
    """What one source returned: passages, and whether it worked (``ok``, ``skipped``, ``failed``)."""

    source: str
    passages: list[Passage] = field(default_factory=list)
    status: str = "ok"
    message: str | None = None


class EvidenceSource(Protocol):
    """One place evidence comes from."""

    name: str

    def search(
        self, query: str, *, k: int = 10, before: str | None = None, after: str | None = None
    ) -> SourceResult:
        """The best passages for ``query``."""
        ...


class LocalSource:
    """The local evidence store, opened for each search unless ``store`` is the configured
    store already open (a caller searching for many claims opens it once); a store not there
    yet is ``skipped`` (an unreachable or damaged one raises StoreError: it is not "no
    evidence")."""

    name = "local"

    def __init__(
        self,
        *,
        config: Config,
        embedder: Embedder,
        mode: str = "hybrid",
        store: Store | None = None,
    ) -> None:
        self.config, self.embedder, self.mode, self.store = config, embedder, mode, store

    def search(
        self, query: str, *, k: int = 10, before: str | None = None, after: str | None = None
    ) -> SourceResult:
        with ExitStack() as stack:
            store = self.store
            if store is None:
                location = store_location(self.config)
                if not exists(location):
                    message = f"no evidence store at {display(location)} yet"
                    return SourceResult(self.name, status="skipped", message=message)
                store = stack.enter_context(open_location(location))
            found = Retriever(store, self.embedder).search(
                query, k=k, before=before, after=after, mode=self.mode
            )
        return SourceResult(self.name, found)


def rank_in_memory(
    query: str, passages: Sequence[Passage], embedder: Embedder, *, k: int
) -> list[Passage]:
    """Rank passages fetched live by term overlap and embedding similarity, fused by RRF."""
    if not passages:
        return []
    terms = {t.strip('"') for t in fts_query(query).split(" OR ") if t}
    overlap = [sum(1 for t in terms if t in p.text.lower()) for p in passages]
    vectors = embedder.embed([query, *[p.text for p in passages]])
    sims = vectors[1:] @ vectors[0]
    by_terms = sorted(range(len(passages)), key=lambda i: -overlap[i])
    by_vector = [int(i) for i in np.argsort(-sims)]
    fused = rrf([by_terms, by_vector])
    return dedupe([replace(passages[i], score=s) for i, s in fused], k=k)


def _within(published: str | None, before: str | None, after: str | None) -> bool:
    if not (before or after):
        return True
    if not published:
        return False
    day = published[:10]
    return (not before or day < before[:10]) and (not after or day > after[:10])


def _doc_passages(doc: Document, origin: str) -> list[Passage]:
    return [
        Passage(
            doc.id, span.text, span.start, span.end, doc.title, doc.url, doc.published, 0.0, origin
        )
        for span in make_passages(doc.text)
    ]


class _LiveSource(ABC):
    """Shared behaviour of the live sources: an HTTP client and the offline policy."""

    name = "live"

    @abstractmethod
    def search(
        self, query: str, *, k: int = 10, before: str | None = None, after: str | None = None
    ) -> SourceResult:
        """The best passages for ``query`` from this source."""

    def __init__(
        self, *, config: Config, embedder: Embedder, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.config = config
        self.embedder = embedder
        self._transport = transport

    def _client(self) -> httpx.Client:
        return httpx.Client(
            timeout=self.config.fetch_timeout,
            follow_redirects=True,
            headers={"User-Agent": self.config.user_agent},
            transport=self._transport,
        )

    def _guarded(self, fetch: Callable[[], list[Passage]]) -> SourceResult:
        try:
            return SourceResult(self.name, fetch())
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            log.info("%s: not reachable (%s); skipped", self.name, exc)
            return SourceResult(
                self.name, status="skipped", message=f"{self.name}: not reachable, skipped"
            )
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            log.info("%s: failed (%s)", self.name, exc)
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return SourceResult(
                self.name, status="failed", message=f"{self.name}: failed ({reason})"
            )


class WikipediaSource(_LiveSource):
    """Wikipedia through the MediaWiki API: search for pages, then read their plain-text extracts."""

    name = "wikipedia"

    def search(
        self, query: str, *, k: int = 10, before: str | None = None, after: str | None = None
    ) -> SourceResult:
        def fetch() -> list[Passage]:
            api = self.config.wikipedia_api
            with self._client() as client:
                found = client.get(
                    api,
                    params={
                        "action": "query",
                        "list": "search",
                        "srsearch": query,
                        "srlimit": 3,
                        "format": "json",
                        "formatversion": 2,
                    },
                )
                found.raise_for_status()
                titles = [hit["title"] for hit in found.json()["query"]["search"]]
                passages: list[Passage] = []
                for title in titles:
                    page = client.get(
                        api,
                        params={
                            "action": "query",
                            "prop": "extracts|info",
                            "explaintext": 1,
                            "inprop": "url",
                            "titles": title,
                            "format": "json",
                            "formatversion": 2,
                        },
                    )
                    page.raise_for_status()
                    for item in page.json()["query"]["pages"]:
                        text = item.get("extract") or ""
                        if text.strip():
                            doc = Document(
                                id=f"wikipedia:{item['title']}",
                                text=text,
                                title=item["title"],
                                url=item.get("fullurl"),
                                published=normalize_date(item.get("touched")),
                            )
                            passages.extend(_doc_passages(doc, self.name))
            # Wikipedia pages are living documents: their date is the last edit, not a
            # publication date, so date filters do not apply to them.
            return rank_in_memory(query, passages, self.embedder, k=k)

        return self._guarded(fetch)


class FeedSource(_LiveSource):
    """RSS/Atom feeds read at query time."""

    name = "feeds"

    def __init__(self, urls: Sequence[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = list(urls)

    @classmethod
    def from_config(cls, *, config: Config, embedder: Embedder) -> FeedSource | None:
        """The feeds of the ``feeds`` setting; None when it names none."""
        urls = [u.strip() for u in config.feeds.split(",") if u.strip()]
        return cls(urls, config=config, embedder=embedder) if urls else None

    def search(
        self, query: str, *, k: int = 10, before: str | None = None, after: str | None = None
    ) -> SourceResult:
        def fetch() -> list[Passage]:
            passages: list[Passage] = []
            with self._client() as client:
                for url in self.urls:
                    response = client.get(url)
                    response.raise_for_status()
                    for doc in parse_feed(response.content, source=url):
                        if _within(doc.published, before, after):
                            passages.extend(_doc_passages(doc, self.name))
            return rank_in_memory(query, passages, self.embedder, k=k)

        return self._guarded(fetch)


def _rating(
    publisher: str | None,
    claimant: str | None,
    claim: str,
    verdict: str,
    *,
    fallback_id: str,
    url: str | None,
    title: str | None,
    published: str | None,
    origin: str,
) -> Passage:
    """One fact-check as a passage: "X rated the claim by Y "..." as False."."""
    by = f" by {claimant}" if claimant else ""
    text = f'{publisher or "A fact-checker"} rated the claim{by} "{claim.strip()}" as {verdict}.'
    return Passage(
        source_id=url or fallback_id or text[:60],
        text=text,
        end=len(text),
        title=title,
        url=url,
        published=normalize_date(published),
        origin=origin,
    )


def claimreview_passages(data: Any, *, origin: str = "claimreview") -> list[Passage]:
    """Passages from a Fact Check Tools ``claims:search`` answer or schema.org ClaimReview JSON-LD."""
    passages: list[Passage] = []
    items = data if isinstance(data, list) else [data]
    for item in items:
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("claims"), list):  # Google Fact Check Tools response
            for claim in item["claims"]:
                for review in claim.get("claimReview", []):
                    publisher = (review.get("publisher") or {}).get("name") or "A fact-checker"
                    passages.append(
                        _rating(
                            publisher,
                            claim.get("claimant"),
                            claim.get("text", ""),
                            review.get("textualRating", "unrated"),
                            fallback_id=f"{publisher}:{claim.get('text', '')[:40]}",
                            url=review.get("url"),
                            title=review.get("title"),
                            published=review.get("reviewDate"),
                            origin=origin,
                        )
                    )
        elif "ClaimReview" in str(item.get("@type", "")):
            author = item.get("author") or {}
            publisher = str(author.get("name") or "") if isinstance(author, dict) else str(author)
            rating = item.get("reviewRating") or {}
            reviewed = item.get("itemReviewed") or {}
            claimant = (
                (reviewed.get("author") or {}).get("name") if isinstance(reviewed, dict) else None
            )
            passages.append(
                _rating(
                    publisher,
                    claimant,
                    item.get("claimReviewed", ""),
                    rating.get("alternateName") or rating.get("ratingValue") or "unrated",
                    fallback_id="",
                    url=item.get("url"),
                    title=item.get("name"),
                    published=item.get("datePublished"),
                    origin=origin,
                )
            )
        elif isinstance(item.get("@graph"), list):
            passages.extend(claimreview_passages(item["@graph"], origin=origin))
    return passages


class ClaimReviewSource(_LiveSource):
    """Published fact-checks: the Fact Check Tools ``claims:search`` API (key from
    ``FACTDESK_FACTCHECK_API_KEY``), or any URL serving ClaimReview JSON-LD."""

    name = "claimreview"

    def search(
        self, query: str, *, k: int = 10, before: str | None = None, after: str | None = None
    ) -> SourceResult:
        key = os.environ.get("FACTDESK_FACTCHECK_API_KEY")
        api = self.config.claimreview_api
        if "googleapis.com" in api and not key:
            return SourceResult(
                self.name,
                status="skipped",
                message="claimreview: no FACTDESK_FACTCHECK_API_KEY set, skipped",
            )

        def fetch() -> list[Passage]:
            params: dict[str, str | int] = {"query": query, "pageSize": 20, "languageCode": "en"}
            if key:
                params["key"] = key
            with self._client() as client:
                response = client.get(api, params=params)
                response.raise_for_status()
                passages = [
                    p
                    for p in claimreview_passages(response.json())
                    if _within(p.published, before, after)
                ]
            return rank_in_memory(query, passages, self.embedder, k=k)

        return self._guarded(fetch)
