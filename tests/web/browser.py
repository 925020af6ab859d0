"""Driving Debian's chromium with the unpacked extension loaded (Playwright; Playwright's own
browser download does not work here), and reading what the extension draws: it lives in a
closed shadow root no page script can reach, so the tests read it the way DevTools does, over
the Chrome DevTools Protocol."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from ..conftest import ROOT, _Handler

CHROMIUM = os.environ.get("FACTDESK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
EXTENSION = ROOT / "extension"
# The extension's id, fixed by the public key in its manifest.json.
EXTENSION_ID = "fegkpgeedgdlajonkomccfoggjhobpgn"
EXTENSION_ORIGIN = f"chrome-extension://{EXTENSION_ID}"
HOST_TAG = "factdesk-check"


def need_chromium() -> Any:
    """Playwright's sync API, or skip the module when chromium or Playwright is missing."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(
            f"no chromium at {CHROMIUM} (apt-get install chromium, or set FACTDESK_CHROMIUM)",
            allow_module_level=True,
        )
    return pytest.importorskip("playwright.sync_api", reason="pip install playwright")


@contextlib.contextmanager
def static_pages(pages: dict[str, bytes]) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 answering ``pages`` (path -> HTML); its base URL."""
    routes = {
        path: (200, {"Content-Type": "text/html; charset=utf-8"}, body, 0.0)
        for path, body in pages.items()
    }
    handler = type("Pages", (_Handler,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium_with_extension(sync_api: Any, profile: Path) -> Iterator[tuple[Any, Any]]:
    """A persistent chromium context with the unpacked extension, and its service worker."""
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            ignore_default_args=["--disable-extensions"],
            args=[
                "--no-sandbox",
                f"--disable-extensions-except={EXTENSION}",
                f"--load-extension={EXTENSION}",
                "--disable-features=DisableLoadExtensionCommandLineSwitch",
                "--autoplay-policy=no-user-gesture-required",
            ],
            viewport={"width": 1280, "height": 900},
        )
        try:
            workers = context.service_workers
            worker = workers[0] if workers else context.wait_for_event("serviceworker")
            assert worker.url.startswith(EXTENSION_ORIGIN), worker.url
            yield context, worker
        finally:
            context.close()


def configure(worker: Any, server: str, token: str) -> None:
    """What the options page saves: the server's address and token."""
    worker.evaluate(
        "([server, token]) => chrome.storage.local.set({server, token})", [server, token]
    )


def start_check(worker: Any, url: str) -> None:
    """What the toolbar button and the context-menu item do, for the tab showing ``url``."""
    worker.evaluate(
        """async (url) => {
             const [tab] = await chrome.tabs.query({url});
             await checkTab(tab.id);
           }""",
        url,
    )


class Shadow:
    """The extension's closed shadow root in ``page``, read over the DevTools protocol."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.cdp = page.context.new_cdp_session(page)

    def _root(self) -> str | None:
        doc = self.cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
        stack = [doc]
        while stack:
            node = stack.pop()
            if node.get("localName") == HOST_TAG and node.get("shadowRoots"):
                backend = node["shadowRoots"][0]["backendNodeId"]
                found = self.cdp.send("DOM.resolveNode", {"backendNodeId": backend})
                return str(found["object"]["objectId"])
            stack += node.get("children", []) + node.get("shadowRoots", [])
        return None

    def run(self, function: str, *args: Any) -> Any:
        """``function`` called with ``this`` the shadow root (None when there is none)."""
        root = self._root()
        if root is None:
            return None
        answer = self.cdp.send(
            "Runtime.callFunctionOn",
            {
                "objectId": root,
                "functionDeclaration": function,
                "arguments": [{"value": a} for a in args],
                "returnByValue": True,
                "awaitPromise": True,
            },
        )
        if "exceptionDetails" in answer:
            raise AssertionError(answer["exceptionDetails"])
        return answer["result"].get("value")

    def text(self, selector: str) -> list[str]:
        return list(
            self.run(
                "function (s) { return [...this.querySelectorAll(s)].map(e => e.textContent); }",
                selector,
            )
            or []
        )

    def boxes(self, selector: str) -> list[dict[str, Any]]:
        """The elements matching ``selector``: their data attributes and page rectangle."""
        return list(
            self.run(
                """function (s) {
                     return [...this.querySelectorAll(s)].map(e => {
                       const r = e.getBoundingClientRect();
                       return {...e.dataset, text: e.textContent,
                               left: r.left + scrollX, top: r.top + scrollY,
                               width: r.width, height: r.height};
                     });
                   }""",
                selector,
            )
            or []
        )

    def click(self, selector: str) -> None:
        """Click the first element matching ``selector`` where it is on the screen."""
        box = self.boxes(selector)[0]
        self.page.evaluate(
            "([x, y]) => window.scrollTo(0, Math.max(0, y - 200))", [box["left"], box["top"]]
        )
        box = self.boxes(selector)[0]
        scroll = self.page.evaluate("[scrollX, scrollY]")
        self.page.mouse.click(
            box["left"] - scroll[0] + box["width"] / 2, box["top"] - scroll[1] + box["height"] / 2
        )

    def wait(self, condition: Callable[[Shadow], Any], *, timeout: float = 240.0) -> Any:
        """Poll until ``condition(self)`` is truthy; its value."""
        end = time.monotonic() + timeout
        while True:
            value = condition(self)
            if value:
                return value
            if time.monotonic() > end:
                raise AssertionError(f"timed out; the panel says: {self.text('.panel')}")
            time.sleep(0.3)


def words_under(page: Any, box: dict[str, Any]) -> str:
    """The page's own text under a highlight box (the extension's layer hidden meanwhile),
    from its left edge to its right edge."""
    return str(
        page.evaluate(
            """([tag, b]) => {
                 const host = document.querySelector(tag);
                 host.style.visibility = 'hidden';
                 window.scrollTo(0, Math.max(0, b.top - 200));
                 const y = b.top - scrollY + b.height / 2;
                 const a = document.caretRangeFromPoint(b.left - scrollX + 1, y);
                 const z = document.caretRangeFromPoint(b.left - scrollX + b.width - 1, y);
                 host.style.visibility = '';
                 if (!a || !z) return '';
                 const r = document.createRange();
                 r.setStart(a.startContainer, a.startOffset);
                 r.setEnd(z.startContainer, z.startOffset);
                 return r.toString();
               }""",
            [HOST_TAG, box],
        )
    )
