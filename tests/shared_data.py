"""Where the shared data lives (beside the project root), for tests only."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def corpus_dockerfiles() -> list[Path]:
    """Every Dockerfile of the shared corpus (real-world and BuildKit's parser-edge inputs)."""
    if not CORPUS.is_dir():
        raise RuntimeError(f"the shared corpus is missing: expected it at {CORPUS}")
    return sorted(p for p in CORPUS.rglob("*") if p.is_file()
                  and not p.name.endswith("__result") and p.name not in ("MANIFEST.tsv", "README.md")
                  and "dockerignore" not in p.name)


def corpus_ignore_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name.endswith(".dockerignore"))
