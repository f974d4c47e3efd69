#!/usr/bin/env bash
# CI for the VS Code extension, from a clean state:
#   npm ci && npm run compile && npm test && npx @vscode/vsce package
# `vsce package` runs `vscode:prepublish` (compile + scripts/bundle_vscode.py, which needs
# python3 with pip and access to PyPI). Quiet on success except the test summary and the
# .vsix size; prints a failing step's full output. Set KEEP_VSIX=1 to keep the .vsix.
set -euo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

step() {
    local name=$1
    shift
    local start=$EPOCHREALTIME
    if "$@" >"$log" 2>&1; then
        local tenths=$(((${EPOCHREALTIME/./} - ${start/./}) / 100000))
        printf 'ci: %-8s ok   %4d.%ds\n' "$name" $((tenths / 10)) $((tenths % 10))
    else
        printf 'ci: %-8s FAILED (%s)\n' "$name" "$*"
        cat "$log"
        exit 1
    fi
}

rm -rf node_modules out bundled ./*.vsix
step install npm ci --no-audit --no-fund
step compile npm run compile
step test npm test
grep -E '^ +[0-9]+ (passing|failing|pending)' "$log" | sed 's/^ */ci:   tests: /'
step package npx --no-install vsce package --out dockwise.vsix

# The package must hold the compiled extension, its runtime dependency and the bundle.
python3 - <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile("dockwise.vsix").namelist())
need = ["extension/out/extension.js", "extension/package.json", "extension/LICENSE.txt",
        "extension/node_modules/vscode-languageclient/package.json",
        "extension/bundled/libs/dockwise/__init__.py", "extension/bundled/manifest.json"]
missing = [n for n in need if n not in names]
leaked = [n for n in names if n.startswith(("extension/src/", "extension/out/test/", "extension/out/smoke/")) or n.endswith(".pyc")]
if missing or leaked:
    sys.exit(f"ci: bad .vsix: missing {missing}, should not contain {leaked[:5]}")
PY
printf 'ci: package  dockwise.vsix, %s bytes\n' "$(wc -c <dockwise.vsix)"
[ "${KEEP_VSIX:-}" = 1 ] || rm -f dockwise.vsix
