"""What runs in a worker process: one check (or one reading aloud) at a time.

Each worker is a separate process (spawned clean, no threads of the server's inherited) that
loads the models once when it starts (:func:`start`) and keeps them for every job it takes.
Progress lines go back to the server over a multiprocessing queue, tagged with the job id.
"""

from __future__ import annotations

import io
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
from factdesk.budget import Budget
from factdesk.config import Config
from factdesk.errors import InputError
from factdesk.model import Article
from factdesk.web.guard import AddressPolicy, GuardedTransport

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Source:
    """An article as the visitor gave it: a URL or its text (or HTML)."""

    url: str = ""
    text: str = ""

    def label(self) -> str:
        return self.url or "pasted text"


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
    """Check ``job``: ``{"report": the JSON report, "compared": [the other articles' title,
    url, published and text]}``; FactdeskError for what the visitor can mend
    (a bad URL, a refused address, no article found)."""
    from factdesk.extract import extract
    from factdesk.pipeline import check_article

    state = _worker()
    cfg = state.settings.config
    budget = Budget.start(cfg)
    transport = GuardedTransport(state.settings.policy)
    started = time.perf_counter()

    def read(source: Source, what: str) -> Article:
        _say(job_id, f"fetching {what}" if source.url else f"reading {what}")
        return extract(
            source.url or "-",
            config=cfg,
            stdin=None if source.url else io.BytesIO(source.text.encode("utf-8")),
            budget=budget,
            transport=transport,
        )

    article = read(job.article, "the article")
    others = [read(o, f"article {n + 2}") for n, o in enumerate(job.compare)]
    if job.published:
        article = replace(article, published=job.published)
    extract_s = time.perf_counter() - started
    report = check_article(
        article,
        config=cfg,
        threshold=state.settings.threshold,
        live=state.settings.live,
        others=others,
        budget=budget,
        progress=lambda line: _say(job_id, line),
    )
    _say(job_id, "writing the report")
    full = replace(report, timings={"extract_s": extract_s, **report.timings})
    compared = [
        {
            "title": o.title,
            "url": o.url,
            "source": o.source,
            "published": o.published,
            "text": o.text,
        }
        for o in others
    ]
    from factdesk.speech import spoken_article, spoken_report

    # What the listen buttons read, written now while the Report object is at hand.
    speech = {"article": spoken_article(full.article), "report": spoken_report(full)}
    return {"report": full.to_dict(), "compared": compared, "speech": speech}


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
