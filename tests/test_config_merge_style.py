"""`merge-style`: how the fixes that merge RUNs write them ("and": `&& \\` chains, the default;
"heredoc": one `RUN <<EOF` script), from the configuration files and the editor's settings."""

from __future__ import annotations

import pytest

from dockwise.config import ConfigError, Config, find_config, from_mapping
from dockwise.lsp.settings import Settings, parse_settings
from test_cli import dockwise

COMPOSE_APP = ("FROM python:3.12-slim\n"
               "WORKDIR /app\n"
               "RUN apt-get update\n"
               "RUN apt-get install -y --no-install-recommends libpq5\n"
               "COPY . .\n")


def test_the_default_is_and():
    assert from_mapping({}, "pyproject.toml").settings.merge_style == "and"


@pytest.mark.parametrize("name,text", [
    ("pyproject.toml", '[tool.dockwise]\nmerge-style = "heredoc"\n'),
    (".dockwise.toml", 'merge-style = "heredoc"\n'),
])
def test_read_from_pyproject_and_dockwise_toml(tmp_path, name, text):
    (tmp_path / name).write_text(text)
    (tmp_path / "Dockerfile").write_text(COMPOSE_APP)
    assert find_config(tmp_path / "Dockerfile").settings.merge_style == "heredoc"


@pytest.mark.parametrize("value,expected", [
    ("Heredoc", "expected \"and\" or \"heredoc\", got 'Heredoc'; did you mean 'heredoc'?"),
    ("&&", "expected \"and\" or \"heredoc\", got '&&'"),
    (True, "expected \"and\" or \"heredoc\", got True"),
])
def test_a_bad_value_names_the_key_and_the_choices(value, expected):
    with pytest.raises(ConfigError) as e:
        from_mapping({"merge-style": value}, ".dockwise.toml")
    assert str(e.value) == f".dockwise.toml: merge-style: {expected}"


def test_cli_fix_writes_a_heredoc_and_a_bad_value_exits_2_in_one_line(tmp_path):
    (tmp_path / "Dockerfile").write_text(COMPOSE_APP)
    (tmp_path / ".dockwise.toml").write_text('merge-style = "heredoc"\nselect = ["DL3059"]\n')
    r = dockwise("check", "--fix", "Dockerfile", cwd=tmp_path)
    assert r.returncode == 1 and b"Applied 1 fix(es) to 1 file(s)" in r.stdout, r.stderr.decode()  # 1: files changed
    assert (tmp_path / "Dockerfile").read_text() == (
        "FROM python:3.12-slim\n"
        "WORKDIR /app\n"
        "RUN <<EOF\n"
        "set -e\n"
        "apt-get update\n"
        "apt-get install -y --no-install-recommends libpq5\n"
        "EOF\n"
        "COPY . .\n")
    (tmp_path / ".dockwise.toml").write_text('merge-style = "heredocs"\n')
    r = dockwise("check", "Dockerfile", cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 2 and b"Traceback" not in r.stderr
    assert err.splitlines() == [
        f"dockwise: error: {tmp_path / '.dockwise.toml'}: merge-style: expected \"and\" or \"heredoc\","
        " got 'heredocs'; did you mean 'heredoc'?"], err


def test_editor_setting_overrides_the_file_and_a_bad_one_is_a_warning():
    cfg = from_mapping({"merge-style": "and"}, "pyproject.toml")
    settings, problems = parse_settings({"mergeStyle": "heredoc"})
    assert problems == [] and settings.apply(cfg).settings.merge_style == "heredoc"
    # with `target` too, both apply
    both, _ = parse_settings({"mergeStyle": "heredoc", "target": "runtime"})
    applied = both.apply(cfg).settings
    assert (applied.merge_style, applied.target) == ("heredoc", "runtime")
    kept, problems = parse_settings({"mergeStyle": "chain"}, settings)
    assert kept.merge_style == "heredoc"
    assert problems == ["dockwise.mergeStyle: expected \"and\" or \"heredoc\", got 'chain'"]
    # unset in the editor: the configuration file decides
    assert Settings().apply(from_mapping({"merge-style": "heredoc"}, "x.toml")).settings.merge_style == "heredoc"
    assert Settings().apply(Config()).settings.merge_style == "and"
