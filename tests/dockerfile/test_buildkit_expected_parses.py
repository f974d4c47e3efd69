"""The model against BuildKit's own expected parses (parser-edge/<name>__result, current BuildKit).

These decide where the oracle's older BuildKit (0.12) and today's BuildKit could differ.
"""

from __future__ import annotations

import ast
import re

import pytest

from dockwise.dockerfile import parse

from shared_data import CORPUS

EDGE = CORPUS / "parser-edge"
TOKEN = re.compile(r'\s*(?:(\()|(\))|(\[)|(\])|("(?:[^"\\]|\\.)*"))', re.S)


def read_sexpr(line: str):
    """`(copy ["--user=me"] "foo" "/tmp/")` → ['copy', ['--user=me'], 'foo', '/tmp/']."""
    stack: list[list] = [[]]
    pos = 0
    head = re.compile(r"\s*\(([a-z]+)")
    while pos < len(line):
        m = head.match(line, pos)
        if m:
            stack.append([m.group(1)])
            pos = m.end()
            continue
        m = TOKEN.match(line, pos)
        if not m:
            if line[pos:].strip():
                raise ValueError(f"cannot read {line[pos:]!r}")
            break
        pos = m.end()
        if m.group(2) or m.group(4):
            done = stack.pop()
            stack[-1].append(done)
        elif m.group(3):
            stack.append([])
        else:
            stack[-1].append(ast.literal_eval(m.group(5)))
    return stack[0][0]


def as_sexpr(ins):
    out = [ins.keyword.lower()]
    if ins.flags:
        out.append(["--" + f.name + ("" if f.value is None else "=" + f.value) for f in ins.flags])
    if ins.keyword == "ONBUILD" and ins.sub is not None:
        out.append(as_sexpr(ins.sub))
    else:
        out.extend(ins.args)
    return out


CASES = sorted(p.name[: -len("__result")] for p in EDGE.glob("*__result"))


def test_there_are_expected_parses():
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", CASES)
def test_model_matches_buildkit_expected_parse(name):
    text = (EDGE / f"{name}__Dockerfile").read_bytes().decode("utf-8", errors="replace")
    expected = [read_sexpr(line) for line in (EDGE / f"{name}__result").read_text().splitlines() if line.strip()]
    got = [as_sexpr(ins) for ins in parse(text).instructions]
    assert got == expected


@pytest.mark.parametrize("name", sorted(p.name for p in EDGE.glob("negative__*")))
def test_negative_cases_report_an_error(name):
    """BuildKit rejects these; the model still parses them and says why."""
    df = parse((EDGE / name).read_text())
    if name == "negative__only_comments__Dockerfile":
        assert df.instructions == []  # BuildKit: "file with no instructions"
    else:
        assert df.errors, "expected a parse error"
