#!/usr/bin/env python3
"""Write the editor debounce declared in the server (dockwise/lsp/settings.py: DEBOUNCE_MS_DEFAULT,
DEBOUNCE_MS_MAX) into the places that must repeat it: the VS Code extension's manifest (the
settings UI shows its default), its settings reader (the value used when a setting is invalid),
its README and docs/editors.md. `--check` changes nothing and exits 1 when a file is out of date."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

from dockwise.lsp.settings import DEBOUNCE_MS_DEFAULT, DEBOUNCE_MS_MAX  # noqa: E402

# (file, pattern whose group 2 is the number, value): group 1 is the text kept before it
PLACES = (
    ("vscode-extension/package.json", r'("dockwise\.debounceMs": \{[^}]*?"default": )(\d+)', DEBOUNCE_MS_DEFAULT),
    ("vscode-extension/package.json", r'("dockwise\.debounceMs": \{[^}]*?"maximum": )(\d+)', DEBOUNCE_MS_MAX),
    ("vscode-extension/src/settings.ts", r"(export const DEFAULT_DEBOUNCE_MS = )(\d+)", DEBOUNCE_MS_DEFAULT),
    ("vscode-extension/src/settings.ts", r"(export const MAX_DEBOUNCE_MS = )(\d+)", DEBOUNCE_MS_MAX),
    ("vscode-extension/README.md", r"(\| `dockwise\.debounceMs` \| `)(\d+)", DEBOUNCE_MS_DEFAULT),
    ("vscode-extension/README.md", r"(\| `dockwise\.debounceMs` \|[^\n]*?0–)(\d+)", DEBOUNCE_MS_MAX),
    ("docs/editors.md", r"(`debounceMs` \(default )(\d+)", DEBOUNCE_MS_DEFAULT),
)


class MissingPlace(Exception):
    pass


def expected(root: Path = ROOT) -> dict[Path, str]:
    """Each file's text with the server's numbers in place. A pattern that no longer matches
    (the text around the number was reworded) is an error, never silently skipped."""
    texts: dict[Path, str] = {}
    for name, pattern, value in PLACES:
        path = root / name
        text = texts.get(path) or path.read_text(encoding="utf-8")
        text, count = re.subn(pattern, lambda m: f"{m.group(1)}{value}", text, count=1)
        if count != 1:
            raise MissingPlace(f"{name}: no match for {pattern!r}; update scripts/gen_editor_defaults.py")
        texts[path] = text
    return texts


def main(argv: list[str]) -> int:
    check = "--check" in argv
    try:
        wanted = expected()
    except MissingPlace as e:
        print(e)
        return 1
    stale = [p for p, text in wanted.items() if p.read_text(encoding="utf-8") != text]
    for path in stale:
        if check:
            print(f"{path.relative_to(ROOT)}: out of date; run scripts/gen_editor_defaults.py")
        else:
            path.write_text(wanted[path], encoding="utf-8")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
