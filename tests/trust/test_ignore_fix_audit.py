"""Every `.dockerignore` fix dockwise applies (safe or unsafe) over the shared build contexts,
and over developer working copies of them, excludes no file the build uses (issue 14, part 6).

See tests/trust/ignore_fix_audit.py; `python3 tests/trust/ignore_fix_audit.py [--checkout]`
prints the numbers.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ignore_fix_audit import audit, developer_checkout  # noqa: E402
from shared_data import SHARED  # noqa: E402

from dockwise.dockerfile import parse  # noqa: E402
from dockwise.rules.support.fixguard import build_use, newly_excluded, violations  # noqa: E402
from dockwise.buildcontext import walk_context  # noqa: E402

CONTEXTS = SHARED / "contexts"


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    return developer_checkout(CONTEXTS, tmp_path_factory.mktemp("checkout"))


def test_no_fix_over_the_real_trees_excludes_what_the_build_uses():
    # The trees as committed hold little junk: the fixes dockwise used to apply here took a
    # Vite `.env`, an Expo `.env` and an `.npmrc` out of builds that read them.
    result = audit(CONTEXTS)
    assert result.checked >= 300  # every Dockerfile and ignore file of the 44 repositories
    assert result.violations == []


def test_no_fix_over_developer_working_copies_excludes_what_the_build_uses(checkout):
    result = audit(checkout)
    # .git, node_modules, caches, logs, build output and a .env in 44 repositories: many fixes
    assert len(result.fixes) >= 50 and result.excluded >= 150
    assert result.violations == []


def test_the_judge_catches_a_fix_that_would_break_a_build(tmp_path):
    # What dockwise used to write for paperless-ngx: `**/.npmrc` takes src-ui/.npmrc (npm
    # settings the `npm ci` of `COPY src-ui/ …` reads) out of the build.
    (tmp_path / "src-ui").mkdir()
    (tmp_path / "src-ui" / ".npmrc").write_text("legacy-peer-deps=true\n")
    (tmp_path / "src-ui" / "package.json").write_text("{}")
    df = parse("FROM node:20\nWORKDIR /src/src-ui\nCOPY src-ui/ ./\nRUN npm ci\n")
    snap = walk_context(tmp_path)
    excluded = newly_excluded(snap, ["**/.npmrc"])
    assert excluded == ["src-ui/.npmrc"]
    (needed,) = violations(str(tmp_path), excluded, build_use(df))
    assert "source code or configuration" in needed.why


def test_newly_excluded_matches_per_directory_and_survives_deep_trees():
    from types import SimpleNamespace
    deep = "/".join(["d"] * 3000)                 # deeper than Python's recursion limit
    snap = SimpleNamespace(files={f"{deep}/__pycache__/m.pyc": 1, f"{deep}/m.py": 1, "Dockerfile": 1},
                           symlinks={})
    assert newly_excluded(snap, ["**/__pycache__"], ("Dockerfile",)) == [f"{deep}/__pycache__/m.pyc"]
    assert newly_excluded(snap, ["**"], ("Dockerfile",)) == sorted([f"{deep}/__pycache__/m.pyc", f"{deep}/m.py"])
