"""Small helpers shared by the command-line modules."""

from __future__ import annotations

import json
import sys
from typing import Any

from factdesk.errors import InputError
from factdesk.extract.dates import normalize_date


def output_format(requested: str | None) -> str:
    """The format asked for, else text in a terminal and JSON when piped."""
    return requested or ("text" if sys.stdout.isatty() else "json")


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def date_arg(value: str | None, flag: str) -> str | None:
    """An ISO date from a command-line flag, or a clear error."""
    if value is None:
        return None
    parsed = normalize_date(value)
    if parsed is None:
        raise InputError(f"{flag} needs a date such as 2024-12-31, not {value!r}")
    return parsed[:10]


def threshold_arg(value: float | None, default: float) -> float:
    """A check-worthiness threshold in [0, 1]."""
    threshold = default if value is None else value
    if not 0 <= threshold <= 1:
        raise InputError("--threshold must be between 0 and 1")
    return threshold
