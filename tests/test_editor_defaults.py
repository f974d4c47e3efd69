"""The debounce the editor waits for is one number: the server's default, the VS Code extension's
default (package.json, and settings.ts when a value is invalid) and the documented one agree."""

import json
import re
from pathlib import Path

from dockwise.lsp.settings import Settings

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
