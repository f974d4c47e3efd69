"""The debounce the editor waits for is one number: the server's default, the VS Code extension's
default (package.json, and settings.ts when a value is invalid) and the documented one agree."""

import importlib.util
import json
import re
from pathlib import Path

import pytest

from dockwise.lsp.settings import DEBOUNCE_MS_DEFAULT, DEBOUNCE_MS_MAX, Settings, parse_settings

ROOT = Path(__file__).resolve().parent.parent
EXTENSION = ROOT / "vscode-extension"


def test_debounce_default_is_the_same_everywhere():
    server = Settings().debounce_ms
    manifest = json.loads((EXTENSION / "package.json").read_text())
    declared = manifest["contributes"]["configuration"]["properties"]["dockwise.debounceMs"]["default"]
    fallback = re.search(r"DEFAULT_DEBOUNCE_MS = (\d+)", (EXTENSION / "src" / "settings.ts").read_text())
    documented = re.search(r"`debounceMs` \(default (\d+)", (ROOT / "docs" / "editors.md").read_text())
    in_extension_readme = re.search(r"\| `dockwise.debounceMs` \| `(\d+)` \|", (EXTENSION / "README.md").read_text())
    assert fallback and documented and in_extension_readme
    found = {int(m.group(1)) for m in (fallback, documented, in_extension_readme)} | {declared}
    assert found == {server}


def _generator():
    spec = importlib.util.spec_from_file_location("gen_editor_defaults", ROOT / "scripts" / "gen_editor_defaults.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_debounce_is_declared_once_and_written_everywhere_else():
    """The server's constants are the source: every other place is what the generator writes."""
    assert Settings().debounce_ms == DEBOUNCE_MS_DEFAULT
    gen = _generator()
    stale = [str(p) for p, text in gen.expected().items() if p.read_text(encoding="utf-8") != text]
    assert stale == [], "run scripts/gen_editor_defaults.py"


def test_the_generator_rewrites_a_changed_default_and_maximum(tmp_path, monkeypatch):
    """A copy of the repository's files with other numbers gets the server's back, in every
    place the test above reads, and nothing else in those files changes."""
    gen = _generator()
    names = sorted({name for name, _, _ in gen.PLACES})
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(gen, "DEBOUNCE_MS_DEFAULT", 45)
    monkeypatch.setattr(gen, "PLACES", tuple((n, p, 45 if v == DEBOUNCE_MS_DEFAULT else 9000)
                                             for n, p, v in gen.PLACES))
    for path, text in gen.expected(tmp_path).items():
        path.write_text(text, encoding="utf-8")
    manifest = json.loads((tmp_path / "vscode-extension/package.json").read_text())
    prop = manifest["contributes"]["configuration"]["properties"]["dockwise.debounceMs"]
    assert (prop["default"], prop["maximum"]) == (45, 9000)
    ts = (tmp_path / "vscode-extension/src/settings.ts").read_text()
    assert "DEFAULT_DEBOUNCE_MS = 45;" in ts and "MAX_DEBOUNCE_MS = 9000;" in ts
    assert "`debounceMs` (default 45" in (tmp_path / "docs/editors.md").read_text()
    assert "| `dockwise.debounceMs` | `45` | Delay after an edit before re-checking, 0–9000 ms. |" \
        in (tmp_path / "vscode-extension/README.md").read_text()
    before = (ROOT / "vscode-extension/package.json").read_text().splitlines()
    after = (tmp_path / "vscode-extension/package.json").read_text().splitlines()
    assert sum(a != b for a, b in zip(before, after)) == 2 and len(before) == len(after)


def test_the_generator_says_when_a_place_was_reworded(tmp_path):
    gen = _generator()
    for name in {name for name, _, _ in gen.PLACES}:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "docs/editors.md").write_text("`debounceMs` waits a little\n")
    with pytest.raises(gen.MissingPlace, match="docs/editors.md"):
        gen.expected(tmp_path)


def test_the_server_rejects_a_debounce_above_the_declared_maximum():
    ok, problems = parse_settings({"debounceMs": DEBOUNCE_MS_MAX})
    assert ok.debounce_ms == DEBOUNCE_MS_MAX and problems == []
    bad, problems = parse_settings({"debounceMs": DEBOUNCE_MS_MAX + 1})
    assert bad.debounce_ms == DEBOUNCE_MS_DEFAULT and problems == [
        f"dockwise.debounceMs: expected a number of milliseconds from 0 to {DEBOUNCE_MS_MAX}"]
