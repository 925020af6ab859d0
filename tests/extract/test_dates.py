from __future__ import annotations

import pytest

from factdesk.extract.dates import normalize_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-12-05", "2024-12-05"),
        ("2024-12-05T10:00:00-05:00", "2024-12-05T10:00:00-05:00"),
        ("2019-11-19T13:03:00Z", "2019-11-19T13:03:00+00:00"),
        ("December 5, 2024", "2024-12-05"),
        ("Published: June 3, 2024", "2024-06-03"),
        ("Tue, 05/18/2021 - 19:22", "2021-05-18T19:22:00"),
        ("March 14, 2025 at 11:02 am", "2025-03-14T11:02:00"),
        ("Thursday, September 15, 2022 6:12 AM", "2022-09-15T06:12:00"),
    ],
)
def test_dates_become_iso(raw: str, expected: str) -> None:
    assert normalize_date(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", None, "yesterday", "2 days ago", "5 December", "1850-01-01", "hello 42"]
)
def test_non_dates_and_unplaceable_dates_are_none(raw: str | None) -> None:
    assert normalize_date(raw) is None


def test_timezone_abbreviations_become_offsets() -> None:
    assert normalize_date("Nov 19, 2019 10:00 AM EST") == "2019-11-19T10:00:00-05:00"
    assert normalize_date("5 March 2020 14:30 IST") == "2020-03-05T14:30:00+05:30"
