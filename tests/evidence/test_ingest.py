from __future__ import annotations

import json
from pathlib import Path

from factdesk.config import Config
from factdesk.evidence.feeds import parse_feed
from factdesk.evidence.ingest import Failure, ingest, iter_documents
from factdesk.evidence.store import Store
from factdesk.model import Document
from factdesk.models.embed import default_embedder

from ..conftest import FIXTURES

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Agency news</title>
<item><title>Budget approved</title><link>https://news.example/budget</link><guid>budget-2024</guid>
<pubDate>Tue, 05 Mar 2024 14:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The council approved the <b>budget</b> on Tuesday.</p><p>It passed 7-2.</p>]]></content:encoded></item>
<item><title>No text</title><link>https://news.example/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Science desk</title>
<entry><title>Webb image</title><id>tag:science.example,2022:webb</id>
<link rel="alternate" href="https://science.example/webb"/><published>2022-07-12T15:00:00Z</published>
<summary type="html">&lt;p&gt;Webb released its first full-colour images on July 12, 2022.&lt;/p&gt;</summary></entry>
</feed>"""


def _docs(paths: list[Path]) -> tuple[list[Document], list[Failure]]:
    items = list(iter_documents(paths, config=Config()))
    return [i for i in items if isinstance(i, Document)], [
        i for i in items if isinstance(i, Failure)
    ]


def test_every_file_kind_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.jsonl").write_text(
        json.dumps({"title": "T", "text": "First text.", "published": "March 5, 2024"})
        + "\nnot json\n"
        + json.dumps({"id": "x", "title": "no text"})
        + "\n"
    )
    (folder / "b.txt").write_text(
        "Plain headline\n\nBy Ann Lee\n\nThe plain body text of the story."
    )
    (folder / "sub" / "c.md").write_text("# Markdown headline\n\nThe markdown body text here.")
    (folder / "sub" / "d.html").write_text((FIXTURES / "comments" / "drupal.html").read_text())
    (folder / "feed.rss").write_text(RSS)
    (folder / "ignored.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    docs, failures = _docs([folder])
    by_title = {d.title: d for d in docs}
    assert set(by_title) == {
        "T",
        "Plain headline",
        "Markdown headline",
        "Council delays vote on parking fees",
        "Budget approved",
    }
    assert by_title["T"].published == "2024-03-05" and by_title["T"].id.endswith("a.jsonl:1")
    assert by_title["Plain headline"].text == "The plain body text of the story."
    assert (
        "Walt H." not in by_title["Council delays vote on parking fees"].text
    )  # comments are not evidence
    assert (
        by_title["Budget approved"].text
        == "The council approved the budget on Tuesday.\n\nIt passed 7-2."
    )
    assert by_title["Budget approved"].published == "2024-03-05T14:00:00+00:00"
    assert sorted(f.where.rsplit("/", 1)[-1] for f in failures) == ["a.jsonl:2", "a.jsonl:3"]


def test_atom_feed() -> None:
    (doc,) = list(parse_feed(ATOM, source="atom"))
    assert doc.id == "tag:science.example,2022:webb"
    assert doc.url == "https://science.example/webb"
    assert doc.published == "2022-07-12T15:00:00+00:00"
    assert doc.text == "Webb released its first full-colour images on July 12, 2022."


def test_bad_inputs_are_failures_not_crashes(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "empty.md").write_text("")
    docs, failures = _docs(
        [tmp_path / "bin.txt", tmp_path / "empty.md", tmp_path / "missing.jsonl"]
    )
    assert docs == []
    reasons = sorted(f.reason for f in failures)
    assert reasons == [
        "no such file or folder",
        "the file is empty",
        "this is a binary file, not text",
    ]


def test_ingest_counts_and_failures(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{}\n")
    with Store.open(tmp_path / "s.db", writable=True) as store:
        report = ingest(
            store,
            default_embedder(),
            iter_documents([FIXTURES / "evidence" / "webb.jsonl", bad], config=Config()),
        )
        assert (report.added, report.passages, len(report.failures)) == (4, 5, 1)
        assert store.count() == (4, 5)


def test_json_lines_keep_line_separators_inside_strings(tmp_path: Path) -> None:
    """U+2028, U+0085 and a lone surrogate escape inside a JSON string are text, not line ends
    or a crash (both found by fuzzing)."""
    path = tmp_path / "odd.jsonl"
    rows = [
        {"id": "a", "text": "One line\u2028and the same line\u0085still. The end."},
        {"id": "b", "text": "A lone \ud800 surrogate. Fine."},
    ]
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=i == 1) for i, r in enumerate(rows)),
        encoding="utf-8",
    )
    docs = list(iter_documents([path], config=Config()))
    assert [d.id for d in docs] == ["a", "b"]  # type: ignore[union-attr]
    assert "\u2028" in docs[0].text and "\ufffd" in docs[1].text  # type: ignore[union-attr]


def test_stray_utf16_mark_before_utf8_lines_loses_no_line(tmp_path: Path) -> None:
    """A first line of 0xFE 0xFF (a UTF-16 byte-order mark) before UTF-8 JSON Lines: the good
    lines are stored, the bad one reported (found by fuzzing: all of it was read as UTF-16)."""
    for tail in (b"", b"\n"):  # odd and even lengths: UTF-16 may or may not decode
        path = tmp_path / f"marked{len(tail)}.jsonl"
        path.write_bytes(
            b"\xfe\xff\n"
            + b'{"id": "doc-0", "text": "The council met on Tuesday."}\n'
            + b'{"id": "doc-1", "text": "The council met on Wednesday."}'
            + tail
        )
        docs, failures = _docs([path])
        assert [d.id for d in docs] == ["doc-0", "doc-1"]
        assert [f.where for f in failures] == [f"{path}:1"]
