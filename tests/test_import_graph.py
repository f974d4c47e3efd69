"""The package's import graph, read with `ast` (module-level and function-level imports, relative
imports resolved; imports under `if TYPE_CHECKING:` count too): the layers issue #18 asks for."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "server" / "dockwise"

# What the engine may build on: the model and its parser, the source text, the .dockerignore
# parser and the facts in `knowledge`. Everything else (config, cli, lsp, rules, shellcheck,
# output, analysis, buildcontext, project, ...) sits above it and is handed in.
BELOW_ENGINE = ("dockwise.engine", "dockwise.dockerfile", "dockwise.source", "dockwise.ignorefile",
                "dockwise.knowledge", "dockwise.classify",  # classify: file names only, imports nothing
                "dockwise.lazy_regex")  # re.compile on first use; imports nothing of dockwise
RULE_MODULE = re.compile(r"dockwise\.rules\.(dockerfile|dockerignore)\.(dl|dw)\d+_\w+$")
# A rule module is one module per rule code under rules/dockerfile/ or rules/dockerignore/
# (`dl3009_apt_lists_not_deleted`); those two packages hold nothing else. What rules share
# (package managers, pip, labels, images, pragmas, helpers, the .dockerignore fix guard) lives
# in rules/support/, which imports no rule module; an analysis of the whole Dockerfile lives in
# analysis/. Item 3 of issue #18 brought rule-module-to-rule-module imports from 26 importers
# (2026-12-07) to zero.
RULE_PACKAGES = ("dockwise.rules.dockerfile", "dockwise.rules.dockerignore")
SUPPORT = "dockwise.rules.support"


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → the dockwise modules it imports (a name imported from a package that is itself a
    module counts as that module: `from . import suppression`)."""
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                for alias in node.names:
                    found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in files else target)
        graph[name] = {m for m in found if m == "dockwise" or m.startswith("dockwise.")}
    return graph


def _within(module: str, prefixes) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_the_graph_sees_every_kind_of_import():
    graph = import_graph()
    # relative, module-level: engine/check.py imports its own diagnostic module
    assert "dockwise.engine.diagnostic" in graph["dockwise.engine.check"]
    # `from . import x` where x is a module
    assert "dockwise.engine.suppression" in graph["dockwise.engine.check"]
    # function-level: the CLI imports the context command only when it runs
    assert "dockwise.context_cli" in graph["dockwise.cli"]
    # two levels up, from a rule module
    assert "dockwise.engine.rule" in graph["dockwise.rules.dockerfile.dl3002_last_user_root"]


def test_the_engine_imports_nothing_above_it():
    graph = import_graph()
    upward = sorted(f"{m} -> {t}" for m, targets in graph.items() if _within(m, ("dockwise.engine",))
                    for t in targets if not _within(t, BELOW_ENGINE))
    assert upward == [], "the engine must be handed what it needs:\n" + "\n".join(upward)


def test_what_the_engine_builds_on_stays_below_it():
    """Transitively: an engine import of the parser must not pull config or the rules back in."""
    graph = import_graph()
    seen, todo = set(), [m for m in graph if _within(m, ("dockwise.engine",))]
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        todo += [t for t in graph.get(m, ()) if t in graph]
    assert sorted(m for m in seen if not _within(m, BELOW_ENGINE)) == []


def rule_to_rule_imports(root: Path = PACKAGE) -> list[str]:
    graph = import_graph(root)
    return sorted(f"{m} -> {t}" for m, targets in graph.items() if RULE_MODULE.search(m)
                  for t in targets if RULE_MODULE.search(t) and t != m)


def test_no_rule_module_imports_another_rule_module():
    edges = rule_to_rule_imports()
    assert edges == [], "move what rules share into rules/support/:\n" + "\n".join(edges)


def test_the_rule_packages_hold_only_rule_modules():
    """A shared helper kept beside the rules (rules/dockerignore/common.py once) would let rules
    import each other's knowledge under another name: it belongs in rules/support/."""
    graph = import_graph()
    others = sorted(m for m in graph if _within(m, RULE_PACKAGES) and m not in RULE_PACKAGES
                    and not RULE_MODULE.search(m))
    assert others == []


def test_support_imports_no_rule_module():
    graph = import_graph()
    edges = sorted(f"{m} -> {t}" for m, targets in graph.items() if _within(m, (SUPPORT,))
                   for t in targets if RULE_MODULE.search(t))
    assert edges == [], "\n".join(edges)
    assert any(_within(t, (SUPPORT,)) for t in graph["dockwise.rules.dockerfile.dl3009_apt_lists_not_deleted"])


def test_a_rule_importing_a_rule_is_seen(tmp_path):
    """The zero above can fail: DL3007 reaching into DL3006 for a helper is found."""
    rules = tmp_path / "dockwise" / "rules" / "dockerfile"
    rules.mkdir(parents=True)
    for init in (tmp_path / "dockwise", tmp_path / "dockwise" / "rules", rules):
        (init / "__init__.py").write_text("")
    (rules / "dl3006_untagged_base_image.py").write_text("def report_floating_bases(rule, df, latest):\n    return []\n")
    (rules / "dl3007_latest_base_image.py").write_text("from .dl3006_untagged_base_image import report_floating_bases\n")
    assert rule_to_rule_imports(tmp_path / "dockwise") == [
        "dockwise.rules.dockerfile.dl3007_latest_base_image -> dockwise.rules.dockerfile.dl3006_untagged_base_image"]


def test_the_graph_reader_finds_a_violation(tmp_path):
    """The checks above can fail: an engine module importing config is seen, at any depth."""
    pkg = tmp_path / "dockwise"
    (pkg / "engine").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "config.py").write_text("")
    (pkg / "engine" / "__init__.py").write_text("")
    (pkg / "engine" / "check.py").write_text("def f():\n    from ..config import Config\n")
    graph = import_graph(pkg)
    assert graph["dockwise.engine.check"] == {"dockwise.config"}


def test_the_language_server_module_holds_only_its_handlers():
    """Issue #18 item 6: pygls workarounds live in lsp/pygls_compat.py, memory management in
    lsp/collector.py, the requests to the client in lsp/client_requests.py, the work in
    lsp/service.py; server.py routes messages and stays short."""
    server = PACKAGE / "lsp" / "server.py"
    lines = len(server.read_text(encoding="utf-8").splitlines())
    assert lines < 150, f"lsp/server.py has {lines} lines"
    graph = import_graph()
    assert "dockwise.lsp.pygls_compat" in graph["dockwise.lsp.server"]
    source = server.read_text(encoding="utf-8")
    # no pygls internals in the handlers: they belong with the workaround that needs them
    assert not re.search(r"\._(send_data|send_response|request_futures|execute_handler)\b|\bimport gc\b", source)


def test_the_cli_leaves_running_files_to_the_runner():
    """Issue #18 item 6: cli.py parses arguments and prints; no process pool or fixing there."""
    graph = import_graph()
    assert "dockwise.runner" in graph["dockwise.cli"]
    assert not graph["dockwise.cli"] & {"dockwise.engine.fixer", "dockwise.engine.check"}
    source = (PACKAGE / "cli.py").read_text(encoding="utf-8")
    assert "multiprocessing" not in source and "write_atomic" not in source
