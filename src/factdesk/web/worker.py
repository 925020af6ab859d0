"""What runs in a worker process: one check (or one reading aloud) at a time.

Each worker is a separate process (spawned clean, no threads of the server's inherited) that
loads the models once when it starts (:func:`start`) and keeps them for every job it takes.
Progress lines go back to the server over a multiprocessing queue, tagged with the job id.
"""

from __future__ import annotations

import logging
import multiprocessing.queues
import os
import signal
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from factdesk.batch import CheckOptions, warm_up
from factdesk.config import Config
from factdesk.errors import InputError
from factdesk.extract import Given
from factdesk.web.guard import AddressPolicy, GuardedTransport

log = logging.getLogger(__name__)


Source = str | Given  # an http(s) URL to fetch, or the text or page HTML as given


@dataclass(frozen=True, slots=True)
class CheckJob:
    """One check: the article, the articles to compare it with, a publication date override."""

    article: Source
    compare: tuple[Source, ...] = ()
    published: str | None = None


@dataclass(frozen=True, slots=True)
class WorkerSettings:
    """What every worker needs to know, fixed when the pool starts."""

    config: Config
    live: bool
    threshold: float
    policy: AddressPolicy
    speech_engine: str = "auto"


@dataclass(slots=True)
class _State:
    settings: WorkerSettings
    progress: multiprocessing.queues.Queue[tuple[str, str]] | None


_state: _State | None = None  # this worker process's own settings (never the server's)


def start(
    settings: WorkerSettings, progress: multiprocessing.queues.Queue[tuple[str, str]] | None
) -> None:
    """The pool's initializer: keep the settings, load every model once. Ctrl-C is left to
    the server (it reaches the whole process group): the server ends its workers itself."""
    global _state
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _state = _State(settings, progress)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    warm_up(CheckOptions(replace(settings.config, live_sources=""), live=False))


def _exit_with_parent(parent: int) -> None:
    """End this worker when the server that started it is gone (killed, not stopped: a
    stopped server stops its workers itself)."""
    while os.getppid() == parent:
        time.sleep(2)
    os._exit(0)


def _worker() -> _State:
    if _state is None:  # run in the server's own process (tests, a pool of none)
        raise RuntimeError("factdesk.web.worker.start was not called in this process")
    return _state


def _say(job_id: str, line: str) -> None:
    queue = _worker().progress
    if queue is not None:
        queue.put((job_id, line))


def run_check(job_id: str, job: CheckJob) -> dict[str, Any]:
    """Check ``job`` with :func:`factdesk.pipeline.check`, the CLI's and the batch's own:
    ``{"report": the Report, "compared": [the other articles' title, url, published and
    text], "speech": what the listen buttons read}``; FactdeskError for what the visitor can
    mend (a bad URL, a refused address, no article found)."""
    from factdesk.pipeline import check
    from factdesk.speech import spoken_article, spoken_report

    state = _worker()
    report = check(
        job.article,
        config=state.settings.config,
        threshold=state.settings.threshold,
        published=job.published,
        live=state.settings.live,
        compare=job.compare,
        transport=GuardedTransport(state.settings.policy),
        progress=lambda line: _say(job_id, line),
    )
    _say(job_id, "writing the report")
    compared = [
        {
            "title": o.title,
            "url": o.url,
            "source": o.source,
            "published": o.published,
            "text": o.text,
        }
        for o in report.compared
    ]
    # What the listen buttons read, written now while the Report object is at hand.
    speech = {"article": spoken_article(report.article), "report": spoken_report(report)}
    return {"report": report, "compared": compared, "speech": speech}


def run_speech(job_id: str, scripts: dict[str, list[str]], what: str) -> bytes:
    """The WAV of the article (``what="article"``) or of the fact-check (``"report"``), from
    the lines ``run_check`` wrote for each."""
    from factdesk.speech import speak

    if what not in ("article", "report"):
        raise InputError(f"nothing called {what!r} to read aloud: article or report")
    state = _worker()
    _say(job_id, f"reading the {what} aloud")
    lines = scripts[what]
    with tempfile.TemporaryDirectory(prefix="factdesk-speech-") as folder:
        out = Path(folder) / f"{what}.wav"
        speak(lines, out, engine=state.settings.speech_engine)
        return out.read_bytes()
