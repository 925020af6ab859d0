"""Command-line conventions, run as a user runs them: ``python -m factdesk``, global options
before or after the subcommand, JSON when piped, ``config show``, shell completion, exit codes,
the language warning."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT

EXAMPLE = ROOT / "examples" / "webb-telescope.html"
GERMAN = (
    "Die Regierung hat am Montag ein neues Gesetz beschlossen. Der Minister sagte, dass die "
    "Kosten bei etwa drei Milliarden Euro liegen und die Reform im nächsten Jahr in Kraft treten "
    "soll. Die Opposition kritisierte das Vorhaben und sprach von einem Fehler, der nicht mit der "
    "Verfassung vereinbar ist. Auch die Gewerkschaften sind mit dem Plan nicht einverstanden."
)


def factdesk(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m factdesk ARGS``, without the caller's FACTDESK_* settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FACTDESK_")}
    return subprocess.run(
        [sys.executable, "-m", "factdesk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean, **(env or {})},
        check=False,
    )


def test_python_m_factdesk_and_exit_codes_in_help() -> None:
    proc = factdesk("--help")
    assert proc.returncode == 0, proc.stderr
    assert "exit codes:" in proc.stdout
    for line in ("0    ok", "2    bad input", "5    the evidence store", "6    check --fail-on"):
        assert line in proc.stdout
    assert "factdesk config show" in proc.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("--debug", "extract", "-"),
        ("extract", "-", "--debug"),
        ("-v", "extract", "-"),
        ("extract", "-", "-vv"),
    ],
)
def test_global_options_before_or_after_the_subcommand(args: tuple[str, ...]) -> None:
    proc = factdesk(*args, stdin="")  # empty input: an error, shown with its traceback in debug
    assert proc.returncode == 2
    assert ("Traceback" in proc.stderr) == ("--debug" in args)
    assert proc.stderr.strip().splitlines()[-1].startswith("factdesk: error:")


def test_quiet_silences_warnings_not_errors(tmp_path: Path) -> None:
    article = tmp_path / "de.txt"
    article.write_text(GERMAN, encoding="utf-8")
    loud = factdesk("extract", str(article))
    assert loud.returncode == 0, loud.stderr
    (warning,) = loud.stderr.strip().splitlines()  # one line
    assert warning.startswith("factdesk: warning: the article is in German")
    assert "not English" in warning
    assert json.loads(loud.stdout)["warnings"] == [warning.removeprefix("factdesk: warning: ")]
    quiet = factdesk("-q", "extract", str(article))
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert factdesk("extract", str(tmp_path / "missing.txt"), "-q").returncode == 2


def test_english_articles_get_no_language_warning() -> None:
    proc = factdesk("extract", str(EXAMPLE))
    assert proc.returncode == 0 and "not English" not in proc.stderr
    assert json.loads(proc.stdout)["warnings"] == []


def test_config_show_names_the_file_and_where_values_come_from(tmp_path: Path) -> None:
    config = tmp_path / "factdesk.toml"
    config.write_text("fetch_timeout = 3.5\n", encoding="utf-8")
    env = {"FACTDESK_CONFIG": str(config), "FACTDESK_CHECK_BUDGET_S": "60"}
    proc = factdesk("config", "show", env=env)
    assert proc.returncode == 0, proc.stderr
    shown = json.loads(proc.stdout)  # piped: JSON
    assert shown["config_file"] == str(config) and shown["config_file_exists"] is True
    settings = shown["settings"]
    assert settings["fetch_timeout"] == {"value": 3.5, "from": "file"}
    assert settings["check_budget_s"] == {"value": 60.0, "from": "environment"}
    assert settings["max_redirects"] == {"value": 10, "from": "default"}
    text = factdesk("config", "show", "--format", "text", env=env).stdout
    assert f"config file: {config}" in text and "fetch_timeout" in text
    bad = factdesk(
        "config", "show", env={"FACTDESK_CONFIG": str(config), "FACTDESK_MAX_REDIRECTS": "x"}
    )
    assert bad.returncode == 2 and "max_redirects" in bad.stderr


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completion_completes_commands_options_and_choices(tmp_path: Path) -> None:
    script = tmp_path / "factdesk.bash"
    proc = factdesk("completion", "bash")
    assert proc.returncode == 0, proc.stderr
    script.write_text(proc.stdout, encoding="utf-8")

    def complete(*words: str) -> list[str]:
        line = " ".join(f"'{w}'" for w in words)
        run = subprocess.run(
            [
                "bash",
                "-c",
                f"source {script}; COMP_WORDS=(factdesk {line}); "
                f"COMP_CWORD={len(words)}; _factdesk; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return run.stdout.split()

    assert complete("ch") == ["check"]
    assert "--fail-on" in complete("check", "x.html", "--fa")
    assert complete("--debug", "sources", "") == ["list", "show", "remove"]
    assert complete("stage", "c") == ["checkworthy", "comments"]
    zsh = factdesk("completion", "zsh").stdout
    assert zsh.startswith("#compdef factdesk") and "bashcompinit" in zsh


def test_a_bad_fail_on_value_is_a_usage_error() -> None:
    proc = factdesk("check", str(EXAMPLE), "--fail-on", "wrong")
    assert proc.returncode == 2 and "refuted" in proc.stderr
