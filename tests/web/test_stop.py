"""Stopping a busy server: SIGTERM to a real ``factdesk serve`` process with a worker deep in
a long check and a queue behind it."""

from __future__ import annotations

import json
import signal
import threading
import time
import urllib.error
from pathlib import Path

from .conftest import api, get
from .test_app import serving

LONG = "\n\n".join(
    f"The council approved a budget of ${n} million for road repairs on Tuesday."
    for n in range(1, 6000)
)  # about 450 kB: a check that takes far longer than the test waits


def test_sigterm_with_a_busy_queue_stops_within_seconds(store: Path) -> None:
    answers: list[tuple[int, dict[str, str]]] = []

    def wait_for_report() -> None:  # POST /api/check: answered when the check ends
        try:
            answers.append(api(base, {"text": LONG}))
        except (urllib.error.URLError, ConnectionError) as exc:
            answers.append((0, {"error": str(exc)}))

    with serving("--db", str(store), "--no-live", "--workers", "1", "--queue", "40") as (
        line,
        proc,
    ):
        base = line.split()[3].rstrip("/")
        jobs = [api(base, {"text": LONG}, path="/api/jobs")[1]["id"] for _ in range(12)]
        waiting = [threading.Thread(target=wait_for_report) for _ in range(4)]
        for thread in waiting:
            thread.start()
        deadline = time.monotonic() + 240
        state = "queued"
        while state != "running" and time.monotonic() < deadline:  # the worker is busy
            state = json.loads(get(f"{base}/api/jobs/{jobs[0]}")[1])["state"]
            time.sleep(0.2)
        assert state == "running"
        time.sleep(1)
        assert json.loads(get(f"{base}/api/jobs/{jobs[-1]}")[1])["state"] == "queued"
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        took = time.monotonic() - started
        assert proc.stderr is not None
        log = proc.stderr.read()
        for thread in waiting:
            thread.join(timeout=30)
    assert took < 10, f"stopped after {took:.1f} s"
    assert proc.returncode == 0
    assert "Traceback" not in log and "CancelledError" not in log, log
    assert log.strip().splitlines()[-1] == "factdesk: stopped", log
    assert len(answers) == 4
    for status, body in answers:  # each waiting client was told, not cut off
        assert status == 503 and "the server stopped" in body["error"], (status, body)
