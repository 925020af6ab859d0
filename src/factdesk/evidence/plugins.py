"""Live evidence sources as plugins: the ``factdesk.sources`` entry-point group.

A package registers a *source factory* under a name in the group, and
``live_sources = "NAME,..."`` turns it on. A factory is any callable
``factory(*, config, embedder)`` that returns an
:class:`~factdesk.evidence.sources.EvidenceSource`, or ``None`` when it is not configured
(``feeds`` without feed URLs). factdesk's own sources are registered the same way in its
``pyproject.toml``; :data:`BUILT_IN_SOURCES` lists them again so that they work from a source
tree that was never installed (as llm loads its default plugins).
"""

from __future__ import annotations

import logging
from importlib.metadata import EntryPoint, entry_points
from typing import Protocol

from factdesk.config import Config
from factdesk.errors import ConfigError
from factdesk.evidence.sources import EvidenceSource
from factdesk.models.embed import Embedder

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "factdesk.sources"
# factdesk's own sources, as its pyproject.toml registers them.
BUILT_IN_SOURCES = {
    "wikipedia": "factdesk.evidence.sources:WikipediaSource",
    "feeds": "factdesk.evidence.sources:FeedSource.from_config",
    "claimreview": "factdesk.evidence.sources:ClaimReviewSource",
}


class SourceFactory(Protocol):
    """What the ``factdesk.sources`` entry-point group registers: a source class or function."""

    def __call__(self, *, config: Config, embedder: Embedder) -> EvidenceSource | None: ...


def registered_sources() -> dict[str, EntryPoint]:
    """Every live source that can be turned on, by name: the built-in ones and those that
    installed packages register in the ``factdesk.sources`` entry-point group. A package that
    registers a built-in name under another object is ignored, with a warning."""
    found = {
        name: EntryPoint(name, value, ENTRY_POINT_GROUP) for name, value in BUILT_IN_SOURCES.items()
    }
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in BUILT_IN_SOURCES and ep.value != BUILT_IN_SOURCES[ep.name]:
            log.warning(
                "source %r of %s ignored: the name is a built-in source's", ep.name, ep.value
            )
            continue
        found.setdefault(ep.name, ep)
    return found


def live_sources(config: Config, embedder: Embedder) -> list[EvidenceSource]:
    """The live sources enabled in settings (``live_sources = "wikipedia,feeds,claimreview"``,
    or any name registered in the ``factdesk.sources`` entry-point group).

    Raises:
        ConfigError: A name no package registers, or a registered source that cannot be loaded.
    """
    registry = registered_sources()
    out: list[EvidenceSource] = []
    for name in [n.strip() for n in config.live_sources.split(",") if n.strip()]:
        if name not in registry:
            known = ", ".join(sorted(registry))
            raise ConfigError(f"unknown live source {name!r} (known: {known})")
        try:
            factory: SourceFactory = registry[name].load()
        except (ImportError, AttributeError) as exc:
            raise ConfigError(
                f"live source {name!r} ({registry[name].value}) cannot be loaded: {exc}"
            ) from None
        source = factory(config=config, embedder=embedder)
        if source is not None:
            out.append(source)
    return out
