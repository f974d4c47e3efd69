"""The wheel and the sdist: LICENSE inside both, SPDX metadata, the version of
`dockwise.__version__`, and an sdist that holds exactly the files that build the wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import dockwise

ROOT = Path(__file__).resolve().parents[1]


def tracked_package_files() -> set[str]:
    out = subprocess.run(["git", "ls-files", "server/dockwise"], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        pytest.fail(f"git ls-files failed: {out.stderr}")
    return {p for p in out.stdout.splitlines() if not p.endswith(".pyc")}


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist and wheel built from a clean copy of the tracked files (no stray build/ or
    egg-info of a developer's checkout), offline: the test extras bring setuptools >= 77."""
    src = tmp_path_factory.mktemp("src")
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\n")
    for rel in filter(None, files):
        if (ROOT / rel).is_file():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, src / rel)
    out = tmp_path_factory.mktemp("dist")
    r = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "-o", str(out), str(src)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    log = r.stdout + r.stderr
    assert "DeprecationWarning" not in log, [line for line in log.splitlines() if "Deprecat" in line]
    return out


def test_sdist_holds_exactly_the_package_readme_license_and_pyproject(dist):
    (sdist,) = dist.glob("*.tar.gz")
    prefix = f"dockwise-{dockwise.__version__}/"
    with tarfile.open(sdist) as tar:
        members = {m.name[len(prefix):] for m in tar.getmembers() if m.isfile()}
    egg_info = {m for m in members if m.startswith("server/dockwise.egg-info/")}
    expected = tracked_package_files() | {"LICENSE", "README.md", "pyproject.toml", "MANIFEST.in", "PKG-INFO", "setup.cfg"}
    assert members - egg_info == expected
    assert {Path(m).name for m in egg_info} <= {"PKG-INFO", "SOURCES.txt", "dependency_links.txt", "entry_points.txt",
                                                "requires.txt", "top_level.txt"}


def test_wheel_holds_the_package_its_data_and_the_license(dist):
    (wheel,) = dist.glob("*.whl")
    assert wheel.name == f"dockwise-{dockwise.__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        info = f"dockwise-{dockwise.__version__}.dist-info/"
        metadata = zf.read(info + "METADATA").decode()
        assert zf.read(info + "licenses/LICENSE") == (ROOT / "LICENSE").read_bytes()
    package = {n for n in names if not n.startswith(info)}
    assert package == {p[len("server/"):] for p in tracked_package_files()}
    assert {"dockwise/data/eol.json", "dockwise/data/image_index.json"} <= package
    assert "License-Expression: MIT" in metadata and "License-File: LICENSE" in metadata
    assert f"Version: {dockwise.__version__}" in metadata
    assert "MIT License" in (ROOT / "LICENSE").read_text()
