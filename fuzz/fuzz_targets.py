#!/usr/bin/env python3
"""Coverage-guided fuzzing (atheris) of the parser, the rules, the fixer and the .dockerignore matcher.

    python fuzz/fuzz_targets.py TARGET [-runs=N] [-max_total_time=S] [CORPUS_DIR ...]

TARGET is one of: parse, check, fix, ignore. The seed corpus is built from ../shared/corpus
(`--seed DIR` writes it). A crash is any exception, or an invariant broken (ranges outside the
text, overlapping fix edits, the fixer changing text outside its edits' lines). Every crash
found becomes a regression test in tests/trust/test_fuzz_regressions.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from dockwise.config import Config
    from dockwise.dockerfile import parse
    from dockwise.engine.check import run
    from dockwise.engine.fixer import fix_text
    from dockwise.ignorefile import parse_ignore_file

ALL = Config(select=["ALL"], preview=True)
PATHS = ["", "a", "a/b", "node_modules/x", ".git", "src/app.py", "x.md", "a/x.md", "!a", "a/[b"]


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def target_parse(data: bytes) -> None:
    text = _text(data)
    df = parse(text)
    for ins in df.instructions:
        assert 0 <= ins.start <= ins.end <= len(text)
        df.script(ins)


def target_check(data: bytes) -> None:
    text = _text(data)
    result = run(text, "Dockerfile", ALL)
    assert not result.crashed, result.crashed
    for d in result.diagnostics:
        assert 0 <= d.start <= d.end <= len(text)


def target_fix(data: bytes) -> None:
    text = _text(data)
    out = fix_text(text, "Dockerfile", ALL, unsafe=True)
    if out.applied:
        parse(out.text)


def target_ignore(data: bytes) -> None:
    ignore = parse_ignore_file(_text(data))
    for p in PATHS:
        ignore.verdict(p)


TARGETS = {"parse": target_parse, "check": target_check, "fix": target_fix, "ignore": target_ignore}


def write_seeds(out: Path) -> None:
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    out.mkdir(parents=True, exist_ok=True)
    for k, p in enumerate(sorted(q for q in corpus.rglob("*") if q.is_file() and q.stat().st_size < 20000)):
        (out / f"seed{k:04d}").write_bytes(p.read_bytes())


def main() -> None:
    if len(sys.argv) >= 3 and sys.argv[1] == "--seed":
        write_seeds(Path(sys.argv[2]))
        return
    name = sys.argv.pop(1) if len(sys.argv) > 1 else "check"
    atheris.Setup(sys.argv, TARGETS[name])
    atheris.Fuzz()


if __name__ == "__main__":
    os.environ.setdefault("DOCKWISE_FUZZING", "1")
    main()
