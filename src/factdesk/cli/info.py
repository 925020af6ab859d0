"""``factdesk schema``: the report's JSON Schema; ``factdesk doctor``: is this install able to
check articles, and what is missing."""

from __future__ import annotations

import argparse
import sys

from factdesk.cli.common import global_options


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "schema",
        parents=[global_options(suppress=True)],
        help="print the JSON Schema of the report (check --format json, the web API)",
        description="factdesk schema: the JSON Schema (draft 2020-12) that every JSON report "
        "satisfies, as shipped in this package; save it with `factdesk schema > report.schema.json`.",
    )
    p.set_defaults(handler=cmd_schema)


def cmd_schema(args: argparse.Namespace) -> int:
    from factdesk.report.schema import report_schema_text

    sys.stdout.write(report_schema_text())
    return 0
