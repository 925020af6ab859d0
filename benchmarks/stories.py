"""Hand-written stories: a correct article and a wrong one per story, checked against a handful
of trusted briefs, with traps (the same people at different events on different dates, nominal
claims such as "the governor's endorsement of", a sitting official called "former", relative
dates such as "on Monday" or "last week").

Each story lives in ``benchmarks/data/stories/NAME/``: ``corpus.jsonl`` (the trusted briefs),
``correct.txt``, ``wrong.txt`` and ``expected.json`` (for each article: a piece of a claim,
``ok`` or ``error``, and for an error the detail its rationale must name). Goal: every planted
error refuted with the right detail, no correct claim refuted or conflicting.

    python benchmarks/stories.py [--no-write]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, write_section
from factdesk.config import load_config
from factdesk.evidence import ingest, iter_documents, open_store
from factdesk.model import Report
from factdesk.models.embed import default_embedder
from factdesk.pipeline import check

STORIES = ROOT / "benchmarks" / "data" / "stories"


def check_story(name: str) -> dict[str, Any]:
    """Both articles of one story checked against its briefs; one row per expectation."""
    folder = STORIES / name
    spec = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cfg = replace(load_config(), db=str(Path(tmp) / "story.db"))
        with open_store(cfg.db, writable=True) as store:
            ingest(store, default_embedder(), iter_documents([folder / "corpus.jsonl"], config=cfg))
        for which in ("correct", "wrong"):
            report: Report = check(
                str(folder / f"{which}.txt"), config=cfg, published=spec["published"], live=False
            )
            for needle, expect, detail in spec["expected"][which]:
                result = next((r for r in report.results if needle in r.claim.text), None)
                label = result.verdict.label if result else "(not a claim)"
                rationale = result.verdict.rationale if result else ""
                if expect == "ok":
                    ok = result is not None and label not in {"refuted", "conflicting"}
                else:
                    ok = label == "refuted" and detail.lower() in rationale.lower()
                rows.append(
                    {
                        "story": name,
                        "article": which,
                        "claim": needle,
                        "expect": expect,
                        "verdict": label,
                        "ok": ok,
                        "rationale": rationale,
                    }
                )
    return {"field": spec["field"], "rows": rows}


def run() -> dict[str, Any]:
    stories = {p.name: check_story(p.name) for p in sorted(STORIES.iterdir()) if p.is_dir()}
    rows = [r for s in stories.values() for r in s["rows"]]
    errors = [r for r in rows if r["expect"] == "error"]
    correct = [r for r in rows if r["expect"] == "ok"]
    return {
        "stories": stories,
        "errors_caught": sum(r["ok"] for r in errors),
        "errors": len(errors),
        "correct_alarmed": sum(not r["ok"] for r in correct),
        "correct_supported": sum(r["verdict"] == "supported" for r in correct),
        "correct": len(correct),
    }


def render(result: dict[str, Any]) -> str:
    lines = [
        "## Hand-written stories (issue 9)",
        "",
        "Four stories in different fields (politics, science, business, sports), each a correct",
        "and a wrong article checked against a few trusted briefs, with traps: the same people at",
        "different events on different dates, nominal claims, relative dates, a sitting official",
        'called "former", words or endorsements put in another person\'s mouth.',
        "",
        f"- planted errors refuted with the right detail: {result['errors_caught']} / {result['errors']}",
        f"- correct claims refuted, conflicting or not found as claims: {result['correct_alarmed']} / {result['correct']}",
        f"- correct claims supported: {result['correct_supported']} / {result['correct']}",
        "",
        "| story | article | claim | expected | verdict | ok |",
        "|---|---|---|---|---|---|",
    ]
    for name, story in result["stories"].items():
        for r in story["rows"]:
            lines.append(
                f"| {name} ({story['field']}) | {r['article']} | {r['claim']} | {r['expect']} | "
                f"{r['verdict']} | {'yes' if r['ok'] else '**no**'} |"
            )
    lines += ["", "```sh", "python benchmarks/stories.py", "```"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    result = run()
    for story in result["stories"].values():
        for r in story["rows"]:
            mark = "ok " if r["ok"] else "BAD"
            print(
                f"{mark} {r['story']}/{r['article']}: [{r['verdict']}] {r['claim']} || {r['rationale'][:200]}"
            )
    print(
        json.dumps({k: v for k, v in result.items() if k != "stories"}),
    )
    if not args.no_write:
        write_section("stories", render(result))


if __name__ == "__main__":
    main()
