"""`check --fix --unsafe-fixes` over the whole corpus keeps every file sound.

For each corpus file (on a copy, through the real fixer): BuildKit's parser (test-only oracle)
still accepts the result when it accepted the original; instructions and their order are
unchanged except where a fix says so (merged RUNs, MAINTAINER → LABEL, ADD → COPY); a second
run finds nothing left to fix; CRLF line endings and a BOM survive. The same again with
`merge-style = "heredoc"`, whose merged RUNs are `RUN <<EOF` scripts that DW411 accepts.
"""

from __future__ import annotations

import itertools

import pytest

from dockwise.config import Config
from dockwise.dockerfile import parse
from dockwise.engine.check import run
from dockwise.engine.fixer import allowed, fix_text
from dockwise.engine.rule import RuleSettings

from shared_data import corpus_dockerfiles

import dockerfile  # the BuildKit oracle (PyPI "dockerfile"), a test dependency

CONFIG = Config(select=["ALL"], preview=True)
HEREDOC = Config(select=["ALL"], preview=True, settings=RuleSettings(merge_style="heredoc"))
# the merge styles, and the cache-mount alternatives preferred to the clean-up fixes (`--prefer-fix cache-mount`)
VARIANTS = {"and": CONFIG, "heredoc": HEREDOC, "cache-mount": CONFIG.with_overrides(prefer_fixes=("cache-mount",))}
RENAMES = {"MAINTAINER": "LABEL", "ADD": "COPY"}  # what DL4000 and DL3020 change, by design


def shape(text: str) -> list[str]:
    keywords = [RENAMES.get(i.keyword, i.keyword) for i in parse(text).instructions]
    return [k for k, _ in itertools.groupby(keywords)]  # merged RUNs collapse


def oracle_accepts(text: str) -> bool:
    try:
        dockerfile.parse_string(text)
        return True
    except dockerfile.GoParseError:
        return False


FILES = corpus_dockerfiles()


@pytest.mark.parametrize("style", ["and", "heredoc", "cache-mount"])
@pytest.mark.parametrize("chunk", range(8))
def test_fixes_keep_corpus_files_sound(chunk, style):
    config = VARIANTS[style]
    problems = []
    for path in FILES[chunk::8]:
        text = path.read_bytes().decode("utf-8", errors="replace")
        if "\ufffd" in text:
            continue  # not valid UTF-8: the CLI refuses to fix such files
        crashed = run(text, str(path.name), config).crashed
        if crashed:
            problems.append(f"{path.parent.name}/{path.name}: rules crashed: {crashed}")
        outcome = fix_text(text, str(path.name), config, unsafe=True)
        fixed = outcome.text
        name = f"{path.parent.name}/{path.name}"
        problems.extend(p.describe(name) for p in outcome.problems)  # what `--fix` warns about
        if oracle_accepts(text) and not oracle_accepts(fixed):
            problems.append(f"{name}: BuildKit no longer parses the fixed file")
        if shape(text) != shape(fixed):
            problems.append(f"{name}: instruction sequence changed beyond merges/renames")
        again = fix_text(fixed, str(path.name), config, unsafe=True)
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


def test_heredoc_merges_over_the_corpus_leave_nothing_for_dw411():
    """Every RUN the heredoc merge writes starts with `set -e`: DW411 (heredoc without errexit)
    finds no more on a merged file than on the original, and the merges happen (the corpus has
    dozens of groups of RUNs)."""
    merge = Config(select=["DL3059"], settings=RuleSettings(merge_style="heredoc"))
    merged_files = 0
    problems = []
    for path in FILES:
        text = path.read_bytes().decode("utf-8", errors="replace")
        if "\ufffd" in text or "RUN" not in text:
            continue
        fixed = fix_text(text, path.name, merge, unsafe=True).text
        if fixed == text:
            continue
        merged_files += 1
        before = [d for d in run(text, path.name, Config(select=["DW411"])).diagnostics if d.code == "DW411"]
        after = [d for d in run(fixed, path.name, Config(select=["DW411"])).diagnostics if d.code == "DW411"]
        if len(after) > len(before):
            problems.append(f"{path.parent.name}/{path.name}: DW411 fires on the merged heredoc")
    assert merged_files >= 50 and not problems, "\n".join(problems)


def test_crlf_bom_and_tabs_survive_a_fix():
    text = "\ufeffFROM python:3.12\r\nRUN pip install flask \\\r\n\t&& echo ok\r\n"
    out = fix_text(text, "Dockerfile", Config(select=["DL3042"])).text
    assert out == "\ufeffFROM python:3.12\r\nRUN pip install --no-cache-dir flask \\\r\n\t&& echo ok\r\n"
