"""The per-article budget: how long, and how much memory, checking one article may take.

A :class:`Budget` is made when a check starts; the stages ask it, between pieces of work,
whether time or memory has run out, and stop there: the report then covers the part done and
says so in one line.
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass

from factdesk.config import Config

_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_mb() -> float:
    """This process's resident memory now, in MB (its peak where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE_BYTES / 1e6
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass(frozen=True, slots=True)
class Budget:
    """A deadline (``time.monotonic()`` seconds) and a resident-memory ceiling in MB."""

    seconds: float
    memory_mb: float
    deadline: float

    @classmethod
    def start(cls, config: Config) -> Budget:
        """A budget from the ``check_budget_s`` and ``check_budget_mb`` settings, from now."""
        return cls(
            config.check_budget_s, config.check_budget_mb, time.monotonic() + config.check_budget_s
        )

    @classmethod
    def unlimited(cls) -> Budget:
        return cls(float("inf"), float("inf"), float("inf"))

    def left_s(self) -> float:
        """Seconds left before the deadline (negative once past it)."""
        return self.deadline - time.monotonic()

    def exceeded(self) -> str | None:
        """Why work must stop now ("time budget (120 s)", "memory budget (3000 MB)"), or None."""
        if time.monotonic() > self.deadline:
            return f"time budget ({self.seconds:g} s)"
        if self.memory_mb != float("inf") and rss_mb() > self.memory_mb:
            return f"memory budget ({self.memory_mb:g} MB)"
        return None
