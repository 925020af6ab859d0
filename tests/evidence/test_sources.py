"""Live sources against a real HTTP server on 127.0.0.1 serving recorded responses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from factdesk.config import Config
from factdesk.evidence.plugins import live_sources
from factdesk.evidence.sources import (
    ClaimReviewSource,
    FeedSource,
    WikipediaSource,
    claimreview_passages,
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


PLUGIN = '''
from factdesk.evidence.sources import SourceResult
from factdesk.model import Passage


class NewsroomSource:
    """A newsroom's own archive, as a package outside factdesk would add it."""

    name = "newsroom"

    def __init__(self, *, config, embedder):
        self.config = config

    def search(self, query, *, k=10, before=None, after=None):
        text = "The council approved the budget of 3 million dollars on Monday."
        return SourceResult(self.name, [Passage("archive-1", text, 0, len(text), origin="newsroom")])
'''


def test_a_package_adds_a_live_source_through_the_entry_point_group(tmp_path: Path) -> None:
    from importlib.metadata import entry_points

    from factdesk.evidence.plugins import BUILT_IN_SOURCES, ENTRY_POINT_GROUP

    installed = {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}
    assert installed == BUILT_IN_SOURCES  # factdesk registers its own sources the same way
    (tmp_path / "newsroom_source.py").write_text(PLUGIN, encoding="utf-8")
    info = tmp_path / "newsroom_source-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newsroom-source\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[factdesk.sources]\nnewsroom = newsroom_source:NewsroomSource\n"
        "wikipedia = newsroom_source:NewsroomSource\n"  # a built-in name: ignored
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")}
    env.update(PYTHONPATH=str(tmp_path), FACTDESK_LIVE_SOURCES="newsroom")
    proc = subprocess.run(
        [sys.executable, "-m", "factdesk", "search", "budget", "--db", str(tmp_path / "no.db")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    (found,) = json.loads(proc.stdout)
    assert (found["source_id"], found["origin"]) == ("archive-1", "newsroom")
    assert "no evidence store" in proc.stderr  # the local store: skipped, and said so
    env["FACTDESK_LIVE_SOURCES"] = "nosuch"
    unknown = subprocess.run(
        [sys.executable, "-m", "factdesk", "search", "budget"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert unknown.returncode == 2 and "known: claimreview, feeds, newsroom" in unknown.stderr
