"""Errors raised by factdesk.

Every error the library raises on purpose is a :class:`FactdeskError`; the command line turns
one into a single line on standard error and a non-zero exit::

    FactdeskError              anything factdesk reports to a person
    ├── InputError             the input itself is unusable (missing, empty, binary, too large)
    ├── FetchError             a URL could not be fetched (offline, timeout, HTTP error)
    ├── ExtractionError        the input was read, but holds no article
    ├── StoreError             the evidence store cannot be opened or used
    ├── ConfigError            a setting has a bad value
    └── ModelError             a model file is missing, changed, or of another version
"""

from __future__ import annotations


class FactdeskError(Exception):
    """Base class of every error factdesk raises for a person to act on."""

    exit_code = 1


class InputError(FactdeskError):
    """The input cannot be used: missing file, empty, binary, too large, undecodable."""

    exit_code = 2


class FetchError(FactdeskError):
    """A URL could not be fetched: no network, a timeout, an HTTP error, a page too large."""

    exit_code = 3


class ExtractionError(FactdeskError):
    """The input was read but no article could be found in it."""

    exit_code = 4


class StoreError(FactdeskError):
    """The evidence store is missing, foreign, damaged or from a newer factdesk."""

    exit_code = 5


class ConfigError(FactdeskError):
    """A setting has a value factdesk cannot use."""

    exit_code = 2


class ModelError(FactdeskError):
    """A model file is missing, does not match factdesk's manifest, or comes from another
    version of its package: refused before it is loaded."""

    exit_code = 7
