"""What one run has read: the parses of its texts, the stored parses offered for them, and what
the checks derived from them (passages' facets, sentence tables, sentences' lemmas).

A check reads each text once and every step reads the result; the result belongs to that run.
``check_article`` opens a fresh ``Reading`` (``with reading():``) and everything it reads is
kept there and let go when it ends, so concurrent checks (the web app's workers) share nothing
and a long-lived server does not hold what earlier checks read. Calls outside a run (a stage
over JSON Lines, a library call) share one process-wide ``Reading``, bounded like any other;
its tables are written under its lock. A thread a run starts does not inherit the run's
reading (context variables do not cross into pool threads): what it reads goes to the shared
one. Today only the entailment model runs in such threads, and it reads no text here.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

__all__ = ["MOST", "Reading", "current", "own_reading", "reading", "recalled", "remember"]

# Entries kept per table (the oldest forgotten first): a 20,000-character parse is tens of
# KB-MB, and 4,096 of them is as much as one run should hold.
MOST = 4096
# Sentences' lemmas are small: more of them are kept.
MOST_LEMMAS = 50_000


@dataclass(slots=True)
class Reading:
    """One run's tables, by text: ``parses`` (spaCy Docs), ``stored`` (parses from the
    evidence store not read back yet), ``facets`` (a passage's facets, by text and date),
    ``sentences`` (a passage's sentence table) and ``lemmas`` (a sentence's content lemmas)."""

    parses: OrderedDict[str, Any] = field(default_factory=OrderedDict)
    stored: OrderedDict[str, bytes] = field(default_factory=OrderedDict)
    facets: OrderedDict[Any, Any] = field(default_factory=OrderedDict)
    sentences: OrderedDict[str, Any] = field(default_factory=OrderedDict)
    lemmas: dict[str, frozenset[str]] = field(default_factory=dict)
    vectors: OrderedDict[str, Any] = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def clear(self) -> None:
        with self.lock:
            self.parses.clear()
            self.stored.clear()
            self.facets.clear()
            self.sentences.clear()
            self.lemmas.clear()
            self.vectors.clear()


_shared = Reading()
_current: ContextVar[Reading | None] = ContextVar("factdesk_reading", default=None)


def current() -> Reading:
    """The run's reading, or the process-wide one outside a run."""
    return _current.get() or _shared


@contextmanager
def reading() -> Iterator[Reading]:
    """A fresh reading for the run inside the block (nested runs keep the outer one)."""
    if _current.get() is not None:
        yield current()
        return
    fresh = Reading()
    token = _current.set(fresh)
    try:
        yield fresh
    finally:
        _current.reset(token)
        fresh.clear()


def own_reading(run: Callable[P, R]) -> Callable[P, R]:
    """``run`` (a whole check) reads into a fresh reading of its own."""

    @wraps(run)
    def in_reading(*args: P.args, **kwargs: P.kwargs) -> R:
        with reading():
            return run(*args, **kwargs)

    return in_reading


def recalled(table: OrderedDict[Any, Any], key: Any, make: Callable[[], R], most: int) -> R:
    """``table[key]`` of the current reading, made by ``make`` the first time (outside the lock:
    making is the slow part) and kept, the oldest forgotten beyond ``most``."""
    found = table.get(key)
    if found is None:
        found = make()
        with current().lock:
            remember(table, key, found, most)
    return found


def remember(table: OrderedDict[Any, Any], key: Any, value: Any, most: int = MOST) -> None:
    """Keep ``value`` as the newest entry, forgetting the oldest beyond ``most``."""
    table[key] = value
    table.move_to_end(key)
    while len(table) > most:
        table.popitem(last=False)
