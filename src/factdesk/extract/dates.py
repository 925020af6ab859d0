"""Turning the many ways pages write dates into ISO 8601."""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateparser

_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_EPOCH_RE = re.compile(r"^\d{9,13}$")
_NOISE_RE = re.compile(
    r"^(published|posted|updated|last updated|modified|on|date|at)\s*:?\s*", re.IGNORECASE
)
_MIN_YEAR, _MAX_YEAR = 1990, 2100
_HOUR = 3600
# Time-zone abbreviations that news pages print; dateutil knows none of them by itself.
TZ_ABBREVIATIONS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -5 * _HOUR,
    "EDT": -4 * _HOUR,
    "CST": -6 * _HOUR,
    "CDT": -5 * _HOUR,
    "MST": -7 * _HOUR,
    "MDT": -6 * _HOUR,
    "PST": -8 * _HOUR,
    "PDT": -7 * _HOUR,
    "BST": 1 * _HOUR,
    "CET": 1 * _HOUR,
    "CEST": 2 * _HOUR,
    "EET": 2 * _HOUR,
    "EEST": 3 * _HOUR,
    "IST": 19800,
    "JST": 9 * _HOUR,
    "AEST": 10 * _HOUR,
    "AEDT": 11 * _HOUR,
}


def _plausible(value: date) -> bool:
    return _MIN_YEAR <= value.year <= _MAX_YEAR


def _format(value: datetime, *, has_time: bool) -> str:
    return value.replace(microsecond=0).isoformat() if has_time else value.date().isoformat()


def normalize_date(raw: str | None) -> str | None:
    """Return ``raw`` as an ISO 8601 date or datetime, or ``None`` if it is not a date.

    Keeps the time and offset when the source gives them ("2024-12-05T10:00:00-05:00"),
    otherwise gives a plain date ("2024-12-05"). Years outside 1990-2100 are rejected.

    >>> normalize_date("December 5, 2024")
    '2024-12-05'
    """
    if not raw:
        return None
    text = " ".join(raw.split())
    text = _NOISE_RE.sub("", text).strip()
    if not text or len(text) > 80:
        return None
    if _EPOCH_RE.match(text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        try:
            stamp = datetime.fromtimestamp(seconds).astimezone()
        except (OverflowError, OSError, ValueError):
            return None
        return _format(stamp, has_time=True) if _plausible(stamp) else None
    if _ISO_RE.match(text):
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            parsed = None
        if parsed is not None:
            has_time = len(text) > 10
            return _format(parsed, has_time=has_time) if _plausible(parsed) else None
    if not re.search(r"\d", text):
        return None
    text = re.sub(r"\s+[-–|@]\s+|\s+at\s+", " ", text)
    try:
        default = datetime(2000, 1, 1)
        parsed = dateparser.parse(text, default=default, fuzzy=False, tzinfos=TZ_ABBREVIATIONS)
    except (ValueError, OverflowError, TypeError):
        return None
    if not re.search(r"(19|20)\d\d", text) and not _ISO_RE.match(text):
        # "5 December" with no year: cannot be placed in time.
        return None
    has_time = bool(re.search(r"\d{1,2}:\d{2}", text))
    return _format(parsed, has_time=has_time) if _plausible(parsed) else None
