"""`--fix`, `--diff` and `--fix -` behave as ruff's do: the report after a fix shows what is
left, counts are right across every file a fix touched, `--diff` is one valid patch per file
that `git apply` turns into exactly what `--fix` writes, and `--fix -` is a filter."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from shared_data import corpus_dockerfiles, corpus_ignore_files
from test_cli import ROOT, dockwise

NAIVE_APP = ROOT / "examples" / "naive-python"


def naive_project(tmp_path: Path) -> Path:
    """The README's naive example, plus the `.env` a real project has and no .dockerignore."""
    project = tmp_path / "app"
    shutil.copytree(NAIVE_APP, project)
    (project / ".env").write_text("API_TOKEN=s3cret\n")
    return project


def finding_lines(text: str) -> list[str]:
    return re.findall(r"^\S+:\d+:\d+: .*$", text, flags=re.M)


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(root).parts}


# -- --fix reports only what is left -------------------------------------------------------

def test_fix_reports_only_what_is_left_with_counts_across_both_files(tmp_path):
    project = naive_project(tmp_path)
    before = json.loads(dockwise("check", "--format", "json", ".", cwd=project).stdout)
    r = dockwise("check", "--fix", "--unsafe-fixes", ".", cwd=project)
    out = r.stdout.decode()
    assert r.returncode == 1  # files changed
    assert ".env" in (project / ".dockerignore").read_text().splitlines()
    # the findings the .dockerignore fix cured are not listed as open
    assert "DW522" not in out and "DW523" not in out
    # what is reported is what a fresh check finds
    after = json.loads(dockwise("check", "--format", "json", ".", cwd=project).stdout)
    listed = finding_lines(out)
    assert len(listed) == len(after) > 0
    assert [line.split(": ", 1)[0].rsplit(":", 2)[0] for line in listed] == [Path(d["path"]).name for d in after]
    applied = int(re.search(r"Applied (\d+) fix\(es\) to 2 file\(s\): (?:\.dockerignore, Dockerfile|Dockerfile, \.dockerignore)\.",
                            out).group(1))
    assert applied == sum(1 for d in before if d["fix"] and d["fix"]["applicability"] in ("safe", "unsafe"))
    assert f"Found {len(after)} remaining problem(s) in 1 file(s)." in out
    # nothing left that --fix could do: a second run changes nothing and says so
    again = dockwise("check", "--fix", "--unsafe-fixes", ".", cwd=project).stdout.decode()
    assert "Applied" not in again and "fixable" not in again


def test_fixable_counts_after_a_safe_fix_name_only_the_unsafe_ones_left(tmp_path):
    project = naive_project(tmp_path)
    out = dockwise("check", "--fix", ".", cwd=project).stdout.decode()
    after = json.loads(dockwise("check", "--format", "json", ".", cwd=project).stdout)
    unsafe = sum(1 for d in after if d["fix"] and d["fix"]["applicability"] == "unsafe")
    assert unsafe >= 2  # the tag pin and the .dockerignore creation wait for --unsafe-fixes
    assert f"(0 fixable with --fix, {unsafe} more with --unsafe-fixes)" in out
    assert not (project / ".dockerignore").exists()


def test_diff_counts_and_shows_each_changed_file_once(tmp_path):
    project = naive_project(tmp_path)
    r = dockwise("check", "--diff", "--unsafe-fixes", ".", cwd=project)
    patch = r.stdout.decode()
    assert re.findall(r"^\+\+\+ (\S+)", patch, flags=re.M) == ["b/.dockerignore", "b/Dockerfile"]
    assert "--- /dev/null\n+++ b/.dockerignore\n" in patch and "--- a/Dockerfile\n+++ b/Dockerfile\n" in patch
    assert "2 file(s) would be changed" in r.stderr.decode()
    assert not (project / ".dockerignore").exists()


def test_a_dockerfile_fix_and_an_ignore_file_fix_on_one_dockerignore_give_one_diff(tmp_path):
    """The .dockerignore repairs its own patterns (a duplicate, `/!keep`, no final newline) and
    the Dockerfile's fixes append to it: one diff, equal to what --fix writes."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "Dockerfile").write_text("FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\n")
    (repo / ".dockerignore").write_bytes(b"node_modules\nnode_modules\n/!keep")
    (repo / ".env").write_text("TOKEN=1\n")
    (repo / "app.py").write_text("print(1)\n")
    git("init", "-q", cwd=repo)
    fixed = tmp_path / "fixed"
    shutil.copytree(repo, fixed)
    r = dockwise("check", "--diff", "--unsafe-fixes", ".", cwd=repo)
    patch = r.stdout.decode()
    assert re.findall(r"^\+\+\+ (\S+)", patch, flags=re.M) == ["b/.dockerignore"]
    assert "/tmp" not in patch and str(tmp_path) not in patch
    dockwise("check", "--fix", "--unsafe-fixes", ".", cwd=fixed)
    assert b"\n\n" not in (fixed / ".dockerignore").read_bytes()  # appended lines, no blank one
    subprocess.run(["git", "apply", "-"], cwd=repo, input=r.stdout, check=True)
    assert tree(repo) == tree(fixed)
    if shutil.which("patch"):
        undo = subprocess.run(["git", "apply", "-R", "-"], cwd=repo, input=r.stdout)
        assert undo.returncode == 0
        assert subprocess.run(["patch", "-p1", "--dry-run"], cwd=repo, input=r.stdout,
                              capture_output=True).returncode == 0


@pytest.mark.parametrize("text", [
    b"FROM python:3.12\nRUN pip install flask",                     # no final newline
    b"FROM python:3.12\r\nRUN pip install flask\r\n",               # CRLF
    b"FROM python:3.12 as build\rRUN pip install flask\r",          # CR only: one line for git
    b"\xef\xbb\xbffrom python:3.12 as build\nRUN pip install flask\x0c\n",  # BOM, a form feed
], ids=["no-final-newline", "crlf", "cr-only", "bom-formfeed"])
def test_diff_is_a_patch_git_apply_accepts_for_any_line_endings(tmp_path, text):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "Dockerfile").write_bytes(text)
    git("init", "-q", cwd=repo)
    fixed = tmp_path / "fixed"
    shutil.copytree(repo, fixed)
    r = dockwise("check", "--select", "ALL", "--diff", "--unsafe-fixes", "Dockerfile", cwd=repo)
    assert r.stdout.startswith(b"--- a/Dockerfile\n+++ b/Dockerfile\n")
    if not text.endswith(b"\n"):
        assert b"\n\\ No newline at end of file\n" in r.stdout
    dockwise("check", "--select", "ALL", "--fix", "--unsafe-fixes", "Dockerfile", cwd=fixed)
    assert (fixed / "Dockerfile").read_bytes() != text
    subprocess.run(["git", "apply", "-"], cwd=repo, input=r.stdout, check=True)
    assert (repo / "Dockerfile").read_bytes() == (fixed / "Dockerfile").read_bytes()


def test_every_corpus_diff_applies_with_git_and_equals_fix(tmp_path):
    """Each corpus file in its own folder of one repository (every third beside a `.env` and
    an `app.py`; some without a final newline, some CRLF, some CR-only), every rule on: the
    whole `--diff` applied with `git apply` gives exactly the tree `--fix` writes."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for i, src in enumerate(corpus_dockerfiles() + corpus_ignore_files()):
        folder = repo / f"f{i:04d}"
        folder.mkdir()
        data = src.read_bytes()
        if i % 5 == 1:
            data = data.rstrip(b"\n")
        elif i % 11 == 2:
            data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        elif i % 13 == 3:
            data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
        (folder / (".dockerignore" if src.name.endswith(".dockerignore") else "Dockerfile")).write_bytes(data)
        if i % 3 == 0:
            (folder / ".env").write_text("TOKEN=1\n")
            (folder / "app.py").write_text("print(1)\n")
    git("init", "-q", cwd=repo)
    fixed = tmp_path / "fixed"
    shutil.copytree(repo, fixed)
    r = dockwise("check", "--select", "ALL", "--diff", "--unsafe-fixes", ".", cwd=repo)
    assert r.returncode == 1
    headers = re.findall(r"^\+\+\+ b/(\S+)", r.stdout.decode("utf-8", "replace"), flags=re.M)
    assert len(headers) == len(set(headers)) > 100  # one diff per file, and many files fixed
    fix = dockwise("check", "--select", "ALL", "--fix", "--unsafe-fixes", ".", cwd=fixed)
    assert fix.returncode == 1
    changed = int(re.search(r"(\d+) file\(s\) would be changed", r.stderr.decode()).group(1))
    assert changed == len(headers)
    assert re.search(rf"Applied \d+ fix\(es\) to {changed} file\(s\)", fix.stdout.decode("utf-8", "replace"))
    applied = subprocess.run(["git", "apply", "-"], cwd=repo, input=r.stdout, capture_output=True)
    assert applied.returncode == 0, applied.stderr.decode()[:2000]
    assert tree(repo) == tree(fixed)
    # a second --fix has nothing left to do, and the report after the first said what is left
    again = dockwise("check", "--select", "ALL", "--diff", "--unsafe-fixes", ".", cwd=fixed)
    assert again.stdout == b"" and again.stderr.decode().startswith("0 file(s) would be changed by 0 fix(es)")
    left = re.search(r"Found (\d+) remaining problem\(s\)", fix.stdout.decode("utf-8", "replace")).group(1)
    assert f"; {left} finding(s) would remain" in again.stderr.decode()


# -- --fix - is a filter ------------------------------------------------------------------

def test_stdin_fix_prints_only_the_fixed_text_and_the_report_on_stderr():
    naive = (NAIVE_APP / "Dockerfile").read_bytes()
    r = dockwise("check", "--fix", "-", stdin=naive)
    fixed = r.stdout.decode()
    assert "--no-cache-dir" in fixed and "LABEL maintainer=" in fixed
    assert finding_lines(fixed) == [] and "Found" not in fixed and "Applied" not in fixed
    # what is on stdout is the fixed file: checking it finds what stderr listed
    assert "Dockerfile:" in r.stderr.decode() and "remaining problem(s)" in r.stderr.decode()
    again = dockwise("check", "--format", "json", "-", stdin=r.stdout)
    assert len(json.loads(again.stdout)) == len(finding_lines(r.stderr.decode()))


@pytest.mark.parametrize("data", [
    b"FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",   # nothing to fix
    b"FROM python:3.12\nLABEL a=\xff\nRUN pip install flask\n",          # not UTF-8: never fixed
], ids=["clean", "not-utf8"])
def test_stdin_fix_with_nothing_to_apply_echoes_the_input(data):
    r = dockwise("check", "--select", "DL3042", "--fix", "-", stdin=data)
    assert r.stdout == data
