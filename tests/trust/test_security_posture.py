"""Security posture: no network unless asked, no subprocess but opt-in ShellCheck, configuration
is data only, and writes never escape the project through a symlink."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs dockwise's CLI entry point in-process with the network and process creation booby-trapped.
GUARD = r"""
import os, socket, subprocess, sys
def _no(*a, **k):
    # os._exit: nothing inside dockwise can catch and hide the attempt
    sys.stderr.write("FORBIDDEN: " + repr(a[:2]) + "\n")
    sys.stderr.flush()
    os._exit(99)
socket.socket.connect = _no
socket.socket.connect_ex = _no
socket.create_connection = _no
socket.getaddrinfo = _no
subprocess.Popen = _no
subprocess.run = _no
os.system = _no
for name in ("execv", "execve", "execvp", "execvpe", "posix_spawn", "posix_spawnp"):
    if hasattr(os, name):
        setattr(os, name, _no)
from dockwise.cli import main
rc = 0
for argv in __import__("json").loads(sys.argv[1]):
    rc = main(argv)
sys.exit(0)
"""


def guarded(cwd: Path, *argvs: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", GUARD, json.dumps(list(argvs))], cwd=cwd, capture_output=True,
                          timeout=300, env=dict(os.environ, NO_COLOR="1"))


def project(tmp_path: Path) -> Path:
    (tmp_path / "Dockerfile").write_text("FROM python:latest\nRUN pip install flask\nRUN apt-get update\nCOPY . /app\n")
    (tmp_path / ".dockerignore").write_text("*.pyc # compiled\n")
    (tmp_path / ".env").write_text("TOKEN=x\n")
    (tmp_path / "pyproject.toml").write_text('[tool.dockwise]\nselect = ["ALL"]\npreview = true\n')
    return tmp_path


def test_every_cli_path_runs_without_network_or_subprocesses(tmp_path):
    p = project(tmp_path)
    runs = [["check", "--jobs", "1", "."], ["check", "--format", "json", "--jobs", "1", "."],
            ["check", "--format", "sarif", "--jobs", "1", "."], ["check", "--format", "github", "--jobs", "1", "."],
            ["check", "--format", "gitlab", "--jobs", "1", "."], ["check", "--format", "checkstyle", "--jobs", "1", "."],
            ["check", "--format", "junit", "--jobs", "1", "."], ["check", "--diff", "--unsafe-fixes", "--jobs", "1", "."],
            ["check", "--fix", "--unsafe-fixes", "--jobs", "1", "."], ["context", "."], ["context", "--list", "."],
            ["context", "--format", "json", "."], ["rules"], ["rule", "DL3042"]]
    r = guarded(p, *runs)
    assert r.returncode == 0, r.stderr.decode()[-3000:]


def test_pin_digests_is_the_only_cli_path_that_uses_the_network(tmp_path):
    r = guarded(project(tmp_path), ["check", "--fix", "--pin-digests", "--jobs", "1", "."])
    assert r.returncode == 99 and b"FORBIDDEN" in r.stderr


def test_shellcheck_is_the_only_subprocess_and_only_when_enabled(tmp_path):
    p = project(tmp_path)
    (p / "pyproject.toml").write_text('[tool.dockwise]\nshellcheck = true\n')
    r = guarded(p, ["check", "--jobs", "1", "Dockerfile"])
    assert r.returncode == 99 and b"FORBIDDEN" in r.stderr


def test_yaml_configuration_cannot_execute_code(tmp_path):
    marker = tmp_path / "pwned"
    (tmp_path / ".hadolint.yaml").write_text(f'ignored: !!python/object/apply:os.system ["touch {marker}"]\n')
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\n")
    r = subprocess.run([sys.executable, "-m", "dockwise", "check", "Dockerfile"], cwd=tmp_path, capture_output=True, timeout=60)
    assert r.returncode == 2 and b".hadolint.yaml" in r.stderr and b"Traceback" not in r.stderr
    assert not marker.exists()


def test_toml_configuration_is_data_only(tmp_path):
    (tmp_path / ".dockwise.toml").write_text('select = "__import__(\'os\').system(\'touch pwned\')"\n')
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\n")
    r = subprocess.run([sys.executable, "-m", "dockwise", "check", "Dockerfile"], cwd=tmp_path, capture_output=True, timeout=60)
    assert r.returncode == 2 and not (tmp_path / "pwned").exists()


def test_fix_never_writes_through_a_symlink_out_of_the_project(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "Dockerfile"
    target.write_text("FROM python:3.12\nRUN pip install flask\n")
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "Dockerfile").symlink_to(target)
    r = subprocess.run([sys.executable, "-m", "dockwise", "check", "--select", "DL3042", "--fix", "Dockerfile"],
                       cwd=proj, capture_output=True, timeout=60)
    assert b"outside" in r.stdout + r.stderr and r.returncode == 1
    assert target.read_text() == "FROM python:3.12\nRUN pip install flask\n"
    assert (proj / "Dockerfile").is_symlink()


def test_fix_writes_through_a_symlink_inside_the_project_and_keeps_the_link(tmp_path):
    (tmp_path / "real.Dockerfile").write_text("FROM python:3.12\nRUN pip install flask\n")
    (tmp_path / "Dockerfile").symlink_to(tmp_path / "real.Dockerfile")
    subprocess.run([sys.executable, "-m", "dockwise", "check", "--select", "DL3042", "--fix", "Dockerfile"],
                   cwd=tmp_path, capture_output=True, timeout=60)
    assert (tmp_path / "Dockerfile").is_symlink()
    assert "--no-cache-dir" in (tmp_path / "real.Dockerfile").read_text()


def test_context_walker_does_not_follow_symlinks_out_and_flags_dotdot_sources(tmp_path):
    secret_dir = tmp_path / "elsewhere"
    secret_dir.mkdir()
    (secret_dir / "id_rsa").write_text("PRIVATE\n")
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    (ctx / "link").symlink_to(secret_dir)
    (ctx / "Dockerfile").write_text("FROM alpine:3.20\nCOPY ../elsewhere/id_rsa /x\nCOPY . /app\n")
    r = subprocess.run([sys.executable, "-m", "dockwise", "context", "--list", "."], cwd=ctx, capture_output=True, timeout=60)
    listed = r.stdout.decode().split()
    assert "link" in listed and not any(p.startswith("link/") for p in listed)
    r = subprocess.run([sys.executable, "-m", "dockwise", "check", "--select", "DW521", "--format", "json", "Dockerfile"],
                       cwd=ctx, capture_output=True, timeout=60)
    assert [d["code"] for d in json.loads(r.stdout)] == ["DW521"]
