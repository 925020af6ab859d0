"""End to end: a content-farm article with planted errors, checked against a small trusted corpus
built from public reporting; then the speed and memory of ``check`` on a 100k-passage store.

The article (examples/webb-telescope.html) reports the James Webb Space Telescope with four
planted errors: a wrong launch date (and rocket and site), a wrong mirror size, a sitting
official called "former", and an invented endorsement (Bill Nelson's words put in Elon Musk's
mouth). The corpus (examples/webb-corpus.jsonl) holds NASA and ESA statements and distractors.
Goal: every planted error refuted, no correct claim refuted.

    python benchmarks/end_to_end.py [--no-speed] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, factdesk_cli, json_child, write_section

ARTICLE = ROOT / "examples" / "webb-telescope.html"
CORPUS = ROOT / "examples" / "webb-corpus.jsonl"
# (substring of the claim, planted error or None when the claim is right)
EXPECTED = [
    ("released its first full-colour images on July 12, 2022", None),
    ("launched on December 24, 2022", "date, rocket and launch site"),
    ("cost about $10 billion", None),
    ("Former NASA administrator Bill Nelson", "role: he was the sitting administrator"),
    ("about 1.5 million kilometres from Earth", None),
    ("mirror is 8.5 metres across", "number: the mirror is 6.5 m"),
    ("Elon Musk praised the launch", "endorsement: Bill Nelson's words"),
    ("study the atmospheres of exoplanets", None),
]


def story() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "webb.db"
        factdesk_cli("ingest", str(CORPUS), db=db)
        proc = factdesk_cli("check", str(ARTICLE), "--format", "json", "--no-live", db=db)
        report = json.loads(proc.stdout)
    rows = []
    for needle, planted in EXPECTED:
        claim = next((c for c in report["claims"] if needle in c["text"]), None)
        verdict = claim["verdict"] if claim else "(not found as a claim)"
        ok = (verdict == "refuted") if planted else (claim is not None and verdict != "refuted")
        rows.append(
            {
                "claim": needle,
                "planted": planted,
                "verdict": verdict,
                "ok": ok,
                "rationale": claim["rationale"] if claim else "",
            }
        )
    return {"rows": rows, "report": report}


FILLER = (
    "For many readers, the pictures are simply beautiful, and that may be enough. Others want to "
    "know what they mean, and the answer is that it will take years to find out. Scientists tend "
    "to be careful about what they say before the papers are written, and that caution is worth "
    "respecting. In the meantime, the images can be enjoyed for what they are: a new way of "
    "looking at the sky. Some people print them and hang them on their walls. Teachers use them "
    "to start conversations about light, distance and time. Children ask whether there is anyone "
    "out there looking back at us, which is a fair question and one that nobody can answer yet. "
    "What seems clear is that the interest will not fade soon, and that each new release will be "
    "met with the same mix of wonder and questions."
)


def speed_child(db: str) -> dict[str, float]:
    from factdesk.config import load_config
    from factdesk.extract import extract
    from factdesk.pipeline import check_article

    article = extract(str(ARTICLE))
    body = (
        article.text
        + "\n\n"
        + article.text.replace("Webb", "The observatory").replace("telescope", "observatory")
    )
    body += "\n\n" + article.text.replace(
        "The James Webb Space Telescope", "The new space telescope"
    )
    from dataclasses import replace

    # The speed goal is for an 800-word article: the rest is the kind of commentary such pages
    # carry, which has few check-worthy sentences.
    while len(body.split()) < 800:
        body += "\n\n" + FILLER
    article = replace(article, text=body)
    cfg = load_config({"db": db})
    check_article(replace(article, text=article.text[:300]), config=cfg, live=False)  # load models
    started = time.perf_counter()
    report = check_article(article, config=cfg, live=False)
    seconds = time.perf_counter() - started
    return {
        "words": len(article.text.split()),
        "claims": len(report.results),
        "seconds": seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **{k: round(v, 3) for k, v in report.timings.items()},
    }


def speed(size: int = 100_000) -> dict[str, Any]:
    import store_scale

    store_scale.prepare()
    with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:
        db = Path(tmp) / "scale.db"
        store_scale.build(db, size)
        factdesk_cli("ingest", str(CORPUS), db=db)
        return json_child(__file__, "--speed-child", str(db))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--speed-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.speed_child:
        print(json.dumps(speed_child(args.speed_child)))
        return
    result = story()
    lines = ["| claim | planted error | verdict | as expected |", "|---|---|---|---|"]
    for r in result["rows"]:
        lines.append(
            f"| {r['claim']} | {r['planted'] or '(correct)'} | {r['verdict']} | {'yes' if r['ok'] else 'NO'} |"
        )
    planted = [r for r in result["rows"] if r["planted"]]
    correct = [r for r in result["rows"] if not r["planted"]]
    summary = (
        f"Planted errors refuted: {sum(r['ok'] for r in planted)} of {len(planted)}; correct claims not refuted: "
        f"{sum(r['ok'] for r in correct)} of {len(correct)}."
    )
    print("\n".join(lines))
    print(summary)
    for r in result["rows"]:
        print(f"  {r['claim']}: {r['rationale']}")
    speed_line = ""
    if not args.no_speed:
        s = speed()
        speed_line = (
            f"Speed: {s['words']} words, {s['claims']} claims against a 100,000-passage store (synthetic passages "
            f"plus the Webb corpus), local sources only: {s['seconds']:.2f} s on 2 cores (claims {s['claims_s']:.2f} s, "
            f"retrieval {s['retrieve_s']:.2f} s, verification {s['verify_s']:.2f} s), peak RSS {s['peak_rss_mb']:.0f} MB."
        )
        print(speed_line)
    if not args.no_write:
        write_section(
            "end_to_end",
            "## End to end: a content-farm article with planted errors (issue 5)\n\n"
            "`examples/webb-telescope.html` against `examples/webb-corpus.jsonl` (NASA and ESA statements, "
            "with distractors), through `factdesk ingest` and `factdesk check --no-live`.\n\n"
            "Command: `python benchmarks/end_to_end.py`\n\n"
            + "\n".join(lines)
            + "\n\n"
            + summary
            + "\n\n"
            + speed_line
            + "\n",
        )


if __name__ == "__main__":
    main()
