"""`dockwise check --fix --pin-digests` against a real registry, end to end through the CLI."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys


def dockwise(*args, cwd, env_extra=None):
    env = dict(os.environ, NO_COLOR="1", XDG_CACHE_HOME=str(cwd / "cache"), no_proxy="*")
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "dockwise", *args], cwd=cwd, capture_output=True, timeout=60, env=env)


def test_pins_the_digest_the_registry_serves(open_registry, tmp_path):
    digest, manifest = open_registry.push_image("pin/app", "1.0", salt="cli")
    assert digest == "sha256:" + hashlib.sha256(manifest).hexdigest()
    index_digest, _, _ = open_registry.push_multiarch("pin/multi", "2.0", salt="cli")
    f = tmp_path / "Dockerfile"
    f.write_text(f"FROM {open_registry.host}/pin/app:1.0 AS build\nFROM build AS again\n"
                 f"FROM {open_registry.host}/pin/multi:2.0\nCOPY --from=build /a /a\n")
    r = dockwise("check", "--select", "DW400", "--fix", "--pin-digests", "Dockerfile", cwd=tmp_path)
    assert r.returncode == 1, r.stderr  # the file changed
    text = f.read_text()
    assert f"FROM {open_registry.host}/pin/app:1.0@{digest} AS build\n" in text
    assert f"FROM {open_registry.host}/pin/multi:2.0@{index_digest}\n" in text
    assert "FROM build AS again\n" in text  # stage references are left alone
    assert dockwise("check", "--select", "DW400", "--fix", "--pin-digests", "Dockerfile", cwd=tmp_path).returncode == 0


def test_repins_a_stale_digest(open_registry, tmp_path):
    old, _ = open_registry.push_image("pin/moving", "1.0", salt="old")
    new, _ = open_registry.push_image("pin/moving", "1.0", salt="new")
    assert old != new
    f = tmp_path / "Dockerfile"
    f.write_text(f"FROM {open_registry.host}/pin/moving:1.0@{old}\n")
    dockwise("check", "--select", "DW400", "--fix", "--pin-digests", "Dockerfile", cwd=tmp_path,
             env_extra={"DOCKWISE_NO_DIGEST_CACHE": "1"})
    assert f.read_text() == f"FROM {open_registry.host}/pin/moving:1.0@{new}\n"


def test_diff_shows_the_pin_and_writes_nothing(open_registry, tmp_path):
    digest, _ = open_registry.push_image("pin/diff", "1.0", salt="diff")
    f = tmp_path / "Dockerfile"
    f.write_text(f"FROM {open_registry.host}/pin/diff:1.0\n")
    r = dockwise("check", "--select", "DW400", "--diff", "--pin-digests", "Dockerfile", cwd=tmp_path)
    assert f"+FROM {open_registry.host}/pin/diff:1.0@{digest}" in r.stdout.decode()
    assert f.read_text() == f"FROM {open_registry.host}/pin/diff:1.0\n"


def test_offline_fails_cleanly_with_one_line(tmp_path):
    f = tmp_path / "Dockerfile"
    f.write_text("FROM 127.0.0.1:9/nothing/here:1.0\nFROM 127.0.0.1:9/nothing/else:2.0\n")
    r = dockwise("check", "--select", "DW400", "--fix", "--pin-digests", "Dockerfile", cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 1
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if "cannot pin" in line]
    assert len(lines) == 1 and "cannot reach registry 127.0.0.1:9" in lines[0]
    assert f.read_text().startswith("FROM 127.0.0.1:9/nothing/here:1.0\n")


def test_no_network_without_the_flag(tmp_path, monkeypatch):
    """Without --pin-digests nothing may even import the registry client."""
    f = tmp_path / "Dockerfile"
    f.write_text("FROM 127.0.0.1:9/nothing/here:1.0\n")
    code = ("import sys, dockwise.cli as c; rc = c.main(['check', '--fix', 'Dockerfile']);"
            "sys.exit(3 if any(m.startswith('dockwise.registry') for m in sys.modules) else 0)")
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr


def test_cache_tells_the_age_of_a_pinned_digest(tmp_path):
    from dockwise.registry import DigestCache
    cache = DigestCache(tmp_path / "digests.json", ttl=10)
    cache.put("h/r:1", "sha256:" + "c" * 64, now=1000.0)
    assert cache.pinned_at("sha256:" + "c" * 64) == 1000.0  # expired entries still tell the age
    assert cache.pinned_at("sha256:" + "d" * 64) is None
    (tmp_path / "digests.json").write_text("{not json")
    assert cache.pinned_at("sha256:" + "c" * 64) is None
