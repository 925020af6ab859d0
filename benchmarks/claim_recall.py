"""Claim recall on real pages: does every sentence that states a dated or numbered event, a role,
an attribution or an endorsement come out as a claim?

The set (``benchmarks/data/claim_recall.jsonl``, described in ``claim_recall.md``) was labelled
by reading, sentence by sentence, ten test-half pages of the extraction benchmark, without looking
at factdesk's output. A labelled sentence counts as found when a claim overlaps at least half of
it. Reported: recall on the check-worthy sentences (overall and by kind), and the share of the
other sentences that were made claims anyway.

    python benchmarks/claim_recall.py [--no-write]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, shared_data, write_section
from factdesk.claims import find_claims

SET = ROOT / "benchmarks" / "data" / "claim_recall.jsonl"


def run() -> dict[str, Any]:
    rows = [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line]
    base = shared_data() / "extraction" / "article_extraction_benchmark"
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    by_page: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_page[row["page"]].append(row)
    found_by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    other = [0, 0]
    missed: list[str] = []
    for page, labelled in by_page.items():
        text = truth[page]["articleBody"]
        spans = [(c.start, c.end) for c in find_claims(text)]
        for row in labelled:
            size = row["end"] - row["start"]
            covered = max((min(e, row["end"]) - max(s, row["start"]) for s, e in spans), default=0)
            found = covered >= size / 2
            if row["label"]:
                counts = found_by_kind[row["kind"]]
                counts[0] += found
                counts[1] += 1
                if not found:
                    missed.append(f"{row['kind']}: {row['text'][:150]}")
            else:
                other[0] += found
                other[1] += 1
    hits = sum(v[0] for v in found_by_kind.values())
    total = sum(v[1] for v in found_by_kind.values())
    return {
        "pages": len(by_page),
        "check_worthy": total,
        "recall": round(hits / max(1, total), 3),
        "by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(found_by_kind.items())},
        "others": other[1],
        "others_made_claims": round(other[0] / max(1, other[1]), 3),
        "missed": missed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    result = run()
    print(json.dumps(result, indent=1))
    if not args.no_write:
        kinds = ", ".join(f"{k} {v}" for k, v in result["by_kind"].items())
        write_section(
            "claim-recall",
            "## Claim recall on real pages (issue 9)\n\n"
            f"{result['check_worthy']} check-worthy sentences labelled by reading {result['pages']} "
            "test-half pages of the extraction benchmark (`benchmarks/data/claim_recall.md`); a "
            "sentence is found when a claim covers at least half of it.\n\n"
            f"- recall: {result['recall']} ({kinds})\n"
            f"- other sentences ({result['others']}) made claims anyway: {result['others_made_claims']}\n\n"
            "```sh\npython benchmarks/claim_recall.py\n```\n",
        )


if __name__ == "__main__":
    main()
