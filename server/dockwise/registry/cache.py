"""On-disk cache of resolved digests, so that repeated runs do not ask the registry again."""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_TTL_SECONDS = 24 * 60 * 60
_FORMAT_VERSION = 1
# Bounds the file if someone pins thousands of distinct images.
_MAX_ENTRIES = 5000


def default_cache_path() -> Path:
    """``$XDG_CACHE_HOME/dockwise/digests.json``, else ``~/.cache/dockwise/digests.json``."""
    base = os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "dockwise" / "digests.json"


def cache_key(host: str, repository: str, tag: str) -> str:
    return f"{host.lower()}/{repository}:{tag}"


class DigestCache:
    """A JSON file mapping ``host/repository:tag`` to a digest with fetch and expiry times.

    Entries are valid for ``ttl`` seconds (default 24 h). The cache never raises: an
    unreadable or corrupt file counts as empty and is rewritten on the next ``put``; a
    file that cannot be written is left alone. Writes are atomic (temp file + rename).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, ttl: float = DEFAULT_TTL_SECONDS):
        self.path = Path(path) if path is not None else default_cache_path()
        self.ttl = float(ttl)

    def get(self, key: str, *, now: float | None = None) -> str | None:
        """The cached digest for ``key`` if present and not expired, else ``None``."""
        now = time.time() if now is None else now
        entry = self._load().get(key)
        if entry is None or not self._is_fresh(entry, now):
            return None
        return entry["digest"]

    def put(self, key: str, digest: str, *, now: float | None = None) -> None:
        """Remember ``digest`` for ``key``, fetched at ``now``, expiring after ``ttl``."""
        now = time.time() if now is None else now
        # Re-read so that entries written meanwhile by another process are kept.
        entries = {k: e for k, e in self._load().items() if self._is_fresh(e, now)}
        entries[key] = {"digest": digest, "fetched_at": now, "expires_at": now + self.ttl}
        if len(entries) > _MAX_ENTRIES:
            newest = sorted(entries.items(), key=lambda item: item[1]["fetched_at"])
            entries = dict(newest[-_MAX_ENTRIES:])
        self._write({"version": _FORMAT_VERSION, "entries": entries})

    def pinned_at(self, digest: str) -> float | None:
        """When dockwise last resolved a tag to ``digest`` (expired entries too), or ``None``.

        Only reads the local cache file: it tells how old a pin is without any network."""
        try:
            times = [e["fetched_at"] for e in self._load().values() if e.get("digest") == digest]
        except Exception:  # noqa: BLE001 - a broken cache never breaks the caller
            return None
        return max(times) if times else None

    def _is_fresh(self, entry: dict[str, Any], now: float) -> bool:
        return now < entry["expires_at"] and now - entry["fetched_at"] < self.ttl

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.debug("ignoring unreadable digest cache %s: %s", self.path, exc)
            return {}
        entries = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(entries, dict) or data.get("version") != _FORMAT_VERSION:
            log.debug("ignoring digest cache %s in an unknown format", self.path)
            return {}
        valid = {}
        for key, entry in entries.items():
            if (
                isinstance(entry, dict)
                and isinstance(entry.get("digest"), str)
                and all(
                    isinstance(entry.get(field), (int, float)) and not isinstance(entry.get(field), bool)
                    for field in ("fetched_at", "expires_at")
                )
            ):
                valid[key] = entry
        return valid

    def _write(self, data: dict[str, Any]) -> None:
        temp_name = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp_name = tempfile.mkstemp(
                dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
            )
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=1, sort_keys=True)
                handle.write("\n")
            os.replace(temp_name, self.path)
            temp_name = None
        except OSError as exc:
            log.debug("cannot write digest cache %s: %s", self.path, exc)
        finally:
            if temp_name is not None:
                try:
                    os.unlink(temp_name)
                except OSError:
                    pass
