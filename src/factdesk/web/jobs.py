"""The job queue: checks run in a bounded pool of worker processes, each with an id and
progress lines the page can show while it runs.

``workers`` processes check at once (each loads the models once, on start); up to
``max_queued`` more wait their turn; past that :meth:`JobQueue.submit` raises
:class:`QueueFull` (the API answers 503 with Retry-After). Finished jobs are kept up to
``keep`` (the oldest are forgotten first), their audio for the newest ``AUDIO_KEEP`` only.
All state is in this object, in memory. :meth:`JobQueue.close` stops at once: the worker
processes are ended, whatever they were doing, and every check not done is ``cancelled``.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import secrets
import threading
import time
from collections import OrderedDict
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import Any, Literal

from factdesk.errors import FactdeskError, FetchError
from factdesk.web import worker
from factdesk.web.worker import CheckJob, WorkerSettings

log = logging.getLogger(__name__)

AUDIO_KEEP = 10  # finished jobs whose WAV files are kept in memory
State = Literal["queued", "running", "done", "failed", "cancelled"]
STOPPED = "the server stopped before this check was done; submit it again"
UNFINISHED = ("queued", "running")


class QueueFull(FactdeskError):
    """Every worker is busy and the queue is full."""


@dataclass(slots=True)
class Job:
    """One check: its state, the progress lines so far, and when done its result."""

    id: str
    spec: CheckJob
    state: State = "queued"
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    progress: list[tuple[float, str]] = field(default_factory=list)
    result: dict[str, Any] | None = None  # {"report": ..., "compared": [...]}
    error: str | None = None
    error_status: int = 400  # the HTTP status that fits the error
    future: Future[dict[str, Any]] | None = None
    audio: dict[str, Future[bytes]] = field(default_factory=dict)

    def seconds(self) -> float | None:
        """How long the check took, from submission (queueing included)."""
        return None if self.finished is None else round(self.finished - self.created, 3)


class JobQueue:
    """A bounded pool of worker processes and the jobs given to it."""

    def __init__(
        self, settings: WorkerSettings, *, workers: int = 2, max_queued: int = 32, keep: int = 100
    ) -> None:
        self.settings, self.workers, self.max_queued, self.keep = (
            settings,
            workers,
            max_queued,
            keep,
        )
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._context = get_context("spawn")  # clean workers: no server threads forked
        self._progress = self._context.Queue()
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False
        self._reader = threading.Thread(target=self._read_progress, daemon=True)
        self._reader.start()

    # ---- the pool ----------------------------------------------------------------------------

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=self._context,
                initializer=worker.start,
                initargs=(self.settings, self._progress),
            )
        return self._pool

    def warm(self) -> None:
        """Start the workers now (they load their models) rather than on the first check."""
        with self._lock:
            pool = self._executor()
        for f in [pool.submit(time.sleep, 0) for _ in range(self.workers)]:
            f.result()

    def close(self) -> None:
        """Stop at once: every check not done is marked cancelled, the worker processes are
        ended (a running check is abandoned, not waited for), the progress reader stops.
        Calling it again does nothing."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            pool, self._pool = self._pool, None
            now = time.time()
            for job in self._jobs.values():
                if job.state in UNFINISHED:
                    job.state, job.error, job.error_status = "cancelled", STOPPED, 503
                    job.finished = now
        if pool is not None:
            processes: list[multiprocessing.process.BaseProcess] = list(
                (pool._processes or {}).values()
            )
            # The pool's feeder thread may be blocked writing a queued check (a long text) to
            # the pipe of a worker about to be ended; Python 3.11.2's pool then waits for that
            # thread for ever at exit (later versions do not). Nothing it holds is wanted now.
            # (Taken before shutdown, which lets go of the queue.)
            call_queue = getattr(pool, "_call_queue", None)
            if call_queue is not None:
                call_queue.cancel_join_thread()
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(timeout=5)
                if process.is_alive():
                    process.kill()
            pool.shutdown(wait=True)
        self._reader.join(timeout=5)

    def _read_progress(self) -> None:
        # Polled rather than ended by a sentinel: a put from this process could block on
        # the queue's lock if a worker was ended while holding it.
        while not self._closed:
            try:
                job_id, line = self._progress.get(timeout=0.2)
            except queue.Empty:
                continue
            with self._lock:
                job = self._jobs.get(job_id)
                if job is None:
                    continue
                if job.state == "queued":
                    job.state, job.started = "running", time.time()
                job.progress.append((time.time(), line))

    # ---- jobs --------------------------------------------------------------------------------

    def busy(self) -> tuple[int, int]:
        """(running, queued) checks now."""
        with self._lock:
            states = [j.state for j in self._jobs.values()]
        return states.count("running"), states.count("queued")

    def submit(self, spec: CheckJob) -> Job:
        """Queue a check; QueueFull when ``workers + max_queued`` are already waiting or running."""
        with self._lock:
            if self._closed:
                raise QueueFull("the server is stopping")
            active = sum(1 for j in self._jobs.values() if j.state in UNFINISHED)
            if active >= self.workers + self.max_queued:
                raise QueueFull(
                    f"{active} checks are running or waiting (the most this server takes); "
                    "try again in a minute"
                )
            job = Job(secrets.token_urlsafe(12), spec)
            self._jobs[job.id] = job
            self._forget_old()
            job.future = self._executor().submit(worker.run_check, job.id, spec)
        job.future.add_done_callback(lambda f: self._finish(job, f))
        return job

    def _forget_old(self) -> None:
        """Forget the oldest finished jobs past ``keep``, and the audio (megabytes each) of
        all but the newest AUDIO_KEEP (it is made again when asked for)."""
        finished = [j for j in self._jobs.values() if j.state not in UNFINISHED]
        for job in finished[: max(0, len(finished) - self.keep)]:
            del self._jobs[job.id]
        for job in finished[: max(0, len(finished) - AUDIO_KEEP)]:
            job.audio = {w: f for w, f in job.audio.items() if not f.done()}

    def _finish(self, job: Job, future: Future[dict[str, Any]]) -> None:
        with self._lock:
            if job.state == "cancelled":  # the queue was closed: its worker was ended
                return
            job.finished = time.time()
            try:
                job.result = future.result()
                job.state = "done"
            except FactdeskError as exc:
                job.state, job.error = "failed", _one_line(str(exc))
                job.error_status = 502 if isinstance(exc, FetchError) else 400
            except CancelledError:
                job.state, job.error, job.error_status = "cancelled", STOPPED, 503
            except BrokenProcessPool:
                job.state, job.error, job.error_status = (
                    "failed",
                    "a worker process died (out of memory?); the check was not done",
                    500,
                )
                self._pool = None  # a fresh pool for the next check
            except BaseException:  # a bug: logged, the client gets one line, the server goes on
                log.exception("checking failed")
                job.state, job.error, job.error_status = (
                    "failed",
                    "factdesk failed on this input (a bug; see the server log)",
                    500,
                )

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def position(self, job: Job) -> int:
        """How many queued checks are ahead of ``job`` (0 when it runs or is done)."""
        with self._lock:
            if job.state != "queued":
                return 0
            ahead = 0
            for other in self._jobs.values():
                if other is job:
                    return ahead
                ahead += other.state == "queued"
        return 0

    def audio(self, job: Job, what: str) -> Future[bytes]:
        """The WAV of a finished job's article or report, made once by a worker and kept."""
        assert job.result is not None
        with self._lock:
            if self._closed:
                raise QueueFull("the server is stopping")
            current = job.audio.get(what)
            if current is None or (current.done() and current.exception() is not None):
                job.audio[what] = self._executor().submit(
                    worker.run_speech, job.id, job.result["speech"], what
                )
            return job.audio[what]


def _one_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "unknown error"
