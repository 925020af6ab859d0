"""``factdesk config show``: every setting, its value and where the value came from."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from rich.console import Console
from rich.table import Table

from factdesk.cli.common import global_options, output_format, print_json
from factdesk.config import config_path, env_settings, file_settings, load_config, settings_help
from factdesk.evidence.base import display, store_location


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "config",
        parents=[global_options(suppress=True)],
        help="show the settings and the config file's path",
        description="factdesk config show: each setting's value and where it came from "
        "(default, the config file, or a FACTDESK_<NAME> environment variable), the config "
        "file's path ($FACTDESK_CONFIG or the user config folder) and the evidence store's.",
    )
    p.add_argument("action", choices=("show",))
    p.add_argument("--format", choices=("text", "json"), help="text in a terminal, json otherwise")
    p.set_defaults(handler=cmd_config)


def cmd_config(args: argparse.Namespace) -> int:
    path = config_path()
    config = load_config()
    from_file, from_env = file_settings(path), env_settings()
    values = asdict(config)
    values["db"] = display(values["db"]) if values["db"] else ""  # no password shown
    origin = {
        name: "environment" if name in from_env else "file" if name in from_file else "default"
        for name in values
    }
    store = display(store_location(config))
    if output_format(args.format) == "json":
        print_json(
            {
                "config_file": str(path),
                "config_file_exists": path.is_file(),
                "store": store,
                "settings": {
                    name: {"value": values[name], "from": origin[name]} for name in values
                },
            }
        )
        return 0
    console = Console()
    exists = "" if path.is_file() else " (not there: defaults and environment only)"
    print(f"config file: {path}{exists}\nevidence store: {store}")
    table = Table("setting", "value", "from", "meaning")
    for name, _default, help_text in settings_help():
        table.add_row(name, repr(values[name]), origin[name], help_text)
    console.print(table)
    return 0
