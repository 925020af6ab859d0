"""Reading aloud: the script written for the ear, and real audio from the shipped voice."""

from __future__ import annotations

import array
import json
import shutil
import wave
from pathlib import Path

from factdesk.model import Article
from factdesk.speech import for_the_ear, spoken_article

from ..conftest import run_cli
from ..test_pipeline import ARTICLE, CORPUS

STORY = (
    "Bridge reopens after repairs\n\n"
    "The Elm Street bridge reopened on 2024-03-04 after eight months of repairs. "
    "Details are at https://city.example/bridge.\n\n"
    "The work cost 2.5 million dollars, the city said."
)


def test_the_script_is_written_for_the_ear() -> None:
    assert for_the_ear("Opened 2021-12-25T07:20:00Z, see https://x.example/a?b=1 “now”…") == (
        "Opened 25 December 2021, see now..."
    )
    assert for_the_ear("Not a date: 2021-13-45.") == "Not a date: 2021-13-45."
    lines = spoken_article(
        Article(
            "One.\n\nTwo.", title="T", authors=("A", "B"), published="2022-07-20T08:15:00+00:00"
        )
    )
    assert lines == ["T", "By A, B.", "Published 20 July 2022.", "One.", "Two."]


def test_report_script_names_each_verdict(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert run_cli("ingest", str(CORPUS), db=db).returncode == 0
    proc = run_cli("speak", str(ARTICLE), "--report", "--no-live", "--script", db=db)
    assert proc.returncode == 0, proc.stderr
    script = proc.stdout
    assert script.startswith("Fact check of: Webb telescope marks a new era for astronomy.")
    assert script.count("Verdict: refuted") == 4
    assert "25 December 2021" in script and "http" not in script
    assert script.splitlines()[-1] == "Of 5 comments, 3 look machine-written or coordinated."


def _audio(path: Path) -> tuple[int, float, float]:
    with wave.open(str(path)) as w:
        rate, frames = w.getframerate(), w.readframes(w.getnframes())
        assert w.getsampwidth() == 2 and w.getnchannels() == 1
    samples = array.array("h", frames)
    rms = (sum(s * s for s in samples) / max(1, len(samples))) ** 0.5
    return rate, len(samples) / rate, rms


def test_article_read_aloud_with_the_shipped_voice(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(STORY, encoding="utf-8")
    out = tmp_path / "story.wav"
    proc = run_cli("speak", str(src), "--out", str(out), "--engine", "piper")
    assert proc.returncode == 0, proc.stderr
    assert "(piper, " in proc.stderr  # prose on standard error, the result as JSON
    assert json.loads(proc.stdout) == {"wrote": str(out), "engine": "piper", "lines": 3}
    rate, seconds, rms = _audio(out)
    assert rate == 22050
    assert 6 < seconds < 40  # about 40 words of speech
    assert rms > 300  # not silence


def test_speech_errors(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(STORY, encoding="utf-8")
    missing = run_cli("speak", str(src), "--out", str(tmp_path / "no" / "x.wav"))
    assert missing.returncode == 2 and "no such folder" in missing.stderr
    espeak = run_cli("speak", str(src), "--engine", "espeak-ng", "--out", str(tmp_path / "e.wav"))
    if shutil.which("espeak-ng") is None:
        assert espeak.returncode == 2 and "apt-get install espeak-ng" in espeak.stderr
        assert not (tmp_path / "e.wav").exists()
    else:
        assert espeak.returncode == 0 and _audio(tmp_path / "e.wav")[1] > 3
