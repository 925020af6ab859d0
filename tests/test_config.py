from __future__ import annotations

from pathlib import Path

import pytest

from factdesk.config import load_config, settings_help
from factdesk.errors import ConfigError


def test_precedence_defaults_file_env_explicit(tmp_path: Path) -> None:
    cfg_file = tmp_path / "config.toml"
    cfg_file.write_text("fetch_timeout = 5\nmax_redirects = 3\n")
    cfg = load_config(path=cfg_file, environ={})
    assert (cfg.fetch_timeout, cfg.max_redirects, cfg.max_input_bytes) == (5.0, 3, 50_000_000)
    cfg = load_config(path=cfg_file, environ={"FACTDESK_FETCH_TIMEOUT": "7.5"})
    assert cfg.fetch_timeout == 7.5
    cfg = load_config(
        {"fetch_timeout": 1.0, "max_redirects": None},
        path=cfg_file,
        environ={"FACTDESK_FETCH_TIMEOUT": "7.5"},
    )
    assert (cfg.fetch_timeout, cfg.max_redirects) == (1.0, 3)


@pytest.mark.parametrize(
    ("content", "env", "message"),
    [
        ("fetch_timeout = [", {}, "not valid TOML"),
        ("colour = 'blue'", {}, "unknown setting"),
        ("", {"FACTDESK_MAX_REDIRECTS": "many"}, "must be a int"),
        ("", {"FACTDESK_FETCH_TIMEOUT": "-1"}, "must be positive"),
        ("check_budget_s = 0", {}, "must be positive"),
        ("", {"FACTDESK_CHECK_BUDGET_MB": "-100"}, "must be positive"),
        ("", {"FACTDESK_REQUEST_TIMEOUT": "0"}, "must be positive"),
    ],
)
def test_bad_settings(tmp_path: Path, content: str, env: dict[str, str], message: str) -> None:
    cfg_file = tmp_path / "config.toml"
    cfg_file.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_config(path=cfg_file, environ=env)


def test_every_setting_has_help() -> None:
    assert all(help_text for _, _, help_text in settings_help())
