"""The Markdown report over the real command line: text from a hostile page, its comments and
the evidence stays text when the Markdown is rendered (no HTML, no javascript: links)."""

from __future__ import annotations

import json
from pathlib import Path

from markdown_it import MarkdownIt

from ..conftest import run_cli
from ..test_pipeline import ARTICLE, CORPUS

TITLE = "Webb telescope marks a new era for astronomy"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
JS_LINK = "[win a prize](javascript:alert(3))"


def _hostile_inputs(tmp_path: Path) -> tuple[Path, Path]:
    page = ARTICLE.read_text(encoding="utf-8")
    page = page.replace(
        f'<h1 class="entry-title">{TITLE}',
        f'<h1 class="entry-title">&lt;img src=x onerror=alert(1)&gt; {TITLE}',
    )
    page = page.replace(
        f'content="{TITLE}"', f'content="&lt;img src=x onerror=alert(1)&gt; {TITLE}"'
    )
    page = page.replace(
        f'"headline": "{TITLE}"', f'"headline": "<img src=x onerror=alert(1)> {TITLE}"'
    )
    page = page.replace(
        "https://trendpulse-daily.example/science/webb-telescope-new-era", "javascript:alert(5)"
    )
    page = page.replace(
        "<p>Great article, very informative. Thanks for sharing!</p>",
        "<p>Great article, very informative. Thanks for sharing! "
        "&lt;script&gt;alert(2)&lt;/script&gt; [win a prize](javascript:alert(3))</p>",
    )
    article = tmp_path / "hostile.html"
    article.write_text(page, encoding="utf-8")
    docs = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    for doc in docs:
        doc["title"] = f"{IMG} {doc['title']}"
    docs[0]["url"] = "javascript:alert(4)"  # the launch release, cited against the launch date
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return article, corpus


def test_markdown_report_keeps_hostile_text_inert(tmp_path: Path) -> None:
    article, corpus = _hostile_inputs(tmp_path)
    db = tmp_path / "h.db"
    assert run_cli("ingest", str(corpus), db=db).returncode == 0
    proc = run_cli("check", str(article), "--format", "md", "--no-live", db=db)
    assert proc.returncode == 0, proc.stderr
    md = proc.stdout
    assert "❌" in md and "*refutes*" in md  # evidence with hostile titles is cited
    assert "Great article" in md  # the hostile comment is listed
    assert "*refutes* — &lt;img src=x onerror=alert(1)&gt; NASA's Webb Telescope Launches" in md
    for raw in (IMG, SCRIPT, JS_LINK, "<javascript:", "alert(4)", "alert(5)"):
        assert raw not in md
    # A permissive renderer (raw HTML on, every link scheme accepted) still makes no markup
    renderer = MarkdownIt("commonmark", {"html": True})
    renderer.validateLink = lambda url: True  # type: ignore[method-assign]
    html = renderer.render(md)
    assert "<img" not in html and "<script" not in html
    links = [
        str(token.attrGet("href"))
        for block in renderer.parse(md)
        for token in block.children or []
        if token.type == "link_open"
    ]
    assert links and all(link.startswith("https://") for link in links), links
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown as text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "[win a prize](javascript:alert(3))" in html
