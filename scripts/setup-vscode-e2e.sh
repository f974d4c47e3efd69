#!/usr/bin/env bash
# Installs code-server (a full VS Code build served over HTTP) into a cache directory, for the
# real-VS-Code end-to-end test (tests/vscode/). Idempotent: a finished install is reused, so only
# the first run pays (~20 min on a loaded 2-core machine; a few ms afterwards).
#
# code-server's own npm install does not work offline (its postinstall downloads ripgrep from
# GitHub, and as root npm refuses the scripts), so the postinstall steps are done here by hand.
# Needs Node 20 (code-server 4.100.3 is the newest release that accepts it), a C++ toolchain,
# pkg-config, libkrb5-dev, libsecret-1-dev and ripgrep (scripts/setup-dev.sh installs them).
#
# Prints the install directory on its last line. DOCKWISE_E2E_CACHE overrides the cache root.
set -euo pipefail

version=4.100.3
cache="${DOCKWISE_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dockwise-e2e}"
dest="$cache/code-server-$version"

if [ -f "$dest/.complete" ]; then
  echo "$dest"
  exit 0
fi

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)"
if [ "$node_major" != 20 ]; then
  echo "setup-vscode-e2e: code-server $version needs Node 20, found: $node_major" >&2
  exit 1
fi
rg_path="$(command -v rg || true)"
if [ -z "$rg_path" ]; then
  echo "setup-vscode-e2e: ripgrep (rg) is missing: apt-get install ripgrep" >&2
  exit 1
fi

mkdir -p "$cache"
# One installer at a time; a second caller waits and then finds the finished install.
exec 9>"$cache/.lock"
flock 9
if [ -f "$dest/.complete" ]; then
  echo "$dest"
  exit 0
fi

# An unfinished install (no .complete) is started again from scratch.
work="$dest"
rm -rf "$work"
mkdir -p "$work"
started=$SECONDS
npm_quiet=(--no-audit --no-fund --loglevel=error)

echo "setup-vscode-e2e: installing code-server $version into $dest (takes a while the first time)" >&2
npm install --prefix "$work" "code-server@$version" --ignore-scripts "${npm_quiet[@]}" >&2
(cd "$work" && npm rebuild argon2 "${npm_quiet[@]}" >&2)

cs="$work/node_modules/code-server"
(
  cd "$cs/lib/vscode"
  npm install --omit=dev --ignore-scripts "${npm_quiet[@]}" >&2
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$rg_path" node_modules/@vscode/ripgrep/bin/rg
  # node-pty's own post-install step exits 1 after pty.node is built: judged by the files below.
  npm rebuild --foreground-scripts "${npm_quiet[@]}" >&2 || true
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
  (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
  (cd extensions && npm install --omit=dev --ignore-scripts "${npm_quiet[@]}" >&2 && node postinstall.mjs >&2)
)

for native in node-pty/build/Release/pty.node; do
  if [ ! -f "$cs/lib/vscode/node_modules/$native" ]; then
    echo "setup-vscode-e2e: native module not built: $native" >&2
    exit 1
  fi
done
if ! "$work/node_modules/.bin/code-server" --version >/dev/null; then
  echo "setup-vscode-e2e: the installed code-server does not start" >&2
  exit 1
fi

echo "installed in $((SECONDS - started)) s" >"$dest/.complete"
echo "setup-vscode-e2e: code-server $version installed in $((SECONDS - started)) s" >&2
echo "$dest"
