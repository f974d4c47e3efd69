"""Adversarial files and mistakes, each a one-line answer and never a traceback: special files,
writes that would leave the project, broken configurations and report destinations."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dockwise.files import FileProblem, read_regular, refused_walk_root, write_atomic

NAIVE = "FROM python:3.12-slim\nRUN apt-get update\nRUN apt-get install -y curl\nCMD [\"python\", \"app.py\"]\n"
LIMIT_S = 120


def dockwise(*args, cwd, stdin=subprocess.DEVNULL, **kw):
    return subprocess.run([sys.executable, "-m", "dockwise", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=LIMIT_S, stdin=stdin, env=dict(os.environ, NO_COLOR="1"), **kw)


def one_line_error(r, *words) -> str:
    """The run failed with exit 2 and one stderr line holding every word, no traceback."""
    assert r.returncode == 2, (r.returncode, r.stdout[-500:], r.stderr[-2000:])
    assert "Traceback" not in r.stderr, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, r.stderr
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


# -- only regular files are read ----------------------------------------------------------

def test_a_fifo_named_dockerfile_is_skipped_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "Dockerfile")
    (tmp_path / "api.Dockerfile").write_text(NAIVE)
    for args in (["check", "Dockerfile"], ["check", "."]):
        r = dockwise(*args, cwd=tmp_path)
        assert "Traceback" not in r.stderr
        assert "Dockerfile: skipped: a FIFO, not a regular file" in r.stdout, r.stdout
    assert "api.Dockerfile:3:1: DL3059" in r.stdout  # the other files are still checked


def test_a_link_to_a_device_is_skipped_without_reading_it(tmp_path):
    (tmp_path / "Dockerfile").symlink_to("/dev/zero")
    r = dockwise("check", "Dockerfile", cwd=tmp_path)
    assert "Dockerfile: skipped: a device, not a regular file" in r.stdout, r.stdout + r.stderr


def test_the_size_cap_counts_bytes_read(tmp_path):
    big = tmp_path / "Dockerfile"
    big.write_bytes(b"FROM alpine\n" + b"#" * 5000)
    with pytest.raises(FileProblem, match="larger than"):
        read_regular(str(big), limit=4096)
    assert read_regular(str(big), limit=8192).startswith(b"FROM alpine")
    with pytest.raises(FileProblem, match="a device"):
        read_regular("/dev/zero")


def test_walking_the_root_the_home_folder_or_above_the_project_is_refused(tmp_path):
    assert "file system root" in refused_walk_root("/")
    assert "home folder" in refused_walk_root(os.path.expanduser("~"))
    project = tmp_path / "repo" / "app"
    project.mkdir(parents=True)
    assert "above the project" in refused_walk_root(str(tmp_path), str(project))
    assert refused_walk_root(str(project), str(project)) is None
    assert refused_walk_root(str(project / "sub"), str(project)) is None


def test_a_configuration_mapping_the_context_to_the_root_is_refused(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".dockwise.toml").write_text('[context]\n"Dockerfile" = "/"\n')
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\nCOPY . /app\n")
    r = dockwise("check", "Dockerfile", cwd=tmp_path)
    one_line_error(r, ".dockwise.toml", "context", "refusing to walk the file system root")


def test_a_context_above_the_repository_is_refused(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".git").mkdir()
    (repo / "Dockerfile").write_text("FROM alpine:3.20\nCOPY . /app\n")
    r = dockwise("check", "--context", str(tmp_path), "Dockerfile", cwd=repo)
    one_line_error(r, "--context", "above the project")


# -- writes stay inside the project -------------------------------------------------------

def _layout(tmp_path: Path) -> tuple[Path, Path]:
    proj, outside = tmp_path / "proj", tmp_path / "outside"
    proj.mkdir()
    outside.mkdir()
    (proj / ".git").mkdir()
    (outside / "Dockerfile").write_text(NAIVE)
    return proj, outside


def test_no_fix_is_written_through_a_symlinked_directory(tmp_path):
    proj, outside = _layout(tmp_path)
    (proj / "sub").symlink_to("../outside")
    r = dockwise("check", "--fix", "sub/Dockerfile", cwd=proj)
    assert (outside / "Dockerfile").read_text() == NAIVE
    assert "fix not written: it resolves to" in r.stderr and "outside the project" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert "DL3059" in r.stdout  # the findings stay in the report


def test_no_fix_is_written_through_a_file_link_when_run_from_the_root(tmp_path):
    proj, outside = _layout(tmp_path)
    (proj / "Dockerfile").symlink_to(outside / "Dockerfile")
    r = dockwise("check", "--fix", str(proj / "Dockerfile"), cwd="/")
    assert (outside / "Dockerfile").read_text() == NAIVE
    assert "outside the project" in r.stderr, r.stderr


def test_a_link_inside_the_project_is_written_through(tmp_path):
    proj, _ = _layout(tmp_path)
    (proj / "docker").mkdir()
    (proj / "docker" / "Dockerfile").write_text(NAIVE)
    (proj / "Dockerfile").symlink_to("docker/Dockerfile")
    r = dockwise("check", "--fix", str(proj / "Dockerfile"), cwd=tmp_path / "outside")  # the cwd plays no part
    assert "apt-get update && \\" in (proj / "docker" / "Dockerfile").read_text(), r.stderr
    assert (proj / "Dockerfile").is_symlink()


def test_a_hard_linked_file_is_not_split_from_its_links(tmp_path):
    proj, _ = _layout(tmp_path)
    (proj / "Dockerfile").write_text(NAIVE)
    os.link(proj / "Dockerfile", proj / "copy.Dockerfile")
    r = dockwise("check", "--fix", "Dockerfile", cwd=proj)
    assert "hard links" in r.stderr, r.stderr
    assert (proj / "Dockerfile").read_text() == NAIVE
    assert os.stat(proj / "Dockerfile").st_ino == os.stat(proj / "copy.Dockerfile").st_ino
    assert "DL3059" in r.stdout and r.returncode == 1


def test_the_replaced_file_keeps_owner_group_and_mode(tmp_path):
    proj, _ = _layout(tmp_path)
    path = proj / "Dockerfile"
    path.write_text(NAIVE)
    os.chmod(path, 0o640)
    if os.geteuid() == 0:  # a file of another user, fixed by root: it stays that user's
        os.chown(path, 4321, 4322)
    before = os.stat(path)
    write_atomic(str(path), NAIVE.replace("curl", "curl wget"), expected=NAIVE)
    after = os.stat(path)
    assert (after.st_uid, after.st_gid, after.st_mode) == (before.st_uid, before.st_gid, before.st_mode)
    assert "wget" in path.read_text()


def test_an_edit_saved_meanwhile_is_not_overwritten(tmp_path):
    proj, _ = _layout(tmp_path)
    path = proj / "Dockerfile"
    path.write_text(NAIVE + "# saved by the editor\n")
    with pytest.raises(FileProblem, match="changed since it was read"):
        write_atomic(str(path), "FROM alpine\n", expected=NAIVE)
    assert path.read_text() == NAIVE + "# saved by the editor\n"
    assert not list(proj.glob(".dockwise-*"))


# -- no traceback: configurations ---------------------------------------------------------

@pytest.mark.parametrize("name,content,words", [
    (".dockwise.toml", b"tool = 1\n", ["tool", "expected a table"]),
    (".dockwise.toml", b"a = " + b"[" * 100_000 + b"]" * 100_000 + b"\n", ["invalid TOML"]),
    (".dockwise.toml", b"select = [\"DL3059\"]\n# caf\xe9\n", ["not valid UTF-8"]),
    (".hadolint.yaml", b"ignored: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", ["invalid YAML"]),
    ("pyproject.toml", b"[tool]\ndockwise = 3\n", ["tool.dockwise", "expected a table"]),
], ids=["tool-not-a-table", "deep-toml", "toml-not-utf8", "deep-yaml", "tool-dockwise-not-a-table"])
def test_a_broken_configuration_is_one_line_naming_the_file(tmp_path, name, content, words):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "Dockerfile").write_text(NAIVE)
    r = dockwise("check", "Dockerfile", cwd=tmp_path)
    one_line_error(r, name, *words)


# -- no traceback: where the report goes --------------------------------------------------

@pytest.mark.parametrize("target,words", [
    ("missing/report.json", ["missing/report.json", "No such file or directory"]),
    (".", ["Is a directory"]),
    ("/dev/full", ["/dev/full", "No space left on device"]),
])
def test_an_output_file_that_cannot_be_written(tmp_path, target, words):
    (tmp_path / "Dockerfile").write_text(NAIVE)
    r = dockwise("check", "--format", "json", "--output-file", target, "Dockerfile", cwd=tmp_path)
    one_line_error(r, *words)


def test_standard_output_on_a_full_disk_or_closed(tmp_path):
    (tmp_path / "Dockerfile").write_text(NAIVE)
    for fmt in ("text", "json"):
        with open("/dev/full", "w") as full:
            r = subprocess.run([sys.executable, "-m", "dockwise", "check", "--format", fmt, "Dockerfile"],
                               cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, text=True, timeout=LIMIT_S)
        one_line_error(r, "No space left on device")
    r = subprocess.run(f"{sys.executable} -m dockwise check Dockerfile >&-", shell=True, cwd=tmp_path,
                       stderr=subprocess.PIPE, text=True, timeout=LIMIT_S)
    one_line_error(r, "standard output is closed")


def test_file_names_that_are_not_utf8_in_a_sarif_report(tmp_path):
    with open(os.path.join(os.fsencode(tmp_path), b"Dockerfile.\xff\xfe"), "wb") as fh:
        fh.write(NAIVE.encode())
    r = subprocess.run([sys.executable, "-m", "dockwise", "check", "--format", "sarif", "."], cwd=tmp_path,
                       capture_output=True, timeout=LIMIT_S)
    assert b"Traceback" not in r.stderr, r.stderr
    assert r.returncode == 1
    doc = json.loads(r.stdout.decode("utf-8"))
    uris = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in doc["runs"][0]["results"]}
    assert uris == {"Dockerfile.%FF%FE"}


def test_a_port_that_does_not_exist(tmp_path):
    one_line_error(dockwise("lsp", "--tcp", "127.0.0.1:99999", cwd=tmp_path), "port", "65535")


def test_a_fix_that_cannot_be_written_keeps_its_findings(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text(NAIVE)
    os.link(tmp_path / "Dockerfile", tmp_path / "linked")
    r = dockwise("check", "--fix", "--format", "json", "Dockerfile", cwd=tmp_path)
    codes = [item["code"] for item in json.loads(r.stdout)]
    assert "DL3059" in codes and r.returncode == 1, r.stderr


# -- stopping is clean --------------------------------------------------------------------

def _children(pid: int) -> set[int]:
    out = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return out


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_a_stop_during_a_parallel_fix_stops_every_worker_and_leaves_whole_files(tmp_path, sig):
    import signal
    import time
    (tmp_path / ".git").mkdir()
    files = []
    for i in range(400):
        folder = tmp_path / f"svc{i}"
        folder.mkdir()
        (folder / "Dockerfile").write_text(NAIVE)
        files.append(folder / "Dockerfile")
    proc = subprocess.Popen([sys.executable, "-m", "dockwise", "check", "--fix", "--jobs", "2", "."], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + LIMIT_S
    while time.monotonic() < deadline and all(f.read_text() == NAIVE for f in files[:200]) and proc.poll() is None:
        time.sleep(0.05)
    workers = _children(proc.pid)
    proc.send_signal(getattr(signal, sig))
    _, err = proc.communicate(timeout=LIMIT_S)
    assert proc.returncode != 0 and "Traceback" not in err, err
    assert workers, "the run had no workers when it was stopped"
    time.sleep(0.5)
    assert not [w for w in workers if Path(f"/proc/{w}").exists()
                and "zombie" not in Path(f"/proc/{w}/status").read_text()], "a worker outlived the stop"
    assert not list(tmp_path.glob("**/.dockwise-*")), "a temporary file survived"
    fixed = NAIVE.replace("RUN apt-get update\nRUN", "RUN apt-get update && \\\n   ")
    texts = {f.read_text() for f in files}
    assert NAIVE in texts, "the run finished before it was stopped: nothing tested"
    for text in texts:
        assert text == NAIVE or text.startswith(fixed.split("curl")[0]), text  # whole: old or fixed
    snapshot = {f: f.read_text() for f in files}
    time.sleep(1)
    assert snapshot == {f: f.read_text() for f in files}, "files still change after the stop"
