#!/usr/bin/env python3
"""Write the file selection of `dockwise.classify` into the files other tools read it from:
the pre-commit hooks' `files` regex (.pre-commit-hooks.yaml), the VS Code extension's document
patterns (vscode-extension/src/documents.ts) and its `workspaceContains` activation events
(vscode-extension/package.json). `--check` fails when one is stale.

    python scripts/gen_file_selection.py [--check]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

from dockwise.classify import DOCKERFILE, DOCKERIGNORE, globs, pre_commit_regex  # noqa: E402

HOOKS = ROOT / ".pre-commit-hooks.yaml"
DOCUMENTS_TS = ROOT / "vscode-extension" / "src" / "documents.ts"
PACKAGE_JSON = ROOT / "vscode-extension" / "package.json"


def hooks_text(text: str) -> str:
    return re.sub(r"(?m)^(  files: ).*$", lambda m: m.group(1) + "'" + pre_commit_regex() + "'", text)


def ts_array(name: str, patterns: list[str]) -> str:
    lines = "".join(f"    '**/{p}',\n" for p in patterns)
    return f"export const {name} = [\n{lines}] as const;"


def documents_ts_text(text: str) -> str:
    for name, kind in (("DOCKERFILE_PATTERNS", DOCKERFILE), ("DOCKERIGNORE_PATTERNS", DOCKERIGNORE)):
        text = re.sub(rf"export const {name} = \[.*?\] as const;", lambda _m: ts_array(name, globs()[kind]),
                      text, count=1, flags=re.S)
    return text


def package_json_text(text: str) -> str:
    manifest = json.loads(text)
    events = [e for e in manifest["activationEvents"] if not e.startswith("workspaceContains:")]
    events += [f"workspaceContains:**/{g}" for kind in (DOCKERFILE, DOCKERIGNORE) for g in globs()[kind]]
    manifest["activationEvents"] = events
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


TARGETS = ((HOOKS, hooks_text), (DOCUMENTS_TS, documents_ts_text), (PACKAGE_JSON, package_json_text))


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path, render in TARGETS:
        old = path.read_text(encoding="utf-8")
        new = render(old)
        if new != old:
            stale.append(str(path.relative_to(ROOT)))
            if not check:
                path.write_text(new, encoding="utf-8")
    if check and stale:
        print(f"stale file selection in {', '.join(stale)}: run python3 scripts/gen_file_selection.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
