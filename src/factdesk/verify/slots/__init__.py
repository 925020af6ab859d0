"""Slot checks: one small module per kind of detail (a date, a number, a role, a place, a
quote, a doer, the polarity), each comparing the claim's value with the same slot of the same
event in one passage. Each module has one function, ``check(ctx) -> list[Finding]``; they run
in the order of ``SLOTS``. Adding a kind touches one module and this list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from factdesk.model import Claim, Facet, Finding, Passage
from factdesk.verify.profile import Profile


@dataclass(frozen=True, slots=True)
class Act:
    """An act whose doer a content farm changes (said, endorsed, ...), and who did it."""

    verb: str
    agent: str  # canonical name
    agent_text: str  # as written
    at: int  # offset of the act's word


@dataclass(frozen=True, slots=True)
class SlotContext:
    """What every slot check reads: the claim, one passage and the passage's reading."""

    claim: Claim
    claim_lemmas: frozenset[str]
    passage: Passage
    facets: list[Facet]
    same_event: Callable[..., bool]
    claim_date: date | None
    acts: list[Act]
    profile: Profile


@dataclass(frozen=True, slots=True)
class Slot:
    """A slot check: its name, whether it needs the passage to be about the claim's subject
    (a quote or a doer is its own anchor: compared even when the passage names someone else),
    and the check."""

    name: str
    on_topic: bool
    check: Callable[[SlotContext], list[Finding]]


def ordered() -> list[Slot]:
    """The slot checks in the order they run."""
    from factdesk.verify.slots import agents, dates, numbers, places, polarity, quotes, roles

    return [
        Slot("quote", False, quotes.check),
        Slot("agent", False, agents.check),
        Slot("negation", True, polarity.check),
        Slot("date", True, dates.check),
        Slot("number", True, numbers.check),
        Slot("role", True, roles.check),
        Slot("place", True, places.check),
    ]
