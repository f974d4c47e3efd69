"""Typed, validated server settings. A bad value gives a warning and the default, never a crash."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..config import Config
from ..engine.diagnostic import Severity
from ..engine.rule import MERGE_STYLES
from ..rules.registry import canonical, is_known, selector_warnings


# The one place the editor's debounce is declared: the VS Code extension (package.json,
# src/settings.ts) and the docs are written from these by scripts/gen_editor_defaults.py, and
# tests/test_editor_defaults.py fails when they differ.
DEBOUNCE_MS_DEFAULT = 30
DEBOUNCE_MS_MAX = 10_000


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    unsafe_fixes: bool = False
    debounce_ms: int = DEBOUNCE_MS_DEFAULT
    shellcheck: bool | None = None
    pin_digests: bool = False
    target: str | None = None      # the stage `docker build --target` builds
    merge_style: str | None = None  # "and" | "heredoc": how merged RUNs are written (None: the configuration's)

    def apply(self, cfg: Config) -> Config:
        """These settings as overrides on top of a file's configuration."""
        kw: dict = {}
        if self.select is not None:
            kw["select"] = list(self.select)
        if self.ignore:
            kw["ignore"] = list(cfg.ignore) + list(self.ignore)
        if self.extend_select:
            kw["extend_select"] = list(cfg.extend_select) + list(self.extend_select)
        if self.severity_overrides:
            kw["severity"] = {**cfg.severity, **self.severity_overrides}
        if self.shellcheck is not None:
            kw["shellcheck"] = self.shellcheck
        if self.target is not None:
            kw["settings"] = replace(cfg.settings, target=self.target)
        if self.merge_style is not None:
            kw["settings"] = replace(kw.get("settings", cfg.settings), merge_style=self.merge_style)
        return cfg.with_overrides(**kw) if kw else cfg


_KEYS = {
    "select": "select", "ignore": "ignore", "extendSelect": "extend_select",
    "severityOverrides": "severity_overrides", "unsafeFixes": "unsafe_fixes",
    "debounceMs": "debounce_ms", "shellcheck": "shellcheck", "pinDigests": "pin_digests",
    "target": "target", "mergeStyle": "merge_style",
}


def _selectors(key: str, value, problems: list[str]):
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        problems.append(f"dockwise.{key}: expected a list of rule codes")
        return None
    unknown = [v for v in value if not is_known(v)]
    if unknown:
        problems.append(f"dockwise.{key}: unknown rule or prefix {unknown[0]!r}")
        return None
    problems += [f"dockwise.{key}: {w}" for w in selector_warnings(value)]  # removed/redirected: still applied
    return tuple(value)


def parse_settings(raw, base: Settings | None = None) -> tuple[Settings, list[str]]:
    """Settings from a client's JSON (camelCase keys); problems say what was ignored."""
    out = base or Settings()
    problems: list[str] = []
    if raw is None:
        return out, problems
    if not isinstance(raw, dict):
        return out, [f"dockwise settings: expected an object, got {type(raw).__name__}"]
    kw: dict = {}
    for key, value in raw.items():
        attr = _KEYS.get(key)
        if attr is None:
            problems.append(f"dockwise.{key}: unknown setting (known: {', '.join(sorted(_KEYS))})")
            continue
        if value is None:
            continue
        if attr in ("select", "ignore", "extend_select"):
            got = _selectors(key, value, problems)
            if got is not None:
                kw[attr] = got
        elif attr == "severity_overrides":
            if not isinstance(value, dict):
                problems.append(f"dockwise.{key}: expected an object of CODE: severity")
                continue
            sev = {}
            for code, name in value.items():
                if not isinstance(code, str) or not is_known(code):
                    problems.append(f"dockwise.{key}: unknown rule {code!r}")
                    continue
                problems += [f"dockwise.{key}: {w}" for w in selector_warnings([code])]
                try:
                    sev[canonical(code)] = Severity.parse(str(name))  # a redirected code: its new code
                except ValueError as e:
                    problems.append(f"dockwise.{key}.{code}: {e}")
            kw[attr] = sev
        elif attr == "target":
            if not isinstance(value, str) or not value.strip():
                problems.append(f"dockwise.{key}: expected a stage name")
                continue
            kw[attr] = value.strip().lower()
        elif attr == "merge_style":
            if value not in MERGE_STYLES:
                problems.append(f"dockwise.{key}: expected \"and\" or \"heredoc\", got {value!r}")
                continue
            kw[attr] = value
        elif attr == "debounce_ms":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= DEBOUNCE_MS_MAX:
                problems.append(f"dockwise.{key}: expected a number of milliseconds from 0 to {DEBOUNCE_MS_MAX}")
                continue
            kw[attr] = int(value)
        else:  # booleans
            if not isinstance(value, bool):
                problems.append(f"dockwise.{key}: expected true or false")
                continue
            kw[attr] = value
    return replace(out, **kw), problems
