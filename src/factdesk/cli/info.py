"""``factdesk schema``: the report's JSON Schema; ``factdesk doctor``: is this install able to
check articles, and what is missing."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from factdesk.cli.common import (
    EXIT_MODEL,
    EXIT_OK,
    EXIT_STORE,
    config_from,
    global_options,
    output_format,
    print_json,
    store_options,
)

if TYPE_CHECKING:
    from factdesk.doctor import Diagnosis


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "schema",
        parents=[global_options(suppress=True)],
        help="print the JSON Schema of the report (check --format json, the web API)",
        description="factdesk schema: the JSON Schema (draft 2020-12) that every JSON report "
        "satisfies, as shipped in this package; save it with `factdesk schema > report.schema.json`.",
    )
    p.set_defaults(handler=cmd_schema)
    register_doctor(sub)


def cmd_schema(args: argparse.Namespace) -> int:
    from factdesk.report.schema import report_schema_text

    sys.stdout.write(report_schema_text())
    return 0


def register_doctor(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "doctor",
        parents=[global_options(suppress=True), store_options()],
        help="say whether this install can check articles, and what is missing",
        description="factdesk doctor: versions, every model file against factdesk's manifest "
        "(name, package, sha256), the evidence store (kind, size, the parser of its stored "
        "parses) and the optional parts (PostgreSQL, Dask, Piper, espeak-ng, chromium). "
        "Exit status 0 when `factdesk check` can run, 7 when a model does not match, 5 when "
        "the store cannot be used.",
    )
    p.add_argument("--format", choices=("text", "json"), help="text in a terminal, json otherwise")
    p.set_defaults(handler=cmd_doctor)


def cmd_doctor(args: argparse.Namespace) -> int:
    from factdesk.doctor import diagnose

    diagnosis = diagnose(config_from(args))
    if output_format(args.format) == "json":
        print_json(diagnosis.to_dict())
    else:
        _print_diagnosis(diagnosis)
    if diagnosis.ready:
        return EXIT_OK
    failed = [p for p in diagnosis.parts if p.required and not p.ok]
    return EXIT_MODEL if any(p.name.startswith("model ") for p in failed) else EXIT_STORE


def _print_diagnosis(diagnosis: Diagnosis) -> None:
    versions = ", ".join(f"{k} {v}" for k, v in diagnosis.versions.items() if v)
    print(f"versions: {versions}")
    print("models:")
    for m in diagnosis.models:
        state = "ok" if m["ok"] else "NOT OK"
        print(
            f"  {state:6} {m['name']} ({m['package']} {m['version']}, {m['licence']}) sha256 {m['sha256']}"
        )
        if m["problem"]:
            print(f"         {m['problem']}")
    print("parts:")
    for part in diagnosis.parts:
        if part.name.startswith("model "):
            continue  # listed above
        state = "ok" if part.ok else ("MISSING" if part.required else "absent")
        print(f"  {state:7} {part.name}: {part.detail}")
    if diagnosis.ready:
        print("ready: factdesk check can run")
    else:
        print("NOT READY: " + "; ".join(diagnosis.missing()))
