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

from _common import ROOT, factdesk_cli, json_child, real_articles, write_section

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


def speed_child(db: str) -> dict[str, float]:

    from factdesk.config import load_config
    from factdesk.model import Article
    from factdesk.pipeline import check_article
    from factdesk.verify.sentence import clear_caches as clear_cache

    # A real, non-repeated article of about 800 words (the first such page of the extraction
    # benchmark): no sentence is judged twice, as it would be in a repeated example.
    page_id, text = real_articles(780, 900)[0]
    article = Article(text=text, title=None, url=f"benchmark:{page_id}", published="2019-11-20")
    cfg = load_config({"db": db})
    warm = Article(text="NASA launched the telescope on December 25, 2021.", title=None)
    check_article(warm, config=cfg, live=False)  # load the models
    clear_cache()
    started = time.perf_counter()
    report = check_article(article, config=cfg, live=False)
    seconds = time.perf_counter() - started
    return {
        "page": page_id[:12],
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
        store_scale.build(db, size, parse=True)  # passages parsed, as `factdesk ingest` does
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
            f"Speed: a real {s['words']}-word news article (extraction benchmark page {s['page']}, not repeated), "
            f"{s['claims']} claims against a 100,000-passage store (synthetic passages plus the Webb corpus), "
            f"local sources only, caches cleared: {s['seconds']:.2f} s on 2 cores (claims {s['claims_s']:.2f} s, "
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
