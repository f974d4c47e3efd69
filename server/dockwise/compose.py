"""Find a Dockerfile's build context from a docker-compose file beside it or above it."""

from __future__ import annotations

import os
from collections.abc import Callable

COMPOSE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")


def context_from_compose(dockerfile: str, max_up: int = 3, *, isfile: Callable[[str], bool] = os.path.isfile,
                         cache: dict | None = None) -> str | None:
    """`isfile` and `cache` (for the compose files of each folder and their builds) let a
    caller that knows the files do not change look each folder and compose file up once."""
    cache = {} if cache is None else cache
    target = os.path.abspath(dockerfile)
    folder = os.path.dirname(target)
    key = ("folder", folder, max_up)
    if key not in cache:
        cache[key] = list(_compose_files(folder, max_up, isfile))
    for path in cache[key]:
        if path not in cache:
            cache[path] = _builds(path)
        found = _search(cache[path], target)
        if found:
            return found
    return None


def _compose_files(folder: str, max_up: int, isfile: Callable[[str], bool]):
    """Compose files in `folder` and up to `max_up` folders above it, nearest first."""
    d = folder
    for _ in range(max_up + 1):
        for name in COMPOSE_NAMES:
            path = os.path.join(d, name)
            if isfile(path):
                yield path
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent


def _search(builds: list[tuple[str, str]], target: str) -> str | None:
    for ctx_abs, dockerfile_abs in builds:
        if dockerfile_abs == target:
            return ctx_abs
    return None


def _builds(compose_path: str) -> list[tuple[str, str]]:
    """(context, Dockerfile) of each service built from local sources, both absolute."""
    import yaml
    try:
        with open(compose_path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    services = data.get("services") if isinstance(data, dict) else None
    if not isinstance(services, dict):
        return []
    base = os.path.dirname(compose_path)
    out = []
    for svc in services.values():
        build = svc.get("build") if isinstance(svc, dict) else None
        if isinstance(build, str):
            ctx, dockerfile = build, "Dockerfile"
        elif isinstance(build, dict):
            ctx, dockerfile = build.get("context", "."), build.get("dockerfile", "Dockerfile")
        else:
            continue
        if not isinstance(ctx, str) or not isinstance(dockerfile, str) or "://" in ctx:
            continue
        ctx_abs = os.path.normpath(os.path.join(base, ctx))
        out.append((ctx_abs, os.path.normpath(os.path.join(ctx_abs, dockerfile))))
    return out
