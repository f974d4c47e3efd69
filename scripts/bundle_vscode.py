#!/usr/bin/env python3
"""Install dockwise and its dependencies into vscode-extension/bundled/libs.

The VS Code extension falls back to this copy when neither `dockwise.path`,
`dockwise.interpreter` nor the Python extension's interpreter provides dockwise: it runs
`python -m dockwise lsp` with PYTHONPATH pointing here.

tree-sitter and tree-sitter-bash ship compiled wheels, so the bundle only works on the
platform (OS, CPU) of the Python that runs this script. Build one .vsix per platform
(`vsce package --target linux-x64` etc.) on a matching machine.

Usage: python3 scripts/bundle_vscode.py [--python PYTHON] [--keep]
Set DOCKWISE_SKIP_BUNDLE=1 to do nothing (package a .vsix without a bundle).
Exit codes: 0 bundled or skipped, 2 pip failed or the bundle does not import.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIBS = REPO / "vscode-extension" / "bundled" / "libs"


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, **kwargs)


def prune(libs: Path) -> None:
    """Drop what the server never needs at run time, to keep the .vsix small."""
    for cache in libs.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)
    # Console scripts carry the build machine's interpreter path in their shebang.
    shutil.rmtree(libs / "bin", ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="interpreter whose pip and platform to use")
    parser.add_argument("--keep", action="store_true", help="do not empty bundled/libs first")
    args = parser.parse_args()

    if os.environ.get("DOCKWISE_SKIP_BUNDLE") == "1":
        print("bundle_vscode: DOCKWISE_SKIP_BUNDLE=1, leaving bundled/ as it is")
        return 0

    # Build from a clean copy of the sources: an in-tree build would write build/ and
    # *.egg-info into the repository, and setuptools' reused build/lib can carry modules
    # that no longer exist into the wheel.
    with tempfile.TemporaryDirectory(prefix="dockwise-bundle-") as tmp:
        source = Path(tmp) / "src"
        copy_sources(source)
        return bundle(args, source)


def copy_sources(dest: Path) -> None:
    dest.mkdir()
    for name in ("pyproject.toml", "setup.cfg", "setup.py", "README.md", "LICENSE", "MANIFEST.in"):
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, dest / name)
    shutil.copytree(
        REPO / "server", dest / "server",
        ignore=shutil.ignore_patterns("*.egg-info", "__pycache__", "*.pyc", "build", "dist"),
    )


def bundle(args: argparse.Namespace, source: Path) -> int:
    if not args.keep and LIBS.exists():
        shutil.rmtree(LIBS)
    LIBS.mkdir(parents=True, exist_ok=True)

    pip = [
        args.python, "-m", "pip", "install",
        "--target", str(LIBS),
        "--no-compile",            # .pyc files are written at first run, for the user's Python
        "--disable-pip-version-check",
        "--no-warn-script-location",
        "--quiet",
        "--root-user-action=ignore",
        str(source),
    ]
    if run(pip).returncode != 0:
        print("bundle_vscode: pip install failed", file=sys.stderr)
        return 2
    prune(LIBS)

    # The bundle must import on its own, the way the extension runs it.
    check = run(
        [args.python, "-c", "import dockwise, pygls, lsprotocol, tree_sitter, tree_sitter_bash; print(dockwise.__file__)"],
        env={**os.environ, "PYTHONPATH": str(LIBS), "PYTHONDONTWRITEBYTECODE": "1"},
        cwd=LIBS.parent,
        capture_output=True,
        text=True,
    )
    if check.returncode != 0 or not check.stdout.strip().startswith(str(LIBS)):
        print(f"bundle_vscode: the bundle does not import cleanly:\n{check.stdout}{check.stderr}", file=sys.stderr)
        return 2

    version = subprocess.run(
        [args.python, "-c", "import sys, sysconfig; print(f'{sys.version_info[0]}.{sys.version_info[1]}', sysconfig.get_platform())"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    manifest = {
        "python": version[0],
        "platform": version[1],
        "built_on": f"{platform.system()} {platform.machine()}",
    }
    (LIBS.parent / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    size = sum(f.stat().st_size for f in LIBS.rglob("*") if f.is_file())
    print(f"bundle_vscode: {LIBS.relative_to(REPO)} ready ({size / 1e6:.1f} MB, Python {version[0]}, {version[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
