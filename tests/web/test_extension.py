"""The browser extension (extension/) in a real chromium, against a real ``factdesk serve``
that allows the extension's origin with a token, on real pages served from 127.0.0.1: the
example article with its comment section and a page of the extraction benchmark."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from factdesk.config import load_config
from factdesk.web import App

from ..conftest import ROOT, SHARED_DATA, run_cli
from .browser import (
    EXTENSION_ORIGIN,
    HOST_TAG,
    Shadow,
    chromium_with_extension,
    configure,
    need_chromium,
    start_check,
    static_pages,
    words_under,
)
from .conftest import Running, start

sync_api = need_chromium()

TOKEN = "extension-test-token"
EXAMPLE = ROOT / "examples" / "webb-telescope.html"
BENCHMARK_PAGE = (
    SHARED_DATA
    / "extraction"
    / "article_extraction_benchmark"
    / "html"
    / "5a822960e9a2cb1e664d334b6c936c5cb6e41fb5331877538c2c8339cb59d57e.html.gz"
)


def folded(text: str) -> str:
    """Text without whitespace, quotes or dashes told apart: how the page and the claim are
    compared."""
    text = re.sub(r"[\"'‘’“”]", '"', re.sub(r"[‐-―−-]", "-", text))
    return re.sub(r"\s+", "", text).lower()


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[Running]:
    """``factdesk serve --allow-origin chrome-extension://ID --token TOKEN`` (one worker)."""
    config = replace(load_config({"db": str(store)}, environ={}), max_input_bytes=20_000_000)
    app = App(
        config,
        live=False,
        workers=1,
        token=TOKEN,
        origins=(EXTENSION_ORIGIN,),
        speech_engine="espeak-ng",
    )
    running = start(app)
    app.queue.warm()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def pages() -> Iterator[str]:
    served = {"/webb.html": EXAMPLE.read_bytes()}
    if BENCHMARK_PAGE.exists():
        served["/news.html"] = gzip.decompress(BENCHMARK_PAGE.read_bytes())
    with static_pages(served) as base:
        yield base


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    with chromium_with_extension(sync_api, tmp_path_factory.mktemp("profile")) as pair:
        yield pair


@pytest.fixture(scope="module")
def cli_report(store: Path) -> dict[str, Any]:
    done = run_cli("check", str(EXAMPLE), "--no-live", "--format", "json", db=store)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def open_and_check(chromium: tuple[Any, Any], url: str) -> tuple[Any, Shadow]:
    context, worker = chromium
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    start_check(worker, url)
    return page, Shadow(page)


def test_example_page_same_verdicts_as_cli_highlights_popover_comments_audio(
    chromium: tuple[Any, Any], server: Running, pages: str, cli_report: dict[str, Any]
) -> None:
    configure(chromium[1], server.base, TOKEN)
    page, shadow = open_and_check(chromium, f"{pages}/webb.html")
    shadow.wait(lambda s: s.text(".headline"))
    # The same verdicts as `factdesk check` on the same page, every claim placed in the page.
    expected = {c["id"]: c["verdict"] for c in cli_report["claims"]}
    marks = shadow.boxes(".hl")
    assert {m["claim"]: m["verdict"] for m in marks} == expected
    assert shadow.text(".headline") == [cli_report["summary"]["headline"]]
    assert f"{len(expected)} of {len(expected)} claims highlighted" in shadow.text(".placed")[0]
    # Each highlight is drawn over the claim's own words in the page.
    texts = {c["id"]: c["text"] for c in cli_report["claims"]}
    for mark in marks:
        under = folded(words_under(page, mark))
        assert len(under) >= 5 and under[:-1] in folded(texts[mark["claim"]]), (mark, under)
    # A click on a refuted claim opens its popover: verdict, confidence, rationale, passages.
    refuted = next(c for c in cli_report["claims"] if c["verdict"] == "refuted")
    shadow.click(f".hl[data-claim='{refuted['id']}']")
    popover = shadow.wait(lambda s: s.text(".popover"))[0]
    assert popover.startswith("Refuted") and refuted["rationale"] in popover
    cited = [e for e in refuted["evidence"] if e["stance"] != "neutral"]
    assert cited[0]["passage"] in popover and cited[0]["published"][:10] in popover
    links = shadow.run(
        "function () { return [...this.querySelectorAll('.popover a')].map(a => a.href); }"
    )
    assert cited[0]["url"] in links
    # The flagged comments are marked in the page's own comment section.
    flagged = [i for i in cli_report["comments"]["items"] if i["flags"]]
    assert flagged
    badges = shadow.boxes(".cbadge")
    assert {b["comment"] for b in badges} == {i["id"] for i in flagged}
    assert all("looks machine-written or coordinated" in b["text"] for b in badges)
    for outline in shadow.boxes(".cmark"):
        item = next(i for i in flagged if i["id"] == outline["comment"])
        assert folded(words_under(page, outline))[:-1] in folded(item["text"])
    # Nothing of it is readable by the page's own scripts.
    assert page.evaluate(f"document.querySelector('{HOST_TAG}').shadowRoot") is None
    assert refuted["rationale"] not in page.evaluate("document.documentElement.outerHTML")
    # Listen: the fact-check read aloud plays.
    shadow.click(".listen-report")
    playing = shadow.wait(
        lambda s: s.run(
            "function () { const e = this.querySelector('.listen-status');"
            " return e.dataset.state === 'playing' && Number(e.dataset.position) > 0.5"
            " && Number(e.dataset.duration) > 1 ? e.textContent : null; }"
        ),
        timeout=180,
    )
    assert playing.startswith("Playing the fact-check")
    page.close()


@pytest.mark.skipif(not BENCHMARK_PAGE.exists(), reason="no shared extraction benchmark data")
def test_news_page_from_the_extraction_benchmark(
    chromium: tuple[Any, Any], server: Running, pages: str
) -> None:
    configure(chromium[1], server.base, TOKEN)
    page, shadow = open_and_check(chromium, f"{pages}/news.html")
    shadow.wait(lambda s: s.text(".headline"))
    marks = shadow.boxes(".hl")
    placed = shadow.text(".placed")[0]
    found = re.match(r"(\d+) of (\d+) claims highlighted", placed)
    assert found, placed
    assert int(found.group(2)) >= 5 and int(found.group(1)) >= 0.9 * int(found.group(2))
    # The extension's code runs in its own world: the page's scripts do not see it.
    assert page.evaluate("typeof window.factdeskMapper + typeof window.factdeskContent") == (
        "undefinedundefined"
    )
    for mark in marks[:10]:
        assert len(folded(words_under(page, mark))) >= 5
    page.close()


def test_the_token_is_required(chromium: tuple[Any, Any], server: Running, pages: str) -> None:
    configure(chromium[1], server.base, "")
    page, shadow = open_and_check(chromium, f"{pages}/webb.html")
    error = shadow.wait(lambda s: s.text(".status.error"))[0]
    assert "token" in error
    page.close()


def test_a_server_not_told_of_the_extension_refuses_it(
    chromium: tuple[Any, Any], base: str, pages: str
) -> None:
    configure(chromium[1], base, "")
    page, shadow = open_and_check(chromium, f"{pages}/webb.html")
    error = shadow.wait(lambda s: s.text(".status.error"))[0]
    assert "--allow-origin" in error
    page.close()
