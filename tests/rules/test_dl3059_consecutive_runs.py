import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DL3059"
CATCHES = [
    'FROM debian:bookworm-slim\nRUN a\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN a\n# note\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/x a\nRUN --mount=type=cache,target=/x b\n',
]
PASSES = [
    'FROM debian:bookworm-slim\nRUN a\nWORKDIR /x\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN a\n# dockwise: ignore=DL3014\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN --network=none a\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN ["a"]\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN <<EOF\na\nEOF\nRUN b\n',
    'FROM alpine\nRUN a\nFROM alpine\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN a &\nRUN b\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_one_finding_per_run_that_follows_another_like_hadolint():
    found = assert_catches(CODE, "FROM x\nRUN a\nRUN b\nRUN c\nENV X=1\nRUN d\nRUN e\n", count=3)
    assert len({d.fix for d in found[:2]}) == 1  # both offer the merge of the whole group


def test_chains_are_left_alone_like_hadolint():
    """A RUN that already chains commands was grouped on purpose (hadolint 2.15 agrees)."""
    assert_passes(CODE, "FROM x\nRUN a && b\nRUN c\n")
    assert_passes(CODE, "FROM x\nRUN a\nRUN b || true\n")
    assert_passes(CODE, "FROM x\nRUN a\nRUN b; c\n")


def test_merge_keeps_comments_and_indent():
    text = "FROM x\nRUN a \\\n  --flag\n# why\nRUN c\nRUN d\n"
    assert fixed(CODE, text, unsafe=False) == "FROM x\nRUN a \\\n  --flag && \\\n  # why\n  c && \\\n  d\n"


@pytest.mark.parametrize("first,second", [("cd /tmp", "make"), ("export A=1 && a", "b"), ("A=1; a", "b"), ("set -e", "b"),
                                          ("umask 077", "b")])
def test_unsafe_when_state_or_flow_changes(first, second):
    from rule_harness import findings
    d = findings(CODE, f"FROM x\nRUN {first}\nRUN {second}\n")[0]
    assert d.fix.applicability.value == "unsafe"


def test_merged_result_does_not_retrigger():
    out = fixed(CODE, "FROM x\nRUN a\nRUN cd /x\nRUN b\n")
    assert_passes(CODE, out)
