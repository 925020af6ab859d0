"""The extension's files as shipped: a Manifest V3 extension with no remote code, no access to
pages beyond the tab the reader asks about, and the id the README and the server's
``--allow-origin`` name."""

from __future__ import annotations

import base64
import hashlib
import json
import re

from ..conftest import ROOT
from ..web.browser import EXTENSION_ID

EXTENSION = ROOT / "extension"
MANIFEST = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))


def test_manifest_v3_with_every_file_it_names() -> None:
    assert MANIFEST["manifest_version"] == 3
    named = [MANIFEST["background"]["service_worker"], MANIFEST["options_ui"]["page"]]
    named += list(MANIFEST["icons"].values())
    for name in named:
        assert (EXTENSION / name).is_file(), name
    for script in re.findall(r"files: \[([^\]]+)\]", (EXTENSION / "background.js").read_text()):
        for name in re.findall(r'"([^"]+)"', script):
            assert (EXTENSION / name).is_file(), name


def test_no_remote_code_and_no_standing_access_to_pages() -> None:
    assert MANIFEST["content_security_policy"]["extension_pages"].startswith("script-src 'self';")
    assert "content_scripts" not in MANIFEST  # nothing runs in a page until the reader asks
    assert "activeTab" in MANIFEST["permissions"]
    assert set(MANIFEST["host_permissions"]) == {"http://127.0.0.1/*", "http://localhost/*"}
    for path in EXTENSION.glob("*.js"):
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"\beval\(|new Function|innerHTML|outerHTML\s*=|import\(", code), path
        urls = set(re.findall(r"https?://[^\s\"'`)]+", code)) - {"http://127.0.0.1:8350"}
        assert not urls, (path, urls)  # the reader's own server is the only address


def test_the_key_gives_the_documented_id() -> None:
    digest = hashlib.sha256(base64.b64decode(MANIFEST["key"])).hexdigest()[:32]
    assert "".join(chr(ord("a") + int(c, 16)) for c in digest) == EXTENSION_ID
    assert EXTENSION_ID in (ROOT / "README.md").read_text(encoding="utf-8")
