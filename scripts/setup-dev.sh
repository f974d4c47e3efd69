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
    # Wait (up to 10 minutes) for another apt/dpkg to release its lock instead of failing at once;
    # a failed update (a lock, a mirror hiccup) is tried once more.
    apt_wait="-o DPkg::Lock::Timeout=600"
    apt-get $apt_wait update -qq || { sleep 5; apt-get $apt_wait update -qq; }
    DEBIAN_FRONTEND=noninteractive apt-get $apt_wait install -y -qq --no-install-recommends $need >/dev/null
  fi
fi
python3 -m pip install -q --disable-pip-version-check -e ".[test]"
# An editable install is never byte-compiled by pip, and PYTHONDONTWRITEBYTECODE (common in
# containers) stops Python from caching it: compile once so each run starts fast (~70 ms less).
python3 -m compileall -q server/dockwise
