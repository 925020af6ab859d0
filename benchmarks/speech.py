"""Reading aloud: how fast ``factdesk speak`` turns the example article and its report into
speech, as a user runs it (a subprocess per call, models loaded each time).

    python benchmarks/speech.py [--no-write]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import wave
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import factdesk_cli, write_section

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "webb-telescope.html"
CORPUS = ROOT / "examples" / "webb-corpus.jsonl"


def factdesk(*args: str, db: Path) -> float:
    """Run ``factdesk ARGS --db DB``; the wall seconds it took."""
    started = time.perf_counter()
    proc = factdesk_cli(*args, db=db)
    if proc.returncode != 0:
        raise SystemExit(f"factdesk {' '.join(args)} failed: {proc.stderr.strip()}")
    return time.perf_counter() - started


def audio_seconds(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    rows = ["| what | engine | audio | wall time | real-time factor |", "|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "w.db"
        factdesk("ingest", str(CORPUS), db=db)
        for label, extra in (("the article", []), ("the fact-check report", ["--report"])):
            out = Path(tmp) / "out.wav"
            wall = factdesk(
                "speak",
                str(ARTICLE),
                *extra,
                "--no-live",
                "--engine",
                "piper",
                "--out",
                str(out),
                db=db,
            )
            spoken = audio_seconds(out)
            rows.append(
                f"| {label} | Piper, en_US joe (medium) | {spoken:.0f} s | {wall:.1f} s | {spoken / wall:.1f}x |"
            )
            print(rows[-1], flush=True)
    if not args.no_write:
        write_section(
            "speech",
            "## Reading aloud\n\n"
            "`factdesk speak examples/webb-telescope.html [--report] --engine piper` on 2 cores, "
            "wall time of the whole command (extraction, and for the report the whole check, "
            "included). Real-time factor: seconds of speech per second of wall time.\n\n"
            "Command: `python benchmarks/speech.py`\n\n" + "\n".join(rows) + "\n",
        )


if __name__ == "__main__":
    main()
