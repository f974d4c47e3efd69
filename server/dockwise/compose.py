"""Find a Dockerfile's build context from a docker-compose file beside it or above it."""

from __future__ import annotations

import os

COMPOSE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")


def context_from_compose(dockerfile: str, max_up: int = 3) -> str | None:
    target = os.path.abspath(dockerfile)
    d = os.path.dirname(target)
    for _ in range(max_up + 1):
        for name in COMPOSE_NAMES:
            path = os.path.join(d, name)
            if os.path.isfile(path):
                found = _search(path, target)
                if found:
                    return found
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    return None


def _search(compose_path: str, target: str) -> str | None:
    import yaml
    try:
        with open(compose_path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    services = data.get("services") if isinstance(data, dict) else None
    if not isinstance(services, dict):
        return None
    base = os.path.dirname(compose_path)
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
        if os.path.normpath(os.path.join(ctx_abs, dockerfile)) == target:
            return ctx_abs
    return None
