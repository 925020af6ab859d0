"""Live sources against a real HTTP server on 127.0.0.1 serving recorded responses."""

from __future__ import annotations

from collections.abc import Callable

from factdesk.config import Config
from factdesk.evidence.sources import (
    ClaimReviewSource,
    FeedSource,
    WikipediaSource,
    claimreview_passages,
    live_sources,
)
from factdesk.models.embed import default_embedder

from ..conftest import FIXTURES
from .test_ingest import ATOM, RSS

Server = tuple[str, Callable[..., None]]
LIVE = FIXTURES / "live"
JSON = {"Content-Type": "application/json"}


def test_wikipedia_search_and_extracts(http_server: Server) -> None:
    base, add = http_server
    add("/w/api.php?list=search", (LIVE / "wikipedia_search.json").read_bytes(), headers=JSON)
    add(
        "/w/api.php?prop=extracts|info",
        (LIVE / "wikipedia_extract.json").read_bytes(),
        headers=JSON,
    )
    source = WikipediaSource(
        config=Config(wikipedia_api=f"{base}/w/api.php"), embedder=default_embedder()
    )
    result = source.search("When was the Webb telescope launched and on which rocket?", k=2)
    assert result.status == "ok"
    top = result.passages[0]
    assert "25 December 2021 on an Ariane 5" in top.text
    assert top.source_id == "wikipedia:James Webb Space Telescope"
    assert top.url == "https://en.wikipedia.org/wiki/James_Webb_Space_Telescope"
    assert top.origin == "wikipedia"


def test_feeds_rss_and_atom_with_date_filter(http_server: Server) -> None:
    base, add = http_server
    add("/rss", RSS, headers={"Content-Type": "application/rss+xml"})
    add("/atom", ATOM, headers={"Content-Type": "application/atom+xml"})
    source = FeedSource(
        [f"{base}/rss", f"{base}/atom"], config=Config(), embedder=default_embedder()
    )
    result = source.search("Webb first images", k=5)
    assert result.status == "ok"
    assert result.passages[0].url == "https://science.example/webb"
    assert {p.source_id for p in result.passages} == {
        "budget-2024",
        "tag:science.example,2022:webb",
    }
    dated = source.search("Webb first images", k=5, before="2023-01-01")
    assert [p.source_id for p in dated.passages] == ["tag:science.example,2022:webb"]


def test_claimreview_api_format(http_server: Server, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    base, add = http_server
    add(
        "/v1alpha1/claims:search?query=Webb Falcon 9",
        (LIVE / "factcheck_claims_search.json").read_bytes(),
        headers=JSON,
    )
    monkeypatch.setenv("FACTDESK_FACTCHECK_API_KEY", "test-key")
    cfg = Config(claimreview_api=f"{base}/v1alpha1/claims:search")
    result = ClaimReviewSource(config=cfg, embedder=default_embedder()).search("Webb Falcon 9")
    assert result.status == "ok"
    (p,) = result.passages
    assert p.text == (
        'Example Fact Check rated the claim by Social media posts "The James Webb Space Telescope '
        'launched on a SpaceX Falcon 9 rocket." as False.'
    )
    assert (
        p.published == "2022-07-15T00:00:00+00:00"
        and p.url == "https://factcheck.example/webb-falcon-9"
    )


def test_claimreview_jsonld() -> None:
    import json

    (p,) = claimreview_passages(json.loads((LIVE / "claimreview_page.json").read_text()))
    assert (
        p.text
        == 'Example Fact Check rated the claim by Viral blog "The Webb telescope cost $100 billion." as False.'
    )
    assert p.published == "2022-07-16"


def test_google_api_without_key_is_skipped_not_failed(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("FACTDESK_FACTCHECK_API_KEY", raising=False)
    result = ClaimReviewSource(config=Config(), embedder=default_embedder()).search("anything")
    assert result.status == "skipped" and "FACTDESK_FACTCHECK_API_KEY" in (result.message or "")


def test_offline_is_skipped_and_a_broken_answer_is_failed(http_server: Server) -> None:
    base, add = http_server
    offline = WikipediaSource(
        config=Config(wikipedia_api="http://127.0.0.1:9/w/api.php", fetch_timeout=2),
        embedder=default_embedder(),
    )
    result = offline.search("anything")
    assert result.status == "skipped" and result.passages == []
    add("/w/api.php", b"oops", status=500)
    broken = WikipediaSource(
        config=Config(wikipedia_api=f"{base}/w/api.php"), embedder=default_embedder()
    )
    result = broken.search("anything")
    assert result.status == "failed" and "500" in (result.message or "")


def test_enabled_sources_come_from_settings() -> None:
    emb = default_embedder()
    assert live_sources(Config(), emb) == []
    names = [
        s.name
        for s in live_sources(
            Config(live_sources="wikipedia,feeds", feeds="http://x.example/rss"), emb
        )
    ]
    assert names == ["wikipedia", "feeds"]
