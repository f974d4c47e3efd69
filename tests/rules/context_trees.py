"""Build-context trees on disk for the DW5xx context rules' tests."""

from __future__ import annotations

from pathlib import Path

from dockwise.buildcontext import load_context
from dockwise.config import Config
from dockwise.engine.check import check


def make_tree(root: Path, files: dict[str, str | int]) -> Path:
    """`files`: relative path → text, or a size in bytes (filled with zeros)."""
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, int):
            p.write_bytes(b"\0" * content)
        else:
            p.write_text(content, encoding="utf-8", newline="")
    return root


def lint_dockerfile(code: str, root: Path, files: dict[str, str | int], dockerfile: str = "Dockerfile"):
    make_tree(root, files)
    text = (root / dockerfile).read_text()
    view = load_context(root, root / dockerfile)
    return [d for d in check(text, str(root / dockerfile), Config(select=[code]), context=view,
                             ignore=view.ignore, ignore_path=view.ignore_path) if d.code == code]


def lint_ignore(code: str, root: Path, files: dict[str, str | int], name: str = ".dockerignore"):
    make_tree(root, files)
    text = (root / name).read_text()
    view = load_context(root)
    return [d for d in check(text, str(root / name), Config(select=[code]), context=view) if d.code == code]
