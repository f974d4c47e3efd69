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
  if [ -n "$need" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
  fi
fi
python3 -m pip install -q --disable-pip-version-check -e ".[test]"
# An editable install is never byte-compiled by pip, and PYTHONDONTWRITEBYTECODE (common in
# containers) stops Python from caching it: compile once so each run starts fast (~70 ms less).
python3 -m compileall -q server/dockwise
