"""The shipped tables are exactly what the generators make from ../shared (bar the date)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DATA = ROOT / "server" / "dockwise" / "data"

CASES = [
    ("gen_image_index.py", SHARED / "official-images", DATA / "image_index.json"),
    ("gen_eol.py", SHARED / "endoflife", DATA / "eol.json"),
]


def _load_script(name: str):
    path = ROOT / "scripts" / name
    spec = importlib.util.spec_from_file_location(f"_dockwise_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("script, source, shipped", CASES, ids=[c[0] for c in CASES])
def test_shipped_table_is_current(script, source, shipped, tmp_path):
    assert source.is_dir(), f"shared data absent: {source}"
    generated = json.loads(shipped.read_text(encoding="utf-8"))["generated"]
    out = tmp_path / shipped.name
    module = _load_script(script)
    assert module.main(["--source", str(source), "--output", str(out), "--generated", generated]) == 0
    assert out.read_bytes() == shipped.read_bytes(), (
        f"{shipped.name} is stale: run `python scripts/{script}` from the repository root"
    )


@pytest.mark.parametrize("script, source, shipped", CASES, ids=[c[0] for c in CASES])
def test_generation_is_deterministic(script, source, shipped, tmp_path):
    assert source.is_dir(), f"shared data absent: {source}"
    module = _load_script(script)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for out in (first, second):
        module.main(["--source", str(source), "--output", str(out), "--generated", "2000-01-01"])
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["generated"] == "2000-01-01" and data["source"]["commit"]


@pytest.mark.parametrize("shipped", [c[2] for c in CASES], ids=[c[2].name for c in CASES])
def test_shipped_tables_are_compact(shipped):
    assert shipped.stat().st_size < 2_000_000
