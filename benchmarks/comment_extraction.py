"""Comment-section extraction on hand-labelled pages of several markups.

Each ``tests/fixtures/comments/NAME.html`` has ``NAME.expected.json`` beside it (the comments a
person reads on the page: id, author, time, text, parent). Scores precision and recall of the
comment texts and of the reply links (comment text -> parent's text), and the share of authors
and times right. Writes the table to BENCHMARKS.md.

    python benchmarks/comment_extraction.py [--no-write]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, write_section
from factdesk.extract.html import extract_html

FIXTURES = ROOT / "tests" / "fixtures" / "comments"


def _norm(text: str) -> str:
    return " ".join(text.split())


def _prf(found: set[Any], expected: set[Any]) -> tuple[int, int, int]:
    return len(found & expected), len(found - expected), len(expected - found)


def score_page(html_path: Path) -> dict[str, Any]:
    """Compare the extracted comments of one page with its expected JSON."""
    expected = json.loads(html_path.with_suffix("").with_suffix(".expected.json").read_text())
    article = extract_html(html_path.read_text(encoding="utf-8"))
    got = [c.to_dict() for c in article.comments]
    by_id_exp = {c["id"]: _norm(c["text"]) for c in expected}
    by_id_got = {c["id"]: _norm(c["text"]) for c in got}
    texts = _prf({_norm(c["text"]) for c in got}, {_norm(c["text"]) for c in expected})
    links = _prf(
        {(_norm(c["text"]), by_id_got.get(c["parent_id"])) for c in got},
        {(_norm(c["text"]), by_id_exp.get(c["parent_id"])) for c in expected},
    )
    matched = {_norm(c["text"]): c for c in got}
    authors = sum(
        1 for c in expected if matched.get(_norm(c["text"]), {}).get("author") == c["author"]
    )
    times = sum(
        1 for c in expected if matched.get(_norm(c["text"]), {}).get("published") == c["published"]
    )
    body_leaks = sum(1 for c in expected if _norm(c["text"])[:40] in _norm(article.text))
    return {
        "page": html_path.stem,
        "texts": texts,
        "links": links,
        "authors": authors,
        "times": times,
        "expected": len(expected),
        "body_leaks": body_leaks,
    }


def run() -> dict[str, Any]:
    """Score every fixture; returns per-page rows and the totals."""
    pages = [score_page(p) for p in sorted(FIXTURES.glob("*.html"))]

    def ratio(key: str, index: int) -> tuple[float, float]:
        tp = sum(p[key][0] for p in pages)
        fp = sum(p[key][1] for p in pages)
        fn = sum(p[key][2] for p in pages)
        del index
        return tp / max(1, tp + fp), tp / max(1, tp + fn)

    total = sum(p["expected"] for p in pages)
    text_p, text_r = ratio("texts", 0)
    link_p, link_r = ratio("links", 1)
    return {
        "pages": pages,
        "text_precision": text_p,
        "text_recall": text_r,
        "link_precision": link_p,
        "link_recall": link_r,
        "author_accuracy": sum(p["authors"] for p in pages) / max(1, total),
        "time_accuracy": sum(p["times"] for p in pages) / max(1, total),
        "body_leaks": sum(p["body_leaks"] for p in pages),
        "comments": total,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    args = parser.parse_args()
    r = run()
    rows = [
        "| page | comments | texts found (tp/fp/fn) | reply links (tp/fp/fn) | authors right | times right |",
        "|---|---|---|---|---|---|",
    ]
    for p in r["pages"]:
        rows.append(
            f"| {p['page']} | {p['expected']} | {'/'.join(map(str, p['texts']))} "
            f"| {'/'.join(map(str, p['links']))} | {p['authors']} | {p['times']} |"
        )
    summary = (
        f"Comment texts: precision {r['text_precision']:.3f}, recall {r['text_recall']:.3f}. "
        f"Reply links: precision {r['link_precision']:.3f}, recall {r['link_recall']:.3f}. "
        f"Authors right {r['author_accuracy']:.3f}, times right {r['time_accuracy']:.3f}, "
        f"comments leaked into the body: {r['body_leaks']} ({r['comments']} comments, "
        f"{len(r['pages'])} pages)."
    )
    print("\n".join(rows))
    print(summary)
    if not args.no_write:
        write_section(
            "comments",
            "## Comment extraction (issue 2)\n\n"
            "Hand-labelled pages in `tests/fixtures/comments/` (WordPress, Drupal, Disqus static "
            "markup, schema.org microdata, JSON-LD, a generic flat list with `data-parent-id`). "
            "These pages were written while the extractor was built, so they are a development "
            'set, not a held-out one: read the figures as "these markups work", not as accuracy '
            "on unseen sites.\n\n"
            "Command: `python benchmarks/comment_extraction.py`\n\n"
            + "\n".join(rows)
            + "\n\n"
            + summary
            + "\n",
        )


if __name__ == "__main__":
    main()
