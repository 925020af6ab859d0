"""Reading aloud: the article, or the fact-check report, as a WAV file.

The text is first written for the ear (:mod:`factdesk.speech.script`), then a local engine
speaks it (:mod:`factdesk.speech.engines`: Piper's natural voice, else espeak-ng).
"""

from __future__ import annotations

from factdesk.speech.engines import ENGINES, pick_engine, speak
from factdesk.speech.script import for_the_ear, spoken_article, spoken_report

__all__ = ["ENGINES", "for_the_ear", "pick_engine", "speak", "spoken_article", "spoken_report"]
