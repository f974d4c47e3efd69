"""What a new user meets in the first hour: severities in the text report, unsafe fixes marked,
info findings that inform without failing, mistakes answered with exit 2 and a suggestion,
`dockwise rules` readable, `context --list` honest about an ignore file Docker rejects."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_cli import dockwise

SLIM_ON_FULL = "FROM python:3.14.7\nWORKDIR /app\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n"


def test_text_output_shows_each_severity(tmp_path):
    (tmp_path / "Dockerfile").write_text(
        "from python:3.12-slim AS Build\nMAINTAINER me\nRUN pip install --no-cache-dir flask\n"
        "RUN echo done\nUSER 10001\n")
    out = dockwise("check", "--select", "ALL", "--ignore", "DL3057,DW220", "Dockerfile", cwd=tmp_path).stdout.decode()
    assert re.search(r"^Dockerfile:2:1: DL4000 \[\*\] error: ", out, flags=re.M)
    assert re.search(r"^Dockerfile:\d+:\d+: DL3059 \[\*\] info: ", out, flags=re.M)
    assert re.search(r"^Dockerfile:1:\d+: DW410 \[\*\] style: ", out, flags=re.M)
    assert re.search(r"^Dockerfile:\d+:\d+: \w+ (\[\*\] )?warning: ", out, flags=re.M)


def test_quiet_output_marks_safe_and_unsafe_fixes(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python:latest\nRUN pip install flask\nUSER 10001\n")
    out = dockwise("check", "-q", "Dockerfile", cwd=tmp_path).stdout.decode()
    assert "Dockerfile:1:6: DL3007 [unsafe fix] warning: " in out
    assert "Dockerfile:2:5: DL3042 [*] warning: " in out
    assert "|" not in out and "Found" not in out


def test_severity_coloured_on_a_terminal_only_and_no_color_wins(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nMAINTAINER me\nUSER 10001\n")
    plain = dockwise("check", "Dockerfile", cwd=tmp_path).stdout.decode()
    assert "\x1b[" not in plain and "DL4000 [*] error: " in plain
    forced = dockwise("check", "Dockerfile", cwd=tmp_path, env={"NO_COLOR": "", "FORCE_COLOR": "1"}).stdout.decode()
    assert "\x1b[31merror\x1b[0m: " in forced
    both = dockwise("check", "Dockerfile", cwd=tmp_path, env={"NO_COLOR": "1", "FORCE_COLOR": "1"}).stdout.decode()
    assert both == plain


def test_an_info_suggestion_informs_without_failing(tmp_path):
    """A clean file with one "smaller variant exists" (info) must not block a commit."""
    (tmp_path / "Dockerfile").write_text(SLIM_ON_FULL)
    (tmp_path / "app.py").write_text("print(1)\n")
    r = dockwise("check", "Dockerfile", cwd=tmp_path)
    out = r.stdout.decode()
    assert [line.split()[1] for line in re.findall(r"^Dockerfile:\d+:\d+: .*$", out, flags=re.M)] == ["DW101"]
    assert "info: `python:3.14.7` has a smaller variant" in out
    assert r.returncode == 0
    assert "none reaches the failure threshold" in out
    # the threshold is configurable, from the command line and from the configuration
    assert dockwise("check", "--failure-threshold", "info", "Dockerfile", cwd=tmp_path).returncode == 1
    (tmp_path / ".dockwise.toml").write_text('failure-threshold = "info"\n')
    assert dockwise("check", "Dockerfile", cwd=tmp_path).returncode == 1


def test_a_warning_still_fails(tmp_path):
    (tmp_path / "Dockerfile").write_text(SLIM_ON_FULL.replace("COPY app.py .", "COPY app.py .\nRUN pip install flask"))
    (tmp_path / "app.py").write_text("print(1)\n")
    assert dockwise("check", "Dockerfile", cwd=tmp_path).returncode == 1


def test_a_missing_path_exits_2_and_the_others_are_still_checked(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nRUN pip install flask\n")
    r = dockwise("check", "Dockerfil", "Dockerfile", cwd=tmp_path)
    assert r.returncode == 2
    assert "dockwise: error: Dockerfil: no such file or directory" in r.stderr.decode()
    assert "Dockerfile:2:5: DL3042" in r.stdout.decode()
    alone = dockwise("check", "nope/Dockerfile", cwd=tmp_path)
    assert alone.returncode == 2 and b"Traceback" not in alone.stderr


@pytest.mark.parametrize("toml,expected", [
    ('ignore = "DL3007"\n', 'ignore: expected a list of strings, got the string \'DL3007\' (write ["DL3007"])'),
    ('extend-select = "DL3008"\n', "extend-select: expected a list of strings"),
    ("failure-threshold = 1\n", "failure-threshold: expected one of"),
    ('severity = { DL3059 = 2 }\n', "severity.DL3059: expected one of"),
    ('ignroe = ["DL3007"]\n', "ignroe: unknown key; did you mean 'ignore'?"),
    ('failure-threshold = "warnig"\n', "did you mean 'warning'?"),
    ('ignore = ["DL3O07"]\n', "unknown rule or prefix 'DL3O07'; did you mean 'DL3007'?"),
    ('ignore = ["FromAsCasng"]\n', "did you mean 'FromAsCasing'?"),
])
def test_config_mistakes_exit_2_naming_file_key_and_the_likely_intent(tmp_path, toml, expected):
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\n")
    (tmp_path / ".dockwise.toml").write_text(toml)
    r = dockwise("check", "Dockerfile", cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 2 and b"Traceback" not in r.stderr
    assert str(tmp_path / ".dockwise.toml") in err and expected in err, err


@pytest.mark.parametrize("argv,expected", [
    (["check", "--format", "jsn", "."], "unknown format 'jsn'; did you mean 'json'?"),
    (["check", "--select", "DL3O07", "."], "did you mean 'DL3007'?"),
    (["check", "--ignore", "pip-install-without-no-cache-dri", "."], "did you mean 'pip-install-without-no-cache-dir'?"),
    (["check", "--failure-threshold", "eror", "."], "did you mean 'error'?"),
    (["rule", "base-image-end-of-lif"], "did you mean 'base-image-end-of-life'?"),
])
def test_command_line_mistakes_suggest_the_nearest_name(tmp_path, argv, expected):
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\n")
    r = dockwise(*argv, cwd=tmp_path)
    assert r.returncode == 2 and expected in r.stderr.decode(), r.stderr.decode()


def test_no_suggestion_for_a_name_far_from_every_known_one(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\n")
    err = dockwise("check", "--format", "xml", ".", cwd=tmp_path).stderr.decode()
    assert "unknown format 'xml'" in err and "did you mean" not in err


def test_unknown_hadolint_keys_are_a_warning(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python:latest\nUSER 10001\n")
    (tmp_path / ".hadolint.yaml").write_text("ignore:\n  - DL3007\nno-fail: true\nfailure-threshold: error\n")
    r = dockwise("check", "Dockerfile", cwd=tmp_path)
    err = r.stderr.decode()
    assert f"warning: {tmp_path / '.hadolint.yaml'}: ignore: unknown key, ignored; did you mean 'ignored'?" in err
    assert "no-fail: not used by dockwise (use --exit-zero)" in err
    assert err.count("unknown key") == 1
    assert "DL3007" in r.stdout.decode()  # `ignore` (not `ignored`) did not silence it
    assert r.returncode == 0  # the keys it knows still apply: failure-threshold error


def test_rules_lists_a_header_and_one_summary_line_per_rule():
    out = dockwise("rules").stdout.decode().splitlines()
    assert out[0].split() == ["CODE", "SEVERITY", "FIX", "DEFAULT", "NAME", "SUMMARY"]
    rows = {line.split()[0]: line for line in out[1:-1]}
    assert re.match(r"DL3042\s+warning\s+always\s+on\s+pip-install-without-no-cache-dir\s+`pip install` keeps", rows["DL3042"])
    assert len(rows) == int(out[-1].split()[0]) > 100
    assert all(len(line.split(None, 5)) == 6 for line in out[1:-1])


def test_context_list_exits_2_when_docker_rejects_the_ignore_file(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM scratch\nCOPY . /\n")
    (tmp_path / "x").write_text("x\n")
    (tmp_path / ".dockerignore").write_text("a\n[z-a]\n")
    r = dockwise("context", "--list", str(tmp_path))
    assert r.returncode == 2 and r.stdout == b""
    assert "[z-a]" in r.stderr.decode() or "z-a" in r.stderr.decode()
    assert "fails" in r.stderr.decode() and b"Traceback" not in r.stderr
    (tmp_path / ".dockerignore").write_text("a\n")
    ok = dockwise("context", "--list", str(tmp_path))
    assert ok.returncode == 0 and ok.stdout.decode().split() == [".dockerignore", "Dockerfile", "x"]


def test_version_is_single_sourced_and_follows_the_tag_scheme():
    """pyproject.toml takes the version from `dockwise.__version__`; a release is tagged
    `v<version>` (docs/releasing.md), so `dockwise --version` names the tag it was built from."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    import dockwise as package
    root = Path(__file__).resolve().parents[1]
    pyproject = tomllib.loads((root / "pyproject.toml").read_text())
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "dockwise.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+((a|b|rc)\d+)?", package.__version__)
    assert dockwise("--version").stdout.decode().strip() == f"dockwise {package.__version__}"
