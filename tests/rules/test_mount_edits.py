"""rules/support/mounts.py: the edits the mount fixes share (a command out of a RUN, a word out
of an instruction) and the WORKDIR and user a RUN runs with."""

import pytest

from dockwise.dockerfile import parse
from dockwise.rules.support.mounts import delete_word, drop_command, user_before, workdir_before


def _apply(text, edit):
    return text[:edit.start] + edit.text + text[edit.end:]


def _rm(df, ins):
    script = df.script(ins)
    return script, next(c for c in script.commands if c.program == "rm")


@pytest.mark.parametrize("run,after", [
    ("RUN npm ci && rm .npmrc", "RUN npm ci"),
    ("RUN rm .npmrc && npm ci", "RUN npm ci"),
    ("RUN npm ci && rm .npmrc && npm run build", "RUN npm ci && npm run build"),
    ("RUN npm ci; rm .npmrc; npm run build", "RUN npm ci; npm run build"),
    ("RUN npm ci \\\n    && rm .npmrc \\\n    && npm run build", "RUN npm ci \\\n    && npm run build"),
    ("RUN npm ci \\\n && rm -f .npmrc", "RUN npm ci"),
])
def test_drop_command(run, after):
    text = "FROM node:20\n" + run + "\n"
    df = parse(text)
    script, rm = _rm(df, df.instructions[1])
    assert _apply(text, drop_command(df, script, rm)) == "FROM node:20\n" + after + "\n"


@pytest.mark.parametrize("run", [
    "RUN npm ci || rm .npmrc",                       # runs only when npm fails
    "RUN npm ci && rm .npmrc || true",               # `|| true` would be left dangling
    "RUN if [ -f .npmrc ]; then rm .npmrc; fi",      # inside an if
    "RUN (npm ci && rm .npmrc) && echo done",        # inside a subshell
    "RUN rm .npmrc",                                 # the only command: the caller drops the RUN
    "RUN npm ci && rm .npmrc | tee log",             # piped
])
def test_drop_command_refuses(run):
    text = "FROM node:20\n" + run + "\n"
    df = parse(text)
    script, rm = _rm(df, df.instructions[1])
    assert drop_command(df, script, rm) is None


def test_delete_word_keeps_the_continuation():
    text = "FROM a\nCOPY .npmrc \\\n     package.json ./\nCOPY package.json \\\n     .npmrc ./\n"
    df = parse(text)
    first, second = df.instructions[1], df.instructions[2]
    assert _apply(text, delete_word(first.words[:-1], first.words[0])).startswith("FROM a\nCOPY package.json ./\n")
    assert _apply(text, delete_word(second.words[:-1], second.words[1])).endswith("COPY package.json ./\n")


def test_workdir_and_user_follow_the_stages_built_from():
    text = ("FROM node:20 AS base\nWORKDIR /srv\nUSER 1000\nFROM base\nWORKDIR app\nRUN a\nUSER root\nRUN b\n"
            "FROM alpine\nRUN c\nWORKDIR $DIR\nRUN d\n")
    df = parse(text)
    runs = [i for i in df.instructions if i.keyword == "RUN"]
    assert [workdir_before(df, r.stage, r) for r in runs] == ["/srv/app", "/srv/app", None, None]
    assert [user_before(df, r.stage, r) for r in runs] == ["1000", "root", "root", "root"]


def test_delete_the_last_instruction_keeps_no_final_newline():
    from dockwise.rules.support.mounts import delete_instruction
    for nl in ("\n", "\r\n"):
        text = f"FROM node:20{nl}RUN npm ci{nl}RUN rm -f .npmrc"
        df = parse(text)
        assert _apply(text, delete_instruction(df, df.instructions[2])) == f"FROM node:20{nl}RUN npm ci"
        text += nl
        df = parse(text)
        assert _apply(text, delete_instruction(df, df.instructions[2])) == f"FROM node:20{nl}RUN npm ci{nl}"
