"""Batch checking: many articles, one JSON line each, resumable, on local processes or Dask.

Each input (a URL or a path) becomes one line of the output file::

    {"input": "...", "status": "ok", "report": {...}, "seconds": 2.1, "worker": {...}}
    {"input": "...", "status": "failed", "error": "one-line reason", ...}

With ``format="claimreview"`` an ok line carries ``"claimreview": [...]`` instead of the report.
Lines are written by this process only, one whole line at a time, as results arrive; a re-run
skips every input the file already has a line for (``retry_failed`` drops the failed lines
first, to try those again), and cuts a line torn by a crash. Workers load the models once each
(on their first article, or when the engine warms them up) and keep them.

Engines: ``local`` (this process, or ``jobs`` worker processes) and ``dask`` (a Dask
``distributed`` cluster: a local one of ``jobs`` worker processes, or the scheduler at
``address``). Every engine calls the public :func:`factdesk.pipeline.check`.
"""

from __future__ import annotations

import io
import json
import logging
import os
import resource
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from factdesk.config import Config
from factdesk.errors import FactdeskError, InputError

log = logging.getLogger(__name__)

ENGINES = ("local", "dask")
FORMATS = ("json", "claimreview")
WARM_UP_TEXT = b"The city council approved a budget of 3 million dollars on Monday, the mayor said."


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """How each article of a batch is checked (the single-article ``check`` flags)."""

    config: Config
    k: int = 5
    threshold: float = 0.5
    live: bool = True
    format: str = "json"


@dataclass(slots=True)
class BatchSummary:
    """What a batch run did."""

    done: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # per worker


def read_list(path: Path) -> list[str]:
    """The inputs of a list file: one URL or path a line; blank lines and ``#`` comments skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the list ({exc.strerror})") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def feed_inputs(url: str, *, config: Config) -> list[str]:
    """The article links of an RSS/Atom feed's items (the batch skips those already done)."""
    from factdesk.evidence.feeds import feed_links
    from factdesk.extract.fetch import fetch

    return feed_links(fetch(url, config=config).data, source=url)


def _one_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "unknown error"


def warm_up(options: CheckOptions) -> None:
    """Load every model a check uses, by checking a one-line article (no live sources)."""
    from factdesk.pipeline import check

    check("-", config=options.config, live=False, stdin=io.BytesIO(WARM_UP_TEXT))


def check_one(source: str, options: CheckOptions) -> dict[str, Any]:
    """Check one input; a failure becomes a line with its one-line reason, never an exception."""
    from factdesk.pipeline import check

    started = time.perf_counter()
    line: dict[str, Any] = {"input": source}
    try:
        report = check(
            source,
            config=options.config,
            k=options.k,
            threshold=options.threshold,
            live=options.live,
        )
        line["status"] = "ok"
        if options.format == "claimreview":
            from factdesk.report.claimreview import claim_reviews

            line["claimreview"] = claim_reviews(report)
        else:
            line["report"] = report.to_dict()
    except FactdeskError as exc:
        line.update(status="failed", error=_one_line(str(exc)))
    except Exception as exc:  # a bug or a library's failure on one page: record it, go on
        log.debug("checking %s failed", source, exc_info=True)
        line.update(status="failed", error=_one_line(f"{type(exc).__name__}: {exc}"))
    line["seconds"] = round(time.perf_counter() - started, 3)
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line["worker"] = {"pid": os.getpid(), "peak_rss_mb": round(usage, 1)}
    return line


def done_inputs(out: Path, *, retry_failed: bool = False) -> set[str]:
    """Inputs that ``out`` already has a line for; cuts a torn last line (a crash mid-write)
    and, with ``retry_failed``, drops the failed lines so that those run again."""
    if not out.exists():
        return set()
    data = out.read_bytes()
    keep = len(data) if data.endswith(b"\n") or not data else data.rfind(b"\n") + 1
    lines: list[dict[str, Any]] = []
    for raw in data[:keep].splitlines():
        try:
            value = json.loads(raw)
        except ValueError:
            raise InputError(f"{out}: not a batch output file (a line is not JSON)") from None
        if not isinstance(value, dict) or "input" not in value:
            raise InputError(f"{out}: not a batch output file (a line has no input)")
        lines.append(value)
    failed = [v for v in lines if v.get("status") != "ok"]
    if keep != len(data) or (retry_failed and failed):
        kept = [v for v in lines if not (retry_failed and v.get("status") != "ok")]
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text("".join(json.dumps(v, ensure_ascii=False) + "\n" for v in kept), "utf-8")
        os.replace(tmp, out)
        lines = kept
    return {str(v["input"]) for v in lines}


def _local(sources: list[str], options: CheckOptions, jobs: int) -> Iterator[dict[str, Any]]:
    if jobs == 1:
        for source in sources:
            yield check_one(source, options)
        return
    # spawn: workers start clean (no threads of ours forked); each loads the models once.
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=get_context("spawn"),
        initializer=warm_up,
        initargs=(options,),
    ) as pool:
        pending: set[Future[dict[str, Any]]] = set()
        queue = iter(sources)
        for source in queue:
            pending.add(pool.submit(check_one, source, options))
            if len(pending) >= 2 * jobs:
                break
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                try:
                    yield future.result()
                except BrokenProcessPool:
                    raise FactdeskError(
                        "a worker process died (out of memory?); what is written is kept: "
                        "re-run the same command to go on"
                    ) from None
                nxt = next(queue, None)
                if nxt is not None:
                    pending.add(pool.submit(check_one, nxt, options))


def _dask(
    sources: list[str], options: CheckOptions, jobs: int, address: str | None
) -> Iterator[dict[str, Any]]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise InputError("--engine dask needs Dask: pip install 'factdesk[dask]'") from None
    cluster = None
    if address is None:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
        )
    try:
        with Client(cluster if cluster is not None else address) as client:  # type: ignore[no-untyped-call]
            client.run(warm_up, options)  # each worker loads the models once, now
            futures = [
                client.submit(check_one, source, options, pure=False, key=f"check-{i}")
                for i, source in enumerate(sources)
            ]
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                yield future.result()
                future.release()
    finally:
        if cluster is not None:
            cluster.close()


def run_batch(
    sources: Iterable[str],
    options: CheckOptions,
    out: Path,
    *,
    jobs: int = 1,
    engine: str = "local",
    address: str | None = None,
    retry_failed: bool = False,
    progress: Callable[[int, int], None] | None = None,
    sink: Callable[[dict[str, Any]], None] | None = None,
) -> BatchSummary:
    """Check every input not yet in ``out``, appending one JSON line per input.

    Args:
        sources: URLs and paths (repeats are checked once).
        options: How to check each one.
        out: The JSON Lines file (created, or resumed).
        jobs: Worker processes (local engine), or local Dask workers.
        engine: ``local`` or ``dask``.
        address: A Dask scheduler's address (``tcp://host:8786``); none starts a local cluster.
        retry_failed: Check again the inputs whose earlier line is a failure.
        progress: Called with (finished, total) after each input.
        sink: Also called with each line (to save reports in the store's database).
    """
    if engine not in ENGINES:
        raise InputError(f"--engine must be one of {', '.join(ENGINES)}")
    if jobs < 1:
        raise InputError("--jobs must be at least 1")
    if options.format not in FORMATS:
        raise InputError(f"batch output is one of {', '.join(FORMATS)}")
    wanted = list(dict.fromkeys(sources))
    done = done_inputs(out, retry_failed=retry_failed)
    todo = [s for s in wanted if s not in done]
    summary = BatchSummary(skipped=len(wanted) - len(todo))
    started = time.perf_counter()
    if progress:
        progress(0, len(todo))
    results = (
        _local(todo, options, jobs) if engine == "local" else _dask(todo, options, jobs, address)
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a", encoding="utf-8") as handle:
        for line in results:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
            handle.flush()
            if sink is not None:
                sink(line)
            if line["status"] == "ok":
                summary.done += 1
            else:
                summary.failed += 1
            worker = line["worker"]
            key = str(worker["pid"])
            summary.peak_rss_mb[key] = max(summary.peak_rss_mb.get(key, 0.0), worker["peak_rss_mb"])
            if progress:
                progress(summary.done + summary.failed, len(todo))
    summary.seconds = time.perf_counter() - started
    return summary
