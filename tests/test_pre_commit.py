"""The hooks through real pre-commit: it installs dockwise from this repository into its own
environment and runs it on a temporary git repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BAD = "FROM python:3.12\nRUN pip install flask\n"
GOOD = "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\nUSER nobody\n"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    if shutil.which("pre-commit") is None:
        pytest.fail("pre-commit is a test dependency: pip install -e '.[test]'")
    home = tmp_path_factory.mktemp("pre-commit-home")
    return dict(os.environ, PRE_COMMIT_HOME=str(home), NO_COLOR="1", GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
                GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")


def repo(tmp_path: Path, files: dict[str, str], env) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, env=env)
    for name, text in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    (tmp_path / "pyproject.toml").write_text('[tool.dockwise]\nselect = ["DL3042"]\n')
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True, env=env)
    return tmp_path


def try_repo(path: Path, hook: str, env) -> subprocess.CompletedProcess:
    return subprocess.run(["pre-commit", "try-repo", str(ROOT), hook, "--all-files", "--verbose"], cwd=path,
                          capture_output=True, text=True, env=env, timeout=600)


def test_hook_definitions_match_what_dockwise_lints():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"dockwise", "dockwise-fix"}
    assert all(h["language"] == "python" for h in hooks.values())
    pattern = re.compile(hooks["dockwise"]["files"])
    for name in ["Dockerfile", "svc/Dockerfile.dev", "api.Dockerfile", "x.dockerfile", "Containerfile",
                 "Containerfile.prod", ".dockerignore", "api.Dockerfile.dockerignore", ".containerignore"]:
        assert pattern.search(name), name
    for name in ["Dockerfile.md/readme.txt", "notes.txt", "src/dockerfile_utils.py", "docker-compose.yml"]:
        assert not pattern.search(name), name


def test_check_hook_fails_on_bad_and_passes_on_clean(tmp_path, env):
    bad = repo(tmp_path / "bad", {"Dockerfile": BAD, "svc/Containerfile": BAD}, env)
    r = try_repo(bad, "dockwise", env)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "DL3042" in r.stdout and "Containerfile" in r.stdout
    good = repo(tmp_path / "good", {"Dockerfile": GOOD}, env)
    r = try_repo(good, "dockwise", env)
    assert r.returncode == 0, r.stdout + r.stderr


def test_fix_hook_rewrites_and_fails_then_passes(tmp_path, env):
    path = repo(tmp_path / "fix", {"Dockerfile": BAD}, env)
    r = try_repo(path, "dockwise-fix", env)
    assert r.returncode == 1, r.stdout + r.stderr
    assert (path / "Dockerfile").read_text() == "FROM python:3.12\nRUN pip install --no-cache-dir flask\n"
    subprocess.run(["git", "add", "-A"], cwd=path, check=True, env=env)
    assert try_repo(path, "dockwise-fix", env).returncode == 0
