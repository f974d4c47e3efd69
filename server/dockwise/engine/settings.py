"""The settings a check runs with (the configuration files are read by dockwise.config)."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field, replace

from .diagnostic import Severity
from .rule import RuleSettings


@dataclass
class Config:
    select: list[str] | None = None          # None: the default set
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    # info and style findings inform without failing a commit or a build, unless asked to
    failure_threshold: Severity = Severity.WARNING
    preview: bool = False
    settings: RuleSettings = field(default_factory=RuleSettings)
    context: dict[str, str] = field(default_factory=dict)   # Dockerfile glob → context dir
    shellcheck: bool = False
    prefer_fixes: tuple[str, ...] = ()        # alternative fix kinds applied instead of findings' own fixes
    warnings: tuple[str, ...] = ()            # problems that do not stop a run (`.hadolint.yaml` keys)
    source: str | None = None                # the file it came from
    root: str | None = None                  # that file's directory (globs are relative to it)

    def with_overrides(self, **kw) -> "Config":
        return replace(self, **kw)


def per_file_ignored(cfg: Config, path: str) -> list[str]:
    out: list[str] = []
    if not cfg.per_file_ignores:
        return out
    rel = path
    if cfg.root:
        try:
            rel = os.path.relpath(os.path.abspath(path), cfg.root)
        except ValueError:
            rel = path
    rel = rel.replace(os.sep, "/")
    for glob, codes in cfg.per_file_ignores.items():
        if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(os.path.basename(path), glob):
            out.extend(codes)
    return out
