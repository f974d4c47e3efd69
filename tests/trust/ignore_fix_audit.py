"""Apply every `.dockerignore` fix dockwise would apply (safe and unsafe) over the shared build
contexts, and judge what each one newly excludes.

For each fix: the ignore file it writes, the files of the context that the old ignore file
sends and the new one excludes, and, for each Dockerfile built with that ignore file, which
of them a COPY/ADD (or bind mount) brings in although they are neither junk nor a secret by
the rules of :mod:`dockwise.rules.support.fixguard` and
:mod:`dockwise.buildcontext.secrets` (source code or configuration), or which the Dockerfile
names itself (`COPY dist ./dist`, `RUN cd build`). Those are violations: the fix would break
the build or the program.

Run as a script it prints the totals: `python3 tests/trust/ignore_fix_audit.py [CONTEXTS]`, or
with `--checkout` over developer working copies of them (:func:`developer_checkout`).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from dockwise.config import Config
from dockwise.dockerfile import parse
from dockwise.engine.check import run
from dockwise.engine.diagnostic import Applicability
from dockwise.engine.fixer import apply_edits
from dockwise.files import discover, is_dockerfile_name
from dockwise.ignorefile import parse_ignore_file, with_always_sent
from dockwise.project import ProjectView, dockerfiles_for_ignore
from dockwise.rules.support.fixguard import Needed, build_use, unneeded_reason

DOCKERFILE_RULES = ["DW522", "DW523", "DW524"]
IGNORE_RULES = ["DW5"]


@dataclass
class AppliedFix:
    code: str
    where: str                # the file whose finding carries the fix
    ignore_path: str
    title: str
    excluded: list[str]
    violations: list[str] = field(default_factory=list)


@dataclass
class Audit:
    fixes: list[AppliedFix] = field(default_factory=list)
    checked: int = 0          # Dockerfiles and ignore files checked with their context

    @property
    def excluded(self) -> int:
        return sum(len(f.excluded) for f in self.fixes)

    @property
    def violations(self) -> list[str]:
        return [f"{f.code} {f.where}: {v}" for f in self.fixes for v in f.violations]


def _ignore_edit(diag, ignore_path: str | None):
    """(ignore file path, its new text) of a fix that writes an ignore file, else None."""
    fix = diag.fix
    if fix is None or fix.applicability is Applicability.SUGGESTION:
        return None
    if fix.edits and ignore_path is not None:  # a fix of the ignore file being checked
        old = Path(ignore_path).read_text(encoding="utf-8", errors="surrogateescape")
        return ignore_path, old, apply_edits(old, list(fix.edits))
    for fe in fix.other_files:
        if os.path.basename(fe.path).endswith(("dockerignore", "containerignore")):
            old = "" if fe.create and not os.path.exists(fe.path) else \
                Path(fe.path).read_text(encoding="utf-8", errors="surrogateescape")
            return fe.path, old, apply_edits(old, list(fe.edits))
    return None


def _judge(view, dockerfiles: list[str], excluded: list[str]) -> list[str]:
    out = []
    for df_path in dockerfiles:
        use = build_use(parse(Path(df_path).read_text(encoding="utf-8", errors="replace")))
        rel = os.path.relpath(df_path, view.root).replace(os.sep, "/")
        owner_dirs = frozenset({rel.split("/", 1)[0]} if "/" in rel else ())
        for p in excluded:
            r = unneeded_reason(view.root, p, use, owner_dirs)
            if isinstance(r, Needed):
                out.append(f"{os.path.relpath(df_path, view.root)}: {r.why}")
    return out


def _newly_excluded(view, old: str, new: str) -> list[str]:
    always = tuple(p for p in (view.dockerfile_relpath, view.ignore_relpath or ".dockerignore") if p)
    before = with_always_sent(parse_ignore_file(old), *always)
    after = with_always_sent(parse_ignore_file(new), *always)
    snap = view.unfiltered
    return sorted(p for p in list(snap.files) + list(snap.symlinks)
                  if p not in always and not before.verdict(p).excluded and after.verdict(p).excluded)


def audit(contexts: Path) -> Audit:
    result = Audit()
    for repo in sorted(p for p in contexts.iterdir() if p.is_dir()):
        project = ProjectView(stable=True)
        for path in discover(repo):
            spath = str(path)
            text = path.read_text(encoding="utf-8", errors="replace")
            if is_dockerfile_name(path.name):
                cfg = Config(select=DOCKERFILE_RULES)
                kw = project.for_file(spath, text, cfg)
                view = kw.get("context")
                if view is None:
                    continue
                diags = run(text, spath, cfg, **kw).diagnostics
                result.checked += 1
                users = [spath]
                own_ignore = None
            elif path.name.endswith(("dockerignore", "containerignore")):
                cfg = Config(select=IGNORE_RULES)
                kw = project.for_file(spath, text, cfg)
                view = kw.get("context")
                if view is None:
                    continue
                diags = run(text, spath, cfg, **kw).diagnostics
                result.checked += 1
                users = [os.path.abspath(d) for d in dockerfiles_for_ignore(spath)]
                own_ignore = spath
            else:
                continue
            for d in diags:
                edit = _ignore_edit(d, own_ignore)
                if edit is None:
                    continue
                ignore_path, old, new = edit
                excluded = _newly_excluded(view, old, new)
                fix = AppliedFix(d.code, f"{repo.name}/{os.path.relpath(spath, repo)}:{d.line + 1}", ignore_path,
                                 d.fix.title, excluded)
                fix.violations = _judge(view, users, excluded)
                result.fixes.append(fix)
    return result


def _link_or_copy(src: str, dst: str) -> None:
    import shutil
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def developer_checkout(contexts: Path, dest: Path) -> Path:
    """A copy of every repository tree as a developer's working copy looks after an install,
    a build and a test run: `.git`, `node_modules` beside each `package.json`, bytecode caches
    beside Python files, a virtual environment, logs, host build output (only where the
    repository has no such folder of its own) and a local `.env` with a token."""
    import shutil

    for repo in sorted(p for p in contexts.iterdir() if p.is_dir()):
        tree = dest / repo.name
        shutil.copytree(repo, tree, copy_function=_link_or_copy)  # the tree's files are only read
        add = {".git/HEAD": "ref: refs/heads/main\n", ".git/config": "[core]\n", ".git/objects/pack/p.pack": "PACK",
               ".DS_Store": "x", ".env.local": "API_TOKEN=dev-4f2a9c\n"}
        if (tree / "pyproject.toml").exists() or (tree / "requirements.txt").exists():
            add[".venv/bin/python"] = "x"
        for out in ("dist", "build"):
            if not (tree / out).exists():
                add[f"{out}/app.bin"] = "x"
        py_dirs = 0
        for folder, dirs, files in os.walk(tree):
            dirs[:] = [d for d in dirs if d not in (".git", "node_modules", "__pycache__", ".venv")]
            rel = os.path.relpath(folder, tree)
            rel = "" if rel == "." else rel + "/"
            if "package.json" in files:
                add[rel + "node_modules/left-pad/index.js"] = "x"
                add[rel + "npm-debug.log"] = "x"
            py = [f for f in files if f.endswith(".py")]
            if py and py_dirs < 20:
                py_dirs += 1
                add[rel + "__pycache__/" + py[0][:-3] + ".cpython-312.pyc"] = "x"
        for rel, text in add.items():
            target = tree / rel
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
    return dest


def main(argv: list[str]) -> int:
    contexts = Path(argv[1]) if len(argv) > 1 and argv[1] != "--checkout" else \
        Path(__file__).resolve().parents[2].parent / "shared" / "contexts"
    if "--checkout" in argv:
        import tempfile
        contexts = developer_checkout(contexts, Path(tempfile.mkdtemp(prefix="dockwise-checkout-")))
    result = audit(contexts)
    for f in result.fixes:
        print(f"{f.code} {f.where}: {f.title}: {len(f.excluded)} files newly excluded, "
              f"{len(f.violations)} needed by the build")
        for v in f.violations[:5]:
            print(f"    {v}")
    print(f"files checked: {result.checked}, fixes: {len(result.fixes)}, files newly excluded: {result.excluded}, "
          f"excluded files the build needs: {len(result.violations)} "
          f"(in {sum(1 for f in result.fixes if f.violations)} fixes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
