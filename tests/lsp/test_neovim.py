"""A real editor as the client: headless Neovim 0.7 runs tests/lsp/nvim_client.lua with the
set-up and fix-on-save snippets of docs/editors.md *as written there* (extracted from the doc,
so the two cannot drift), applies two quick fixes and writes the file: the file must equal what
dockwise's own fixer makes of the same input.

Neovim comes from Debian (`apt-get install neovim`, done by scripts/setup-dev.sh); without it
this test fails rather than skips, so CI cannot silently lose the only real-editor check.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from dockwise.buildcontext.view import load_context
from dockwise.config import Config
from dockwise.engine.check import check
from dockwise.engine.fixer import fix_text

LUA = Path(__file__).with_name("nvim_client.lua")
REPO = Path(__file__).resolve().parents[2]

NAIVE = """\
FROM python:latest
WORKDIR /app
RUN mkdir -p /app/data
RUN echo ready > /app/data/status
COPY . /app
RUN pip install flask
"""


def context_kw(path: Path) -> dict:
    """The build context as the server sees it for a Dockerfile on disk (context rules run)."""
    view = load_context(path.parent, path)
    return {"context": view, "ignore": view.ignore, "ignore_path": view.ignore_path}


def expected_text(text: str, path: Path) -> str:
    """What the three editor steps must give, computed by the fixer on the same input."""
    pinned = fix_text(text, str(path), Config(select=["DL3007"]), unsafe=True)   # quick fix: unsafe
    assert [c for c, _ in pinned.applied] == ["DL3007"], pinned.applied
    merged = fix_text(pinned.text, str(path), Config(select=["DL3059"]))          # quick fix: safe
    assert [c for c, _ in merged.applied] == ["DL3059"], merged.applied
    return fix_text(merged.text, str(path), **context_kw(path)).text              # fix-all: safe only


def doc_blocks(heading: str, lang: str) -> list[str]:
    """The fenced `lang` blocks of the docs/editors.md section whose heading starts with `heading`."""
    doc = (REPO / "docs" / "editors.md").read_text()
    start = doc.index("\n" + heading)
    level = heading.split(" ")[0]
    rest = doc[start + 1:]
    ends = [m.start() for m in re.finditer(r"^#{1,%d} " % len(level), rest, re.M) if m.start() > 0]
    section = rest[:ends[0]] if ends else rest
    blocks = re.findall(r"```%s\n(.*?)```" % lang, section, re.S)
    assert blocks, f"docs/editors.md has no {lang} block under {heading!r}"
    return blocks


def dockwise_on_path(work: Path) -> dict[str, str]:
    """An environment whose `dockwise` runs this checkout, as `pip install .` would make it, so
    the documented snippets run unchanged (`cmd = { "dockwise", "lsp" }`)."""
    bin_dir = work / "bin"
    bin_dir.mkdir(exist_ok=True)
    wrapper = bin_dir / "dockwise"
    wrapper.write_text(f'#!/bin/sh\nPYTHONPATH={REPO / "server"} exec {sys.executable} -m dockwise "$@"\n')
    wrapper.chmod(0o755)
    return dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}")


def test_neovim_applies_quick_fixes_and_fix_on_save(tmp_path: Path):
    nvim = shutil.which("nvim")
    assert nvim, "Neovim is missing: `apt-get install neovim` (scripts/setup-dev.sh installs it)"
    work = tmp_path.resolve()
    project = work / "project"  # the build context; Neovim's files stay outside it
    project.mkdir()
    dockerfile = project / "Dockerfile"
    dockerfile.write_text(NAIVE)
    result = work / "result.json"
    snippets = work / "dockwise.lua"  # what a user puts in ~/.config/nvim/plugin/dockwise.lua
    setup = doc_blocks("### Neovim 0.7", "lua")
    fix_on_save = doc_blocks("### Fix all on save", "lua")
    assert len(setup) == 1 and len(fix_on_save) == 1
    snippets.write_text(setup[0] + fix_on_save[0])
    env = dict(dockwise_on_path(work),
               DOCKWISE_NVIM_FILE=str(dockerfile), DOCKWISE_NVIM_RESULT=str(result),
               DOCKWISE_NVIM_SNIPPETS=str(snippets),
               DOCKWISE_NVIM_TIMEOUT_MS="30000", XDG_STATE_HOME=str(work / "state"),
               XDG_DATA_HOME=str(work / "data"), XDG_CACHE_HOME=str(work / "cache"))
    try:
        proc = subprocess.run([nvim, "--headless", "--clean", "-u", str(LUA)], cwd=project, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired as e:
        raise AssertionError(f"headless Neovim did not finish in 300 s: {e.stderr!r}") from e
    assert result.exists(), f"Neovim wrote no result (exit {proc.returncode}): {proc.stderr}"
    out = json.loads(result.read_text())
    assert out["ok"], f"{out.get('error')}\nsteps: {out['log']}\nstderr: {proc.stderr}"
    assert proc.returncode == 0, proc.stderr

    # the quick fixes Neovim found and applied, by title (DL3007's is an unsafe fix)
    assert out["titles"][0].startswith("dockwise (DL3007): Pin to `:"), out["titles"]
    assert out["titles"][1] == "dockwise (DL3059): Merge this RUN into the one before"

    # the quick fixes edited the buffer; the write applied fix-all first (the doc's BufWritePre)
    assert "RUN pip install flask" in out["before_write"]
    final = dockerfile.read_text()
    assert final == out["text"] == expected_text(NAIVE, dockerfile)
    # and concretely, so the comparison cannot pass vacuously
    lines = final.splitlines()
    assert re.fullmatch(r"FROM python:\d+\.\d+\.\d+", lines[0]), lines[0]
    assert sum(1 for line in lines if line.startswith("RUN ")) == 2
    assert re.search(r"^RUN mkdir -p /app/data && \\\n\s+echo ready > /app/data/status$", final, re.M), final
    assert "pip install --no-cache-dir flask" in final
    assert final != NAIVE
    # what Neovim was last told matches a fresh check of the final text
    fresh = check(final, str(dockerfile), **context_kw(dockerfile))
    assert sorted(out["final_codes"]) == sorted(d.code for d in fresh)
