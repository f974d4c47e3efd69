"""The command line, run as a subprocess exactly as users run it."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def dockwise(*args, cwd=None, stdin=None, env=None):
    e = dict(os.environ, NO_COLOR="1")
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "dockwise", *args], cwd=cwd, input=stdin, capture_output=True,
                          env=e, timeout=60)


NAIVE = b"FROM python:3.12\nRUN pip install flask\n"


def test_findings_exit_1_with_location_and_frame(tmp_path):
    (tmp_path / "Dockerfile").write_bytes(NAIVE)
    r = dockwise("check", "--select", "DL3042", str(tmp_path))
    assert r.returncode == 1
    out = r.stdout.decode()
    assert f"{tmp_path / 'Dockerfile'}:2:5: DL3042" in out
    assert "^^^" in out and "fix: Add `--no-cache-dir`" in out
    assert "Found 1 problem" in out


def test_clean_file_exit_0(tmp_path):
    (tmp_path / "Dockerfile").write_bytes(b"FROM python:3.12\nRUN pip install --no-cache-dir flask\n")
    r = dockwise("check", "--select", "DL3042", str(tmp_path / "Dockerfile"))
    assert r.returncode == 0, r.stdout
    assert "All checks passed" in r.stdout.decode()


def test_fix_writes_atomically_keeping_crlf_bom_and_mode(tmp_path):
    f = tmp_path / "Dockerfile"
    f.write_bytes(b"\xef\xbb\xbfFROM python:3.12\r\nRUN pip install flask\r\n")
    os.chmod(f, 0o640)
    r = dockwise("check", "--select", "DL3042", "--fix", str(f))
    assert r.returncode == 1  # files changed
    assert f.read_bytes() == b"\xef\xbb\xbfFROM python:3.12\r\nRUN pip install --no-cache-dir flask\r\n"
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".dockwise-")]
    r = dockwise("check", "--select", "DL3042", "--fix", str(f))
    assert r.returncode == 0


def test_fix_keeps_missing_final_newline(tmp_path):
    f = tmp_path / "Dockerfile"
    f.write_bytes(b"FROM python:3.12\nRUN pip install flask")
    dockwise("check", "--select", "DL3042", "--fix", str(f))
    assert f.read_bytes() == b"FROM python:3.12\nRUN pip install --no-cache-dir flask"


def test_diff_prints_and_writes_nothing(tmp_path):
    f = tmp_path / "Dockerfile"
    f.write_bytes(NAIVE)
    r = dockwise("check", "--select", "DL3042", "--diff", str(f))
    assert r.returncode == 1
    assert "+RUN pip install --no-cache-dir flask" in r.stdout.decode()
    assert f.read_bytes() == NAIVE


def test_stdin_with_filename():
    r = dockwise("check", "--select", "DL3042", "--stdin-filename", "sub/Dockerfile", "-", stdin=NAIVE)
    assert r.returncode == 1
    assert "sub/Dockerfile:2:5: DL3042" in r.stdout.decode()


def test_stdin_fix_prints_fixed_text():
    r = dockwise("check", "--select", "DL3042", "--fix", "-", stdin=NAIVE)
    assert r.stdout.decode().startswith("FROM python:3.12\nRUN pip install --no-cache-dir flask\n")


def test_json_format(tmp_path):
    (tmp_path / "Dockerfile").write_bytes(NAIVE)
    r = dockwise("check", "--select", "DL3042", "--format", "json", str(tmp_path))
    data = json.loads(r.stdout)
    assert data[0]["code"] == "DL3042" and data[0]["line"] == 2 and data[0]["column"] == 5
    assert data[0]["fix"]["applicability"] == "safe"


@pytest.mark.parametrize("content,expected", [
    (None, "no such file"),
    (b"FROM a\x00\x01\x02", "binary"),
])
def test_bad_files_get_one_line_and_no_traceback(tmp_path, content, expected):
    f = tmp_path / "Dockerfile"
    if content is not None:
        f.write_bytes(content)
    r = dockwise("check", str(f))
    err = (r.stdout + r.stderr).decode()
    assert expected in err and "Traceback" not in err
    assert r.returncode == (2 if content is None else 1)  # a missing path is a usage error


def test_directory_passed_as_file_and_empty_directory(tmp_path):
    r = dockwise("check", str(tmp_path))
    assert r.returncode == 2 and "no Dockerfiles" in r.stderr.decode() and b"Traceback" not in r.stderr


def test_non_utf8_is_reported_and_never_rewritten(tmp_path):
    f = tmp_path / "Dockerfile"
    data = b"FROM python:3.12\nLABEL a=\xff\xfe\nRUN pip install flask\n"
    f.write_bytes(data)
    r = dockwise("check", "--select", "DW400,DL3042", "--fix", str(f))
    assert "not valid UTF-8" in r.stdout.decode()
    assert f.read_bytes() == data


def test_bad_config_exit_2_names_file_and_key(tmp_path):
    (tmp_path / ".dockwise.toml").write_text('select = ["NOPE999"]\n')
    (tmp_path / "Dockerfile").write_bytes(NAIVE)
    r = dockwise("check", str(tmp_path / "Dockerfile"))
    assert r.returncode == 2
    err = r.stderr.decode()
    assert ".dockwise.toml" in err and "select" in err and "Traceback" not in err


def test_pyproject_config_is_honoured(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.dockwise]\nselect = ["DL3042"]\nignore = ["DL3042"]\n')
    (tmp_path / "Dockerfile").write_bytes(NAIVE)
    assert dockwise("check", str(tmp_path / "Dockerfile")).returncode == 0


def test_hadolint_yaml_is_honoured(tmp_path):
    (tmp_path / ".hadolint.yaml").write_text("ignored:\n  - DL3042\n  - SC2086\n")
    (tmp_path / "Dockerfile").write_bytes(NAIVE)
    r = dockwise("check", "--format", "json", str(tmp_path / "Dockerfile"))
    assert "DL3042" not in {d["code"] for d in json.loads(r.stdout)}


def test_exit_zero_and_failure_threshold(tmp_path):
    (tmp_path / "Dockerfile").write_bytes(NAIVE)
    assert dockwise("check", "--select", "DL3042", "--exit-zero", str(tmp_path)).returncode == 0
    assert dockwise("check", "--select", "DL3042", "--failure-threshold", "error", str(tmp_path)).returncode == 0


def test_unknown_selector_is_a_usage_error(tmp_path):
    (tmp_path / "Dockerfile").write_bytes(NAIVE)
    r = dockwise("check", "--select", "BOGUS1", str(tmp_path))
    assert r.returncode == 2 and "BOGUS1" in r.stderr.decode()


def test_discovery_skips_vcs_dependencies_and_venvs(tmp_path):
    for rel in ["Dockerfile", "svc/Containerfile", "svc/api.Dockerfile", "Dockerfile.dev", "Dockerfile-gpu", "docs/Dockerfile.md",
                ".git/Dockerfile", "node_modules/x/Dockerfile", "venv/lib/Dockerfile"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(NAIVE)
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr\n")
    r = dockwise("check", "--select", "DL3042", "--format", "json", str(tmp_path))
    paths = {Path(d["path"]).relative_to(tmp_path).as_posix() for d in json.loads(r.stdout)}
    assert paths == {"Dockerfile", "svc/Containerfile", "svc/api.Dockerfile", "Dockerfile.dev", "Dockerfile-gpu"}


def test_rule_and_rules_commands():
    r = dockwise("rule", "DL3042")
    assert r.returncode == 0 and "## What it does" in r.stdout.decode()
    r = dockwise("rules")
    assert "DL3042" in r.stdout.decode()
    assert dockwise("rule", "NOPE").returncode == 2


def test_statistics(tmp_path):
    (tmp_path / "Dockerfile").write_bytes(NAIVE)
    r = dockwise("check", "--select", "DL3042", "--statistics", str(tmp_path))
    assert "DL3042" in r.stdout.decode().splitlines()[-2] or "    1  DL3042" in r.stdout.decode()


def test_colour_only_when_forced_and_no_color_wins(tmp_path):
    (tmp_path / "Dockerfile").write_bytes(NAIVE)
    assert b"\x1b[" not in dockwise("check", str(tmp_path)).stdout
    assert b"\x1b[" in dockwise("check", str(tmp_path), env={"NO_COLOR": "", "FORCE_COLOR": "1"}).stdout


def test_parallel_output_order_equals_serial(tmp_path):
    for k in range(70):
        d = tmp_path / f"svc{k:02d}"
        d.mkdir()
        (d / "Dockerfile").write_bytes(NAIVE if k % 3 else b"FROM python:3.12\nRUN echo ok\n")
    serial = dockwise("check", "--select", "DL3042", "--jobs", "1", str(tmp_path))
    parallel = dockwise("check", "--select", "DL3042", "--jobs", "2", str(tmp_path))
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout


def test_fix_adds_patterns_to_the_dockerignore_it_creates(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nCOPY . /app\n")
    (tmp_path / ".env").write_text("SECRET=1\n")
    (tmp_path / "app.py").write_text("print(1)\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    r = dockwise("check", "--select", "DW522,DW523", "--diff", "--unsafe-fixes", "Dockerfile", cwd=tmp_path)
    assert "+.env" in r.stdout.decode() and not (tmp_path / ".dockerignore").exists()
    r = dockwise("check", "--select", "DW522,DW523", "--fix", "--unsafe-fixes", "Dockerfile", cwd=tmp_path)
    ignore = (tmp_path / ".dockerignore").read_text()
    assert ".env" in ignore.splitlines() and ".git" in ignore
    assert (tmp_path / "Dockerfile").read_text() == "FROM python:3.12-slim\nCOPY . /app\n"
    r = dockwise("check", "--select", "DW522,DW523", "Dockerfile", cwd=tmp_path)
    assert r.returncode == 0, r.stdout


def test_fix_appends_to_an_existing_dockerignore_keeping_its_content(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nCOPY . /app\n")
    (tmp_path / ".dockerignore").write_bytes(b"# mine\r\nnode_modules\r\n")
    (tmp_path / ".env").write_text("SECRET=1\n")
    dockwise("check", "--select", "DW523", "--fix", "--unsafe-fixes", "Dockerfile", cwd=tmp_path)
    data = (tmp_path / ".dockerignore").read_bytes()
    assert data.startswith(b"# mine\r\nnode_modules\r\n") and b".env\r\n" in data


def test_checking_an_ignore_file_rechecks_its_dockerfiles(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nCOPY app.py /app/\n")
    (tmp_path / "app.py").write_text("print(1)\n")
    (tmp_path / ".dockerignore").write_text("*.py\n")
    r = dockwise("check", "--select", "DW520", "--format", "json", ".dockerignore", cwd=tmp_path)
    found = json.loads(r.stdout)
    assert [(Path(d["path"]).name, d["code"]) for d in found] == [("Dockerfile", "DW520")]


def test_a_fix_that_does_not_cure_its_finding_is_applied_once_at_most(tmp_path):
    """Appending after a trailing shell comment would be swallowed by the comment: no fix is
    offered, and the fixer would not repeat a fix whose finding comes back anyway."""
    text = b"FROM opensuse/leap:15.6\nRUN zypper install -y curl # note\nRUN npm ci # x\n"
    (tmp_path / "Dockerfile").write_bytes(text)
    r = dockwise("check", "--select", "DL3036,DW110", "--fix", "Dockerfile", cwd=tmp_path)
    assert (tmp_path / "Dockerfile").read_bytes() == text and r.returncode == 1


def test_fixer_never_applies_the_same_fix_twice_on_one_line():
    from dockwise.config import Config
    from dockwise.engine.diagnostic import Applicability, Category, Edit, FixAvailability, Severity
    from dockwise.engine.fixer import fix_text
    from dockwise.engine.rule import Rule
    from dockwise.engine import check as engine_check

    class Stubborn(Rule):
        """A rule whose fix never cures it (what the fixer must survive)."""
        code, name, category, severity = "DW999", "stubborn", Category.SIZE, Severity.INFO
        fix_availability = FixAvailability.ALWAYS

        def check(self, ctx):
            yield self.report(0, 4, "always", fix=self.make_fix([Edit.insert(len(ctx.text), "#")], Applicability.SAFE, title="t"))

    original = engine_check.enabled_rules
    engine_check.enabled_rules = lambda *a, **k: [Stubborn()]
    try:
        out = fix_text("FROM a\n", "Dockerfile", Config())
    finally:
        engine_check.enabled_rules = original
    assert out.text == "FROM a\n#" and out.skipped


def test_a_run_over_many_files_walks_no_garbage(capsys):
    """What each file leaves is frozen, not collected: a model is freed by reference counting,
    and collections after each file (or set off by allocation counts) only walked live objects."""
    import gc
    from shared_data import corpus_dockerfiles

    from dockwise import cli
    files = [str(p) for p in corpus_dockerfiles()[:80]]
    started: list[int] = []

    def watch(phase, info):
        if phase == "start":
            started.append(info["generation"])

    args = ["check", "--jobs", "1", "--exit-zero", "--quiet", *files]
    cli.main(args)  # once first: what a first run imports is not at stake here
    gc.collect()
    gc.callbacks.append(watch)
    try:
        assert cli.main(args) == 0
    finally:
        gc.callbacks.remove(watch)
        gc.unfreeze()
    assert started == []
