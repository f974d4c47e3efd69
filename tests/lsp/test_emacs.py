"""A real Emacs as the client: Debian's emacs-nox 28 with elpa-eglot and elpa-dockerfile-mode,
configured with the init snippet of docs/editors.md *as written there* (extracted from the doc
by this test, so the two cannot drift), opens a naive Dockerfile, takes the default quick fix of
two findings with `M-x eglot-code-actions`, and saves: the file on disk must be what dockwise's
own fixer makes of the same steps. A second Emacs checks that the snippet leaves other buffers'
saves alone while eglot is not loaded.

The Emacs packages come from Debian (scripts/setup-dev.sh installs them); without them this
test fails rather than skips. `dockwise` on PATH is a wrapper running this checkout.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from test_neovim import NAIVE, context_kw, dockwise_on_path, expected_text

from dockwise.engine.check import check

HERE = Path(__file__).parent
REPO = HERE.parents[1]
CLIENT = HERE / "emacs_client.el"


def doc_snippet() -> str:
    """The first elisp block of the Emacs section of docs/editors.md."""
    doc = (REPO / "docs" / "editors.md").read_text()
    section = doc[doc.index("\n## Emacs"):]
    section = section[:section.index("\n## ", 1)]
    blocks = re.findall(r"```elisp\n(.*?)```", section, re.S)
    assert blocks, "docs/editors.md has no elisp block under ## Emacs"
    return blocks[0]


def emacs_env(work: Path) -> dict[str, str]:
    return dict(dockwise_on_path(work), HOME=str(work / "home"))


def run_emacs(work: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    emacs = shutil.which("emacs")
    assert emacs, "Emacs is missing: apt-get install emacs-nox elpa-eglot elpa-dockerfile-mode (scripts/setup-dev.sh)"
    init = work / "init.el"
    init.write_text(doc_snippet())
    # --batch skips package activation, which a normal start-up does before the init file
    cmd = [emacs, "--batch", "--eval", "(package-activate-all)", "-l", str(init), *args]
    try:
        return subprocess.run(cmd, cwd=work, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=300)
    except subprocess.TimeoutExpired as e:
        raise AssertionError(f"Emacs did not finish in 300 s: {e.stderr!r}") from e


def test_emacs_quick_fixes_and_fix_on_save_with_the_documented_snippet(tmp_path: Path):
    work = tmp_path.resolve()
    (work / "home").mkdir()
    project = work / "project"
    project.mkdir()
    dockerfile = project / "Dockerfile"
    dockerfile.write_text(NAIVE)
    result = work / "result.json"
    env = dict(emacs_env(work), DOCKWISE_EMACS_FILE=str(dockerfile), DOCKWISE_EMACS_RESULT=str(result),
               DOCKWISE_EMACS_TIMEOUT="120")
    proc = run_emacs(work, env, "-l", str(CLIENT))
    assert result.exists(), f"Emacs wrote no result (exit {proc.returncode}): {proc.stderr[-3000:]}"
    out = json.loads(result.read_text())
    assert out["ok"] is True, f"{out.get('error')}\nsteps: {out['log']}\nstderr: {proc.stderr[-3000:]}"
    assert proc.returncode == 0, proc.stderr[-3000:]

    assert out["mode"] == "dockerfile-mode"  # the mode users have, from auto-mode-alist
    assert out["opened"] == sorted(d.code for d in check(NAIVE, str(dockerfile), **context_kw(dockerfile)))
    # RET on M-x eglot-code-actions takes the fix, not a "disable" comment
    assert out["pin_default"].startswith("dockwise (DL3007): Pin to `:"), out["pin_offered"]
    assert out["merge_default"] == "dockwise (DL3059): Merge this RUN into the one before", out["merge_offered"]
    offered = [t for t in out["pin_offered"] if t != "dockwise: fix all auto-fixable problems"]
    first_disable = next(i for i, t in enumerate(offered) if t.startswith("dockwise: disable"))
    assert all(t.startswith("dockwise: disable") for t in offered[first_disable:]), offered

    # the quick fixes edited the buffer only; the save applied the safe fixes and wrote the file
    assert "RUN pip install flask" in out["before_save"]
    final = dockerfile.read_text()
    assert final == expected_text(NAIVE, dockerfile)
    assert re.match(r"FROM python:\d+\.\d+\.\d+\n", final) and "pip install --no-cache-dir flask" in final
    assert not (project / ".dockerignore").exists()  # an unsafe fix: not applied on save
    fresh = check(final, str(dockerfile), **context_kw(dockerfile))
    assert out["final_codes"] == sorted(d.code for d in fresh)


def test_the_documented_snippet_leaves_other_saves_alone_before_eglot_loads(tmp_path: Path):
    work = tmp_path.resolve()
    (work / "home").mkdir()
    notes = work / "notes.txt"
    script = f"""
(progn
  (find-file "{notes}")
  (insert "remember the milk\\n")
  (save-buffer)
  (princ (format "eglot-loaded=%s hook=%S\\n" (featurep 'eglot) (default-value 'before-save-hook))))
"""
    proc = run_emacs(work, emacs_env(work), "--eval", script)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert notes.read_text() == "remember the milk\n"
    assert "eglot-loaded=nil" in proc.stdout, proc.stdout
    assert "dockwise" not in proc.stdout.split("hook=")[1], proc.stdout  # not on the global hook
