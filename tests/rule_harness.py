"""Helpers for rule tests: catches/passes tables and fixture snapshots.

A fixture folder `tests/rules/fixtures/<CODE>/` holds `input.Dockerfile` (or `input.dockerignore`)
and `snapshot.txt`: the rendered diagnostics of that one rule and the diff of its fixes
(unsafe fixes included). Regenerate with `DOCKWISE_UPDATE_SNAPSHOTS=1 pytest tests/rules`.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from dockwise.config import Config
from dockwise.engine.check import check
from dockwise.engine.fixer import fix_text

FIXTURES = Path(__file__).parent / "rules" / "fixtures"


def only(code: str, **kw) -> Config:
    return Config(select=[code], **kw)


def findings(code: str, text: str, path: str = "Dockerfile", config: Config | None = None, **kw):
    cfg = config or only(code)
    return [d for d in check(text, path, cfg, **kw) if d.code == code]


def assert_catches(code: str, text: str, count: int | None = None, **kw) -> list:
    found = findings(code, text, **kw)
    assert found, f"{code} should flag:\n{text}"
    if count is not None:
        assert len(found) == count, f"{code}: expected {count} findings, got {len(found)}:\n{text}"
    return found


def assert_passes(code: str, text: str, **kw) -> None:
    found = findings(code, text, **kw)
    assert not found, f"{code} should not flag:\n{text}\nbut said: {[d.message for d in found]}"


def fixed(code: str, text: str, unsafe: bool = True, path: str = "Dockerfile", config: Config | None = None,
          prefer: str | None = None, **kw) -> str:
    """`text` with `code`'s fixes applied; `prefer`: apply the alternatives of that kind instead
    (e.g. "cache-mount"), as `--prefer-fix` does."""
    cfg = config or only(code)
    if prefer is not None:
        cfg = cfg.with_overrides(prefer_fixes=(prefer,))
    return sound_fix(text, path, cfg, unsafe=unsafe, **kw).text


def sound_fix(text: str, path: str, config: Config, unsafe: bool = True, **kw):
    """`fix_text`, failing the test when a fix was refused: it would make BuildKit's parser
    refuse the file, or it does not converge (the fixer reports both at run time too)."""
    outcome = fix_text(text, path, config, unsafe=unsafe, **kw)
    assert not outcome.problems, "\n".join(p.describe(path) for p in outcome.problems) + f"\nin:\n{text}"
    return outcome


def render(code: str, text: str, path: str, config: Config | None = None, **kw) -> str:
    cfg = config or only(code)
    lines = []
    for d in check(text, path, cfg, **kw):
        if d.code != code:
            continue
        fix = ""
        if d.fix is not None:
            fix = f" [fix: {d.fix.title} ({d.fix.applicability.value})]"
        lines.append(f"{d.line + 1}:{d.column + 1}-{d.end_line + 1}:{d.end_column + 1} {d.code} {d.severity.label}: {d.message}{fix}")
    after = sound_fix(text, path, cfg, unsafe=True, **kw).text
    diff = "".join(difflib.unified_diff(text.splitlines(True), after.splitlines(True), "before", "after"))
    return "\n".join(lines) + "\n--- fixes ---\n" + (diff or "(none)\n")


def fixture_config(code: str) -> Config:
    """`fixtures/<CODE>/config.toml` when a rule needs others beside it; else only that rule."""
    cfg_file = FIXTURES / code / "config.toml"
    if cfg_file.exists():
        import tomllib
        from dockwise.config import from_mapping
        return from_mapping(tomllib.loads(cfg_file.read_text()), str(cfg_file))
    return only(code)


def snapshot(code: str, **kw) -> tuple[str, str]:
    """(expected, actual) for a rule's fixture folder; writes it when updating."""
    kw.setdefault("config", fixture_config(code))
    folder = FIXTURES / code
    inputs = sorted(p for p in folder.iterdir() if p.name.startswith("input"))
    assert inputs, f"{folder} has no input file"
    parts = []
    for inp in inputs:
        name = "Dockerfile" if inp.suffix == ".Dockerfile" else ".dockerignore" if inp.suffix == ".dockerignore" else inp.name
        text = inp.read_text(encoding="utf-8")
        parts.append(f"=== {inp.name}\n" + render(code, text, name, **kw))
    actual = "\n".join(parts)
    snap = folder / "snapshot.txt"
    if os.environ.get("DOCKWISE_UPDATE_SNAPSHOTS") or not snap.exists():
        snap.write_text(actual, encoding="utf-8")
    return snap.read_text(encoding="utf-8"), actual
