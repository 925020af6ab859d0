"""The per-article budget: time and resident memory, from the settings."""

from __future__ import annotations

import time

from factdesk.budget import Budget, rss_mb
from factdesk.config import load_config


def test_budget_from_settings_runs_out_in_time() -> None:
    config = load_config({"check_budget_s": 0.2, "check_budget_mb": 100_000}, environ={})
    budget = Budget.start(config)
    assert budget.exceeded() is None and 0 < budget.left_s() <= 0.2
    time.sleep(0.25)
    assert budget.exceeded() == "time budget (0.2 s)"


def test_budget_runs_out_of_memory() -> None:
    assert rss_mb() > 10  # this process, with pytest loaded
    budget = Budget(60.0, 1.0, time.monotonic() + 60)
    assert budget.exceeded() == "memory budget (1 MB)"
    assert Budget.unlimited().exceeded() is None
