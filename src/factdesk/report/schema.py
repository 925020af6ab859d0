"""The JSON Schema of the report (``factdesk check --format json``, the web API's reports),
shipped inside the package: ``factdesk schema`` prints it."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

SCHEMA_FILE = "report.schema.json"


def report_schema_text() -> str:
    """The schema as the file holds it."""
    return (files("factdesk.report") / SCHEMA_FILE).read_text(encoding="utf-8")


@cache
def report_schema() -> dict[str, Any]:
    """The schema, parsed."""
    schema: dict[str, Any] = json.loads(report_schema_text())
    return schema
