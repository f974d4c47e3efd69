"""Start-up work of a one-file `dockwise check` (issue #18 item 9), bounded by what is done, not
by seconds: which modules a plain check imports, and which regular expressions are compiled at
import. Timings are in benchmarks/startup.py."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dockwise.lazy_regex import LazyPattern, lazy_compile

PACKAGE = Path(__file__).resolve().parents[1] / "server" / "dockwise"


# --- lazy_compile -------------------------------------------------------------------------------

def test_a_lazy_pattern_compiles_on_first_use_only(monkeypatch):
    calls = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda *a: calls.append(a) or real(*a))
    apt = lazy_compile(r"apt-get\s+install", re.IGNORECASE)
    assert calls == []
    assert apt.pattern == r"apt-get\s+install" and calls == []  # the text is known without compiling
    assert apt.search("RUN APT-GET  install -y curl").group() == "APT-GET  install"
    assert apt.search("RUN apk add curl") is None
    assert calls == [(r"apt-get\s+install", re.IGNORECASE)]


def test_a_lazy_pattern_answers_as_the_compiled_one():
    text = "FROM python:3.12-slim AS build\nFROM node:20 AS web\n"
    source = r"^FROM (?P<image>\S+) AS (?P<stage>\w+)$"
    lazy, real = lazy_compile(source, re.MULTILINE), re.compile(source, re.MULTILINE)
    assert [m.groupdict() for m in lazy.finditer(text)] == [m.groupdict() for m in real.finditer(text)]
    assert lazy.findall(text) == real.findall(text)
    assert lazy.sub(r"FROM \g<image>", text) == real.sub(r"FROM \g<image>", text)
    assert lazy.subn("x", text) == real.subn("x", text)
    assert lazy.split(text) == real.split(text)
    assert lazy.match(text).span() == real.match(text).span()
    assert lazy.fullmatch("FROM a AS b").group("stage") == "b"
    assert (lazy.flags, lazy.groups, dict(lazy.groupindex)) == (real.flags, real.groups, dict(real.groupindex))


def test_a_lazy_bytes_pattern_matches_bytes():
    builder = lazy_compile(rb"\b(?:docker|podman)\s+build\b", re.I)
    assert builder.search(b"\tDocker build -t app .") is not None
    assert builder.search(b"docker-compose up") is None


def test_a_lazy_pattern_keeps_the_compiled_methods_after_first_use():
    pattern = lazy_compile(r"\d+")
    pattern.match("1")
    assert pattern.__dict__["match"] == re.compile(r"\d+").match  # no wrapper call on later uses


def test_a_lazy_pattern_has_no_other_attributes():
    with pytest.raises(AttributeError):
        lazy_compile("x").no_such_method  # noqa: B018
    assert isinstance(lazy_compile("x"), LazyPattern)


# --- no regular expression compiled at import ---------------------------------------------------

# Modules a check does not import, or does not own: the Dockerfile parser (being restructured
# under #18 item 2; its patterns are compiled at import), the language server, the registry
# client (--pin-digests), the extra report formats, the rule registry's one code pattern.
COMPILES_AT_IMPORT = {"dockwise.dockerfile.parser", "dockwise.rules.registry", "dockwise.output.extra_formats"}
NOT_IN_A_CHECK = ("dockwise.lsp.", "dockwise.registry.")


def _module_level_compiles(tree: ast.AST) -> list[int]:
    """Lines of `re.compile(...)` calls run when the module is imported (not inside a function
    or class body)."""
    found = []

    def visit(node, deferred):
        for child in ast.iter_child_nodes(node):
            inside = deferred or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))
            if (not inside and isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute)
                    and child.func.attr == "compile" and isinstance(child.func.value, ast.Name)
                    and child.func.value.id == "re"):
                found.append(child.lineno)
            visit(child, inside)

    visit(tree, False)
    return found


def test_the_scan_finds_compiles_at_import():
    tree = ast.parse(textwrap.dedent("""
        import re
        A = re.compile("a")
        TABLE = (("b", re.compile("b")),)
        def later():
            return re.compile("c")
        class Rule:
            pattern = re.compile("d")
    """))
    assert _module_level_compiles(tree) == [3, 4]


def test_no_module_compiles_a_regex_when_imported():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if name in COMPILES_AT_IMPORT or name.startswith(NOT_IN_A_CHECK):
            continue
        found += [f"{path.relative_to(PACKAGE)}:{line}"
                  for line in _module_level_compiles(ast.parse(path.read_text(encoding="utf-8")))]
    assert found == [], "use lazy_regex.lazy_compile for patterns made at import:\n" + "\n".join(found)


# --- what a plain check imports ------------------------------------------------------------------

_MODULES_AFTER_CHECK = """
import runpy, sys, json
sys.argv = ["dockwise", "check", "--exit-zero", sys.argv[1]]
try:
    runpy.run_module("dockwise", run_name="__main__")
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""

# Used by a check only in some files (a configuration file, a crash, an unknown name, a fix, a
# wildcard COPY source, a shell-form command line, an ignore-file fix to guard): never by a plain
# check of a plain file. The editor's memos (engine.incremental) and re-parsing after an edit
# (dockerfile.incremental) only by the language server.
NOT_FOR_A_PLAIN_CHECK = {"logging", "tomllib", "tomli", "difflib", "shlex", "glob", "dockwise.output.diff",
                         "dockwise.engine.fixer", "dockwise.engine.incremental", "dockwise.rules.support.fixguard",
                         "dockwise.dockerfile.incremental"}


def _modules_after_check(tmp_path: Path, dockerfile: str) -> set[str]:
    (tmp_path / "Dockerfile").write_text(dockerfile)
    (tmp_path / "app.py").write_text("print('hello')\n")
    done = subprocess.run([sys.executable, "-c", _MODULES_AFTER_CHECK, str(tmp_path / "Dockerfile")],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stderr.rpartition("MODULES ")[2]))


def test_a_plain_check_imports_only_what_it_uses(tmp_path):
    modules = _modules_after_check(tmp_path, textwrap.dedent("""\
        FROM python:3.12-slim
        WORKDIR /app
        COPY app.py .
        USER 1000
        CMD ["python", "app.py"]
    """))
    assert "dockwise.engine.check" in modules  # it did check
    assert sorted(modules & NOT_FOR_A_PLAIN_CHECK) == []
    assert not any(m.startswith("tree_sitter") for m in modules), "no RUN: no shell to parse"


def test_tree_sitter_is_loaded_for_the_first_run(tmp_path):
    modules = _modules_after_check(tmp_path, textwrap.dedent("""\
        FROM python:3.12-slim
        RUN pip install --no-cache-dir flask==3.0.3
        COPY app.py .
        USER 1000
        CMD ["python", "app.py"]
    """))
    assert {"tree_sitter", "tree_sitter_bash"} <= modules
    assert sorted(modules & NOT_FOR_A_PLAIN_CHECK) == []
