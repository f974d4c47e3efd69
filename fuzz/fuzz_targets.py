#!/usr/bin/env python3
"""Coverage-guided fuzzing (atheris) of the parser, the rules, the fixer and the .dockerignore matcher.

    python fuzz/fuzz_targets.py TARGET [-runs=N] [-max_total_time=S] [CORPUS_DIR ...]

TARGET is one of: parse, check, fix, ignore, structured. The seed corpus is built from
../shared/corpus (`--seed DIR` writes it). `structured` draws a family of adversarial shapes
(fuzz/generators.py: long chains, deep nesting, repeated globs), a size and a splice from the
fuzzer's bytes, then checks, fixes and (for ignore files) matches it. Run with `-timeout=5
-rss_limit_mb=500` to count a slow or hungry input as a failure. A crash is any exception, or an invariant broken (ranges outside the
text, overlapping fix edits, the fixer changing text outside its edits' lines). Every crash
found becomes a regression test in tests/trust/test_fuzz_regressions.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

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


def target_structured(data: bytes) -> None:
    from generators import CONTEXT_PATHS, structured
    name, text = structured(data)
    result = run(text, name, ALL)
    assert not result.crashed, result.crashed
    for d in result.diagnostics:
        assert 0 <= d.start <= d.end <= len(text)
    if name == ".dockerignore":
        ignore = parse_ignore_file(text)
        for p in CONTEXT_PATHS[::10]:
            ignore.verdict(p)
    else:
        out = fix_text(text, name, ALL, unsafe=True)
        if out.applied:
            parse(out.text)


TARGETS = {"parse": target_parse, "check": target_check, "fix": target_fix, "ignore": target_ignore,
           "structured": target_structured}


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
