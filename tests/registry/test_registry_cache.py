"""DigestCache: expiry, atomic writes, and never raising on a bad file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from dockwise.registry import DEFAULT_TTL_SECONDS, DigestCache, default_cache_path

KEY = "ghcr.io/o/r:1"
DIGEST = "sha256:" + "a" * 64
OTHER = "sha256:" + "b" * 64


def test_put_then_get_survives_a_new_instance(tmp_path):
    path = tmp_path / "nested" / "digests.json"
    DigestCache(path).put(KEY, DIGEST, now=100.0)

    assert DigestCache(path).get(KEY, now=101.0) == DIGEST
    assert DigestCache(path).get("ghcr.io/o/r:2", now=101.0) is None
    entry = json.loads(path.read_text())["entries"][KEY]
    assert entry == {"digest": DIGEST, "fetched_at": 100.0, "expires_at": 100.0 + DEFAULT_TTL_SECONDS}


def test_entries_expire_after_the_ttl(tmp_path):
    cache = DigestCache(tmp_path / "digests.json", ttl=10)
    cache.put(KEY, DIGEST, now=100.0)

    assert cache.get(KEY, now=109.9) == DIGEST
    assert cache.get(KEY, now=110.0) is None


def test_a_shorter_ttl_applies_to_entries_written_earlier(tmp_path):
    path = tmp_path / "digests.json"
    DigestCache(path).put(KEY, DIGEST, now=100.0)

    assert DigestCache(path, ttl=60).get(KEY, now=200.0) is None
    assert DigestCache(path).get(KEY, now=200.0) == DIGEST


def test_expired_entries_are_dropped_on_write(tmp_path):
    cache = DigestCache(tmp_path / "digests.json", ttl=10)
    cache.put("old", DIGEST, now=100.0)
    cache.put("new", OTHER, now=200.0)

    assert set(json.loads(cache.path.read_text())["entries"]) == {"new"}


def test_concurrent_writers_keep_each_others_entries(tmp_path):
    path = tmp_path / "digests.json"
    first, second = DigestCache(path), DigestCache(path)
    first.put("a", DIGEST, now=100.0)
    second.put("b", OTHER, now=100.0)

    assert first.get("a", now=101.0) == DIGEST
    assert first.get("b", now=101.0) == OTHER


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[]",
        b'{"version": 99, "entries": {}}',
        b'{"version": 1, "entries": []}',
        b'{"version": 1, "entries": {"ghcr.io/o/r:1": {"digest": 5, "fetched_at": "x"}}}',
        b"",
    ],
)
def test_corrupt_cache_is_ignored_and_rewritten(tmp_path, content):
    path = tmp_path / "digests.json"
    path.write_bytes(content)
    cache = DigestCache(path)

    assert cache.get(KEY, now=100.0) is None
    cache.put(KEY, DIGEST, now=100.0)

    assert json.loads(path.read_text())["entries"][KEY]["digest"] == DIGEST
    assert cache.get(KEY, now=101.0) == DIGEST


def test_writes_are_atomic_and_leave_no_temp_files(tmp_path, monkeypatch):
    path = tmp_path / "digests.json"
    cache = DigestCache(path)
    cache.put(KEY, DIGEST, now=100.0)
    before = path.read_bytes()

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    cache.put(KEY, OTHER, now=101.0)  # must not raise

    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digests.json"]


def test_unusable_location_never_raises(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    cache = DigestCache(blocker / "dockwise" / "digests.json")

    cache.put(KEY, DIGEST, now=100.0)
    assert cache.get(KEY, now=100.0) is None


def test_cache_path_is_a_directory_never_raises(tmp_path):
    (tmp_path / "digests.json").mkdir()
    cache = DigestCache(tmp_path / "digests.json")

    cache.put(KEY, DIGEST, now=100.0)
    assert cache.get(KEY, now=100.0) is None


def test_default_path_follows_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_path() == tmp_path / "xdg" / "dockwise" / "digests.json"
    assert DigestCache().path == default_cache_path()


@pytest.mark.parametrize("xdg", [None, "", "relative/dir"])
def test_default_path_falls_back_to_home_cache(tmp_path, monkeypatch, xdg):
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_cache_path() == Path(tmp_path) / ".cache" / "dockwise" / "digests.json"
