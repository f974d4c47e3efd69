"""The build-context walker and report on real temporary trees."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from dockwise.buildcontext import context_report, list_sent_paths, walk_context
from dockwise.buildcontext import walk as walk_mod
from dockwise.ignorefile import parse_ignore_file


def make(root, spec: dict):
    for rel, content in spec.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(content)


@pytest.fixture
def ctx(tmp_path):
    make(tmp_path, {
        "Dockerfile": "FROM scratch\n",
        "app.py": "print(1)\n",
        "README.md": "# r\n",
        "docs/a.md": "aaaa",
        "node_modules/x/index.js": "x" * 100,
        "node_modules/keep/keep.js": "k",
        "src/pkg/__pycache__/m.pyc": "c" * 50,
        "src/pkg/m.py": "m" * 10,
    })
    return tmp_path


def test_no_ignore_sends_everything(ctx):
    snap = walk_context(ctx)
    assert snap.file_count == 8
    assert snap.exists("src/pkg") and snap.exists("./src/pkg/m.py")
    assert snap.total_bytes == sum(len((ctx / p).read_text()) for p in snap.files)


def test_executable_files_are_recorded(ctx):
    # COPY keeps a file's mode: whether `chmod +x` after it changes anything (DW112)
    (ctx / "run.sh").write_text("#!/bin/sh\n")
    os.chmod(ctx / "run.sh", 0o755)
    snap = walk_context(ctx, parse_ignore_file("node_modules\n"))
    assert snap.executable == {"run.sh"}
    assert snap.executable <= set(snap.files)


def test_prune_and_reinclude(ctx):
    ign = parse_ignore_file("node_modules\n!node_modules/keep\n**/__pycache__\n*.md\n")
    snap = walk_context(ctx, ign)
    assert "node_modules/keep/keep.js" in snap.files  # re-included under an excluded dir
    assert "node_modules/x/index.js" not in snap.files
    assert "node_modules/x" in snap.pruned  # nothing below can be re-included
    assert "node_modules" not in snap.pruned
    assert "docs/a.md" in snap.files and "README.md" not in snap.files  # *.md is root-only
    st = snap.status("node_modules/x/index.js")
    assert st.state == "ignored" and st.under == "node_modules/x" and st.pattern.pattern == "node_modules"
    st = snap.status("src/pkg/__pycache__/m.pyc")
    assert st.state == "ignored" and st.pattern.raw == "**/__pycache__"
    assert snap.status("README.md").pattern.raw == "*.md"
    assert snap.status("nope").state == "missing"
    # prune=False lists every ignored path
    full = walk_context(ctx, ign, prune=False)
    assert "node_modules/x/index.js" in full.ignored and full.files == snap.files


def test_matches_matcher_on_every_path(ctx):
    ign = parse_ignore_file("*\n!src\nsrc/pkg/__pycache__\n!**/*.js\n")
    snap = walk_context(ctx, ign, prune=False)
    for path, kind, sent, _ in snap.all_paths():
        if kind == "file":
            assert sent == (not ign.matches(path)), path


def test_symlinks_not_followed(ctx, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret").write_text("s")
    os.symlink(outside, ctx / "out")
    os.symlink("../../etc", ctx / "src" / "up")
    os.symlink("loop", ctx / "loop")  # a self loop
    os.symlink(".", ctx / "src" / "here")  # a cycle if followed
    snap = walk_context(ctx)
    assert snap.symlinks["out"].escapes
    assert snap.symlinks["src/up"].escapes
    assert not snap.symlinks["src/here"].escapes
    assert "loop" in snap.symlinks
    assert not any(p.startswith("out/") for p in snap.files)
    assert snap.exists("out")


def test_unreadable_dir_is_recorded(ctx, monkeypatch):
    real = os.scandir

    def fake(path):
        if os.fspath(path).endswith("docs"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(walk_mod, "_scandir", fake)
    snap = walk_context(ctx)
    assert [(p.path, p.kind) for p in snap.problems] == [("docs", "unreadable-dir")]
    assert "app.py" in snap.files


def test_unreadable_dir_real_permissions():
    """A real mode-000 directory. Root reads anything, so as root the walk runs in a child
    process that drops to `nobody` after its imports (the interpreter itself may live where
    `nobody` cannot read): the permissions are real either way."""
    base = Path(tempfile.mkdtemp(prefix="dockwise-perm-", dir="/tmp"))
    try:
        os.chmod(base, 0o755)
        make(base, {"app.py": "print(1)\n", "docs/a.md": "aaaa"})
        os.chmod(base / "docs", 0)
        code = ("import json, os, sys\nfrom dockwise.buildcontext import walk_context\n"
                "if os.geteuid() == 0:\n    os.setgid(65534)\n    os.setuid(65534)\n"
                "snap = walk_context(sys.argv[1])\n"
                "print(json.dumps({'problems': [p.path for p in snap.problems], 'files': sorted(snap.files)}))")
        r = subprocess.run([sys.executable, "-c", code, str(base)], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        out = json.loads(r.stdout)
        assert "docs" in out["problems"] and out["files"] == ["app.py"]
    finally:
        os.chmod(base / "docs", 0o755)
        shutil.rmtree(base, ignore_errors=True)


def test_unreadable_file_is_recorded(ctx, monkeypatch):
    # Tests run as root, where chmod 000 still reads; simulate what a non-root walk sees.
    monkeypatch.setattr(walk_mod, "_should_check_readable", lambda: True)
    monkeypatch.setattr(walk_mod, "_is_readable", lambda p: not p.endswith("app.py"))
    snap = walk_context(ctx)
    assert [(p.path, p.kind) for p in snap.problems] == [("app.py", "unreadable-file")]


def test_copy_wildcards(ctx):
    snap = walk_context(ctx)
    assert snap.matching("*.py") == ["app.py"]
    assert snap.matching("src/*/m.p?") == ["src/pkg/m.py"]
    assert snap.matching("node_modules/[kx]*") == ["node_modules/keep", "node_modules/x"]
    assert snap.matching("*/*.md") == ["docs/a.md"]
    assert snap.matching("app.py") == ["app.py"] and snap.matching("missing") == []


def test_helpers(ctx):
    snap = walk_context(ctx)
    top = snap.bytes_by_top_level()
    assert top["node_modules"] == 101 and top["."] == len("FROM scratch\n") + 9 + 4
    assert snap.largest_files(1) == [("node_modules/x/index.js", 100)]


def test_report_and_dockerfile_specific_ignore(ctx):
    (ctx / ".dockerignore").write_text("node_modules\n")
    (ctx / "docker").mkdir()
    (ctx / "docker" / "app.Dockerfile").write_text("FROM scratch\n")
    (ctx / "docker" / "app.Dockerfile.dockerignore").write_text("*\n!app.py\n")
    rep = context_report(ctx)
    assert rep["ignore_file"] == str(ctx / ".dockerignore")
    # 6 outside node_modules, .dockerignore and the two files under docker/
    assert rep["files_sent"] == 9
    sent = list_sent_paths(ctx, "docker/app.Dockerfile")
    # the Dockerfile-specific ignore file wins; Dockerfile and ignore file are always sent
    assert sent == ["app.py", "docker/app.Dockerfile", "docker/app.Dockerfile.dockerignore"]
    cands = {c["pattern"]: c for c in rep["candidates"]}
    assert cands["**/__pycache__"]["files"] == 1 and cands["**/__pycache__"]["bytes"] == 50
    assert cands["**/*.pyc"]["files"] == 1
    assert cands["node_modules"]["files"] == 0  # already ignored
    assert rep["largest_files"][0]["path"] == "src/pkg/__pycache__/m.pyc"


def test_always_sent_ignore_file(ctx):
    (ctx / ".dockerignore").write_text("*\n")
    assert list_sent_paths(ctx) == [".dockerignore", "Dockerfile"]
