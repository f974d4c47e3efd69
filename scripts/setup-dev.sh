#!/usr/bin/env bash
# Installs everything the test suite needs, from this repository's own files:
# Debian packages for the end-to-end tests (Neovim as a real LSP client, the CNCF registry
# for digest pinning), then dockwise itself with its test extras.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  need=""
  command -v nvim >/dev/null 2>&1 || need="$need neovim"
  [ -x /usr/bin/docker-registry ] || need="$need docker-registry"
  # Emacs as a real LSP client (tests/lsp/test_emacs.py); chromium, ripgrep and a toolchain
  # for the real VS Code of tests/vscode (scripts/setup-vscode-e2e.sh builds its native modules)
  for pkg in emacs-nox elpa-eglot elpa-dockerfile-mode \
      chromium ripgrep build-essential pkg-config libkrb5-dev libsecret-1-dev; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
  done
  if [ -n "$need" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
  fi
fi
python3 -m pip install -q --disable-pip-version-check -e ".[test]"
# An editable install is never byte-compiled by pip, and PYTHONDONTWRITEBYTECODE (common in
# containers) stops Python from caching it: compile once so each run starts fast (~70 ms less).
python3 -m compileall -q server/dockwise
# code-server for the real-VS-Code test, cached under ~/.cache (~20 min the first time only).
bash scripts/setup-vscode-e2e.sh >/dev/null
