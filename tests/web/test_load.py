"""20 checks at once on loopback: every one completes, correctly, while the server still
answers other requests; the pool runs them two at a time and queues the rest."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import jsonschema

from ..test_pipeline import _schema
from .conftest import PAGE, Running, get, healthy, post

CONCURRENT = 20


def test_twenty_concurrent_checks_all_complete_correctly(web: Running) -> None:
    base = web.base
    body = json.dumps({"text": PAGE}).encode()

    def one(_: int) -> tuple[int, str, float]:
        start = time.monotonic()
        status, answer = post(f"{base}/api/check", body, "application/json")
        return status, answer, time.monotonic() - start

    with ThreadPoolExecutor(CONCURRENT) as pool:
        futures = [pool.submit(one, n) for n in range(CONCURRENT)]
        time.sleep(1.0)
        # While they run and wait, the server answers at once.
        start = time.monotonic()
        assert healthy(base) and get(f"{base}/")[0] == 200
        assert time.monotonic() - start < 5
        results = [f.result(timeout=900) for f in futures]
    verdicts = set()
    for status, answer, _ in results:
        assert status == 200, answer[:300]
        report = json.loads(answer)
        jsonschema.validate(report, _schema())
        assert report["summary"]["verdict_counts"]["refuted"] == 4
        verdicts.add(tuple((c["id"], c["verdict"]) for c in report["claims"]))
    assert len(verdicts) == 1  # every check gave the same answer
    assert web.app.queue.busy() == (0, 0)
    assert healthy(base)
