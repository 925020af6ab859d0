"""The web app in a real headless browser: Playwright driving Debian's chromium (Playwright's
own browser download does not work here). Submit an article, watch it being checked, see the
claims highlighted by verdict and the comment flags, open a claim's evidence, and play the
article read aloud."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from ..conftest import ROOT
from .conftest import PAGE

OTHER = (ROOT / "examples" / "webb-other-outlet.txt").read_text(encoding="utf-8")
CHROMIUM = os.environ.get("FACTDESK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

if not os.path.exists(CHROMIUM):
    pytest.skip(
        f"no chromium at {CHROMIUM} (apt-get install chromium, or set FACTDESK_CHROMIUM)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--autoplay-policy=no-user-gesture-required"],
        )
        yield browser
        browser.close()


def test_submit_see_highlights_and_flags_and_listen(browser: Any, base: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{base}/")
    page.fill("textarea[name=text]", PAGE)
    page.click("summary")  # open "compare with another article"
    page.fill("textarea[name=compare_text]", OTHER)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/jobs/*")
    # The progress page follows the job and shows the report when it is done.
    page.wait_for_selector("#headline", timeout=180_000)
    sync_api.expect(page.locator("#article mark.refuted")).to_have_count(4)
    sync_api.expect(page.locator("#article mark.supported")).not_to_have_count(0)
    assert "4 refuted" in page.inner_text("#headline")
    flags = page.locator("#comments .comment.flagged .flag")
    assert flags.count() >= 1 and flags.first.inner_text().strip()
    assert "look machine-written or coordinated" in page.inner_text("#comment-summary")
    # A highlighted claim leads to its card in the evidence panel.
    first_refuted = page.locator("#article mark.refuted").first
    claim_id = first_refuted.get_attribute("data-claim")
    first_refuted.click()
    card = page.locator(f"#evidence .card[id='{claim_id}']")
    sync_api.expect(card).to_have_class("card refuted selected")
    assert card.locator(".stance.refutes").count() >= 1
    # The comparison with the other article marks where they disagree.
    assert page.locator("#compare mark.contradicts").count() >= 2
    # Listen: the audio loads from the server and plays.
    page.click("button[data-audio=audio-article]")
    page.wait_for_function(
        """() => { const a = document.getElementById('audio-article');
                   return a.readyState >= 2 && a.duration > 1 && !a.paused && a.currentTime > 0; }""",
        timeout=180_000,
    )
    assert page.inner_text("#listen-status") == "Playing."
    assert errors == []
    page.close()
