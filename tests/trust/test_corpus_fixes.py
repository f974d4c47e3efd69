"""`check --fix --unsafe-fixes` over the whole corpus keeps every file sound.

For each corpus file (on a copy, through the real fixer): BuildKit's parser (test-only oracle)
still accepts the result when it accepted the original; instructions and their order are
unchanged except where a fix says so (merged RUNs, MAINTAINER → LABEL, ADD → COPY, an ARG or
COPY replaced by a RUN mount: REMOVES); a second
run finds nothing left to fix; CRLF line endings and a BOM survive.
"""

from __future__ import annotations

import itertools

import pytest

from dockwise.config import Config
from dockwise.dockerfile import parse
from dockwise.engine.check import run
from dockwise.engine.fixer import allowed, fix_text

from shared_data import corpus_dockerfiles

import dockerfile  # the BuildKit oracle (PyPI "dockerfile"), a test dependency

CONFIG = Config(select=["ALL"], preview=True)
RENAMES = {"MAINTAINER": "LABEL", "ADD": "COPY"}  # what DL4000 and DL3020 change, by design


def shape(text: str) -> list[str]:
    keywords = [RENAMES.get(i.keyword, i.keyword) for i in parse(text).instructions]
    return [k for k, _ in itertools.groupby(keywords)]  # merged RUNs collapse


# Fixes that move an instruction's work into a `RUN --mount` remove instructions, by design:
# code → (the keywords one application may remove, how many at most).
REMOVES = {
    "DW201": ({"ARG", "ENV"}, 2),   # the secret `ARG` and the `ENV` copying it → a secret mount
    "DW222": ({"COPY", "RUN"}, 2),  # the credential file's COPY and the RUN that only deleted it
    "DW301": ({"COPY"}, 1),         # a COPY only the next RUN read → a bind mount
}


def same_shape(before: str, after: str, applied: list[tuple[str, str]]) -> bool:
    """Whether `after`'s instruction sequence is `before`'s, up to merges and renames, and up to
    the instructions the applied fixes of REMOVES may remove (each only its keywords, at most
    its count), after which repeats collapse again."""
    old, new = shape(before), shape(after)
    if old == new:
        return True
    allowed = set().union(*(REMOVES[c][0] for c, _ in applied if c in REMOVES))
    budget = sum(REMOVES[c][1] for c, _ in applied if c in REMOVES)
    states = {(0, None, budget)}  # (how much of `new` is matched, the last kept keyword, removals left)
    for keyword in old:
        step = set()
        for matched, last, left in states:
            if keyword in allowed and left:
                step.add((matched, last, left - 1))
            if keyword == last:
                step.add((matched, last, left))  # joins the group before it once what was between is gone
            elif matched < len(new) and new[matched] == keyword:
                step.add((matched + 1, keyword, left))
        states = step
    return any(matched == len(new) for matched, _, _ in states)


def oracle_accepts(text: str) -> bool:
    try:
        dockerfile.parse_string(text)
        return True
    except dockerfile.GoParseError:
        return False


FILES = corpus_dockerfiles()


@pytest.mark.parametrize("chunk", range(8))
def test_fixes_keep_corpus_files_sound(chunk):
    problems = []
    for path in FILES[chunk::8]:
        text = path.read_bytes().decode("utf-8", errors="replace")
        if "\ufffd" in text:
            continue  # not valid UTF-8: the CLI refuses to fix such files
        crashed = run(text, str(path.name), CONFIG).crashed
        if crashed:
            problems.append(f"{path.parent.name}/{path.name}: rules crashed: {crashed}")
        outcome = fix_text(text, str(path.name), CONFIG, unsafe=True)
        fixed = outcome.text
        name = f"{path.parent.name}/{path.name}"
        problems.extend(p.describe(name) for p in outcome.problems)  # what `--fix` warns about
        if oracle_accepts(text) and not oracle_accepts(fixed):
            problems.append(f"{name}: BuildKit no longer parses the fixed file")
        if not same_shape(text, fixed, outcome.applied):
            problems.append(f"{name}: instruction sequence changed beyond merges/renames/mount fixes")
        again = fix_text(fixed, str(path.name), CONFIG, unsafe=True)
        if again.applied:
            problems.append(f"{name}: a second run still fixes {again.applied}")
        leftover = [d.code for d in outcome.remaining if d.fix is not None and d.fix.edits and allowed(d.fix, True)]
        if leftover and not outcome.skipped:
            problems.append(f"{name}: fixable findings left without a reason: {leftover}")
        if ("\r\n" in text) != ("\r\n" in fixed) or text.startswith("\ufeff") != fixed.startswith("\ufeff"):
            problems.append(f"{name}: line endings or BOM changed")
        if text.endswith("\n") != fixed.endswith("\n"):
            problems.append(f"{name}: final newline changed")
    assert not problems, "\n".join(problems)


def test_crlf_bom_and_tabs_survive_a_fix():
    text = "\ufeffFROM python:3.12\r\nRUN pip install flask \\\r\n\t&& echo ok\r\n"
    out = fix_text(text, "Dockerfile", Config(select=["DL3042"])).text
    assert out == "\ufeffFROM python:3.12\r\nRUN pip install --no-cache-dir flask \\\r\n\t&& echo ok\r\n"


def test_same_shape_allows_only_what_the_applied_mount_fixes_remove():
    before = "FROM node:20\nARG NPM_TOKEN\nRUN npm ci\nARG X\nRUN npm run build\n"
    after_arg = "FROM node:20\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\nARG X\nRUN npm run build\n"
    assert same_shape(before, after_arg, [("DW201", "Pass …")])
    assert not same_shape(before, after_arg, [])                       # no such fix applied
    assert not same_shape(before, after_arg, [("DW301", "Mount …")])   # that fix removes COPYs only
    both = "FROM node:20\nRUN a\nRUN b\n"  # two ARGs gone: the RUNs around them are one group
    assert same_shape(before, both, [("DW201", "…"), ("DW201", "…")])
    with_copy = "FROM a\nARG T\nCOPY x .\nRUN y\n"
    assert not same_shape(with_copy, "FROM a\nRUN y\n", [("DW201", "…")] * 3)  # a COPY is not the ARG fix's
    assert not same_shape(with_copy, "FROM a\nRUN y\n", [("DW201", "…"), ("DW301", "…")][:1])
    assert same_shape(with_copy, "FROM a\nRUN y\n", [("DW201", "…"), ("DW301", "…")])
    copy = "FROM a\nCOPY x /x\nRUN y\nCOPY . .\n"
    assert same_shape(copy, "FROM a\nRUN --mount=type=bind,source=x,target=/x y\nCOPY . .\n", [("DW301", "…")])
