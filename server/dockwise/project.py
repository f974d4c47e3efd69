"""What a Dockerfile's surroundings add to a check: its build context and ignore file.

Built lazily, once per context directory, and only when an enabled rule needs it.
"""

from __future__ import annotations

import os

from .config import Config
from .engine.check import enabled_rules, file_kind


class ProjectView:
    def __init__(self, context_override: str | None = None) -> None:
        self.context_override = context_override
        self._snapshots: dict[tuple[str, str | None], object] = {}

    def context_dir(self, dockerfile: str, cfg: Config) -> str:
        if self.context_override:
            return self.context_override
        if cfg.context and cfg.root:
            import fnmatch
            rel = os.path.relpath(os.path.abspath(dockerfile), cfg.root).replace(os.sep, "/")
            for glob, ctx in cfg.context.items():
                if fnmatch.fnmatch(rel, glob):
                    return os.path.join(cfg.root, ctx)
        from .compose import context_from_compose
        found = context_from_compose(dockerfile)
        return found or os.path.dirname(os.path.abspath(dockerfile))

    def for_file(self, path: str, text: str, cfg: Config) -> dict:
        """Keyword arguments for check(): context snapshot and ignore file, when rules need them."""
        if path == "-" or not os.path.exists(path):
            return {}
        kind = file_kind(path)
        if kind != "dockerfile" or not any(r.needs_context for r in enabled_rules(cfg, kind, path)):
            return {}
        try:
            from .buildcontext import load_context
        except ImportError:
            return {}
        ctx_dir = self.context_dir(path, cfg)
        key = (os.path.abspath(ctx_dir), os.path.abspath(path))
        if key not in self._snapshots:
            self._snapshots[key] = load_context(ctx_dir, path)
        view = self._snapshots[key]
        return {"context": view, "ignore": getattr(view, "ignore", None), "ignore_path": getattr(view, "ignore_path", None)}
