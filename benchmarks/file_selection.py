"""How the one classifier (dockwise.classify) changes file selection over the contexts repositories,
against the definitions main had before it (the CLI walk, the language server, the pre-commit regex).

    PYTHONPATH=server python3 benchmarks/file_selection.py
"""
import fnmatch
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "server"))
from dockwise.classify import classify, pre_commit_regex  # noqa: E402
from dockwise.files import walk_lintable  # noqa: E402

# the definitions on main before this branch (copied from main's files for the measurement)
DOCKERFILE_PATTERNS = ("Dockerfile", "Dockerfile.*", "Dockerfile-*", "Dockerfile_*", "*.Dockerfile", "*-Dockerfile",
                       "*_Dockerfile", "*.dockerfile", "Containerfile", "Containerfile.*", "Containerfile-*",
                       "*.Containerfile", "dockerfile")
NOT = (".md", ".txt", ".rst", ".py", ".sh", ".json", ".yml", ".yaml", ".toml", ".j2", ".tmpl",
       ".template", ".tpl", ".in", ".orig", ".bak", ".swp", ".dockerignore", ".html", ".go", ".rs")
IGN = (".dockerignore", "*.dockerignore", ".containerignore")
def cli(n):
    if any(fnmatch.fnmatchcase(n, p) for p in IGN): return "dockerignore"
    if not n.lower().endswith(NOT) and any(fnmatch.fnmatchcase(n, p) for p in DOCKERFILE_PATTERNS): return "dockerfile"
LSP_DF = ("Dockerfile", "Dockerfile.*", "*.Dockerfile", "*.dockerfile", "Containerfile*", "dockerfile", "containerfile*")
def lsp(n):
    if any(fnmatch.fnmatch(n, g) for g in IGN): return "dockerignore"
    if any(fnmatch.fnmatch(n, g) for g in LSP_DF): return "dockerfile"
OLD_RE = re.compile(r'(^|/)((Dockerfile|Containerfile|dockerfile)(\.[^/]*)?|[^/]+\.([Dd]ockerfile|dockerignore)|\.(dockerignore|containerignore))$')
NEW_RE = re.compile(pre_commit_regex())
root = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "contexts")
names = []
for d, ds, fs in os.walk(root):
    ds[:] = [x for x in ds if x not in (".git", "node_modules")]
    names += fs
c = Counter()
diffs = Counter()
for n in names:
    new = classify(n)
    c["new"] += new is not None
    c["cli"] += cli(n) is not None
    c["lsp"] += lsp(n) is not None
    c["precommit_old"] += bool(OLD_RE.search(n))
    c["precommit_new"] += bool(NEW_RE.search(n))
    for tool, old in (("cli", cli(n)), ("lsp", lsp(n)), ("pre-commit", "x" if OLD_RE.search(n) else None)):
        if (old is not None) != (new is not None):
            diffs[(tool, n, old is not None, new is not None)] += 1
print(len(names), "file names under", root); print(dict(c))
for (tool, n, o, nw), k in sorted(diffs.items()):
    print(f"{tool:10} {n:45} old={o} new={nw} x{k}")

# the workspace scan: main's language server skipped every hidden folder
old_skip = {".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache", ".bench"}
old_scan = set()
for d, ds, fs in os.walk(root):
    ds[:] = [x for x in ds if x not in old_skip and not x.startswith(".")]
    old_scan.update(os.path.join(d, f) for f in fs if lsp(f) is not None)
new_scan = {str(p) for p in walk_lintable(root)}
print("workspace scan: main", len(old_scan), "now", len(new_scan))
print("only now:", sorted(os.path.relpath(p, root) for p in new_scan - old_scan)[:40])
print("only main:", sorted(os.path.relpath(p, root) for p in old_scan - new_scan))
