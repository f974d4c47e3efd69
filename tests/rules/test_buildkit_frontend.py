"""Which BuildKit features a file's `# syntax=` directive allows (fixes that use them ask first)."""

import pytest

from dockwise.dockerfile import parse
from dockwise.rules.support.buildkit import BUILT_IN, UNKNOWN, add_run_flag, frontend, frontend_of

# (directive as found in the corpus, mounts, heredocs, COPY --link, COPY --chmod)
CASES = [
    (None, True, True, True, True),                                   # the builder's own frontend
    ("docker/dockerfile:1", True, True, True, True),                  # follows the newest 1.x
    ("docker.io/docker/dockerfile:1.20", True, True, True, True),
    ("docker/dockerfile:1.4", True, True, True, True),
    ("docker/dockerfile:1.4.3@sha256:" + "a" * 64, True, True, True, True),
    ("docker/dockerfile:1.3-labs", True, True, False, True),
    ("docker/dockerfile:1.3", True, False, False, True),
    ("docker/dockerfile:1.2", True, False, False, False),
    ("docker/dockerfile:1.1", False, False, False, False),
    ("docker/dockerfile:1.0-experimental", True, False, False, False),
    ("docker/dockerfile:experimental", True, False, False, False),
    ("docker/dockerfile-upstream:master", True, True, True, True),
    ("docker/dockerfile", True, True, True, True),
    ("docker/dockerfile@sha256:" + "a" * 64, False, False, False, False),  # a digest alone: unknown
    ("example.com/my/frontend:1.4", False, False, False, False),
]


@pytest.mark.parametrize("syntax,mounts,heredocs,link,chmod", CASES)
def test_features_by_directive(syntax, mounts, heredocs, link, chmod):
    f = frontend_of(syntax)
    assert (f.mounts, f.heredocs, f.copy_link, f.copy_chmod) == (mounts, heredocs, link, chmod)


def test_frontend_reads_the_files_directive():
    assert frontend(parse("# syntax = docker/dockerfile:1.2\nFROM alpine\n")).heredocs is False
    assert frontend(parse("FROM alpine\n")) == BUILT_IN
    assert frontend(parse("# syntax=ghcr.io/me/frontend\nFROM alpine\n")) == UNKNOWN


def _apply(text, edit):
    return text[:edit.start] + edit.text + text[edit.end:]


def test_a_run_flag_goes_after_the_flags_already_there():
    text = "FROM alpine\nRUN --network=host \\\n    apk add curl\nrun echo\n"
    df = parse(text)
    first, second = df.instructions[1], df.instructions[2]
    assert _apply(text, add_run_flag(first, "--mount=type=cache,target=/var/cache/apk")) == (
        "FROM alpine\nRUN --network=host --mount=type=cache,target=/var/cache/apk \\\n    apk add curl\nrun echo\n")
    assert _apply(text, add_run_flag(second, "--mount=type=secret,id=npmrc")) == (
        "FROM alpine\nRUN --network=host \\\n    apk add curl\nrun --mount=type=secret,id=npmrc echo\n")


# Symbolic `COPY --chmod` modes need dockerfile 1.14: a directive must vouch for them, since the
# frontend bundled with the builder (no directive) may be older.
@pytest.mark.parametrize("syntax,symbolic", [
    (None, False),
    ("docker/dockerfile:1", True),
    ("docker/dockerfile:1.14", True),
    ("docker/dockerfile:1.20-labs", True),
    ("docker/dockerfile:1.13", False),
    ("docker/dockerfile:1.4", False),
    ("docker/dockerfile@sha256:" + "a" * 64, False),
])
def test_symbolic_chmod_needs_a_directive_naming_1_14(syntax, symbolic):
    assert frontend_of(syntax).copy_chmod_symbolic is symbolic


# A secret mount's `env=` option: dockerfile 1.10 and later, so a directive must vouch for it as
# for symbolic modes (DW201's fix reads the secret from /run/secrets/<id> otherwise).
SECRET_ENV = [
    (None, False),
    ("docker/dockerfile:1", True),
    ("docker/dockerfile:1.10", True),
    ("docker/dockerfile:1.10.0-labs", True),
    ("docker/dockerfile:1.9", False),
    ("docker/dockerfile:1.7-labs", False),
    ("docker/dockerfile:1.4", False),
    ("docker/dockerfile-upstream:master", True),
    ("docker/dockerfile:experimental", False),
    ("docker/dockerfile@sha256:" + "a" * 64, False),
]


@pytest.mark.parametrize("syntax,secret_env", SECRET_ENV)
def test_secret_env_by_directive(syntax, secret_env):
    assert frontend_of(syntax).secret_env is secret_env
