import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DL3059"
CATCHES = [
    'FROM debian:bookworm-slim\nRUN a\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN a\n# note\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/x a\nRUN --mount=type=cache,target=/x b\n',
    # a command substitution is not a chain (moby/buildkit examples/create-certs; hadolint 2.15.1
    # leaves such pairs alone)
    'FROM alpine:3.20\nRUN CAROOT=$(pwd) mkcert -install\nRUN cp -f rootCA.pem daemon/ca.pem\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN /foo.sh\nRUN /bar.sh\n',
    'FROM debian:12\nRUN /foo.sh\n# a comment\nRUN /bar.sh\n',
    'FROM debian:12\nRUN /foo.sh\n# a comment\n# another comment\nRUN /bar.sh\n',
    'FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n',
    'FROM debian:12\nRUN foo && bar\nRUN foo\nRUN bar\n',
]
PASSES = [
    'FROM debian:bookworm-slim\nRUN a\nWORKDIR /x\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN a\n# dockwise: ignore=DL3014\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN --network=none a\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN ["a"]\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN <<EOF\na\nEOF\nRUN b\n',
    'FROM alpine\nRUN a\nFROM alpine\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN a &\nRUN b\n',
    # a RUN ending in a shell comment: joined, the comment would swallow the next command
    # (cypress examples/chromium; hadolint reports it)
    'FROM cypress/base\nRUN apt-get update              # Update package index\n'
    'RUN apt-get install chromium -y # Install Chromium\n',
    # hadolint's spec cases
    'FROM debian:10\n',
    'FROM debian:12\nRUN /foo.sh\n',
    'FROM debian:12\nRUN /foo.sh\nWORKDIR /\nRUN /bar.sh\n',
    'FROM debian:12\n# a comment\nRUN /foo.sh\n',
    'FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh\n',
    'FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh\n',
    'FROM debian:12\nRUN foo && bar\nRUN foobar\n',
    'FROM debian:12\nRUN foo; bar\nRUN foobar\n',
    'FROM debian:12\nRUN foobar\nRUN foo && bar\n',
    'FROM debian:12\nRUN foobar\nRUN foo; bar\n',
    'FROM debian:12\nRUN foo && bar\nRUN foo; bar\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_one_finding_per_run_that_follows_another_like_hadolint():
    text = "FROM x\nRUN a\nRUN b\nRUN c\nENV X=1\nRUN d\nRUN e\n"
    found = assert_catches(CODE, text, count=3)
    # each joins its RUN to the one before: one edit over the gap between the two
    for d in found:
        (edit,) = d.fix.edits
        assert text[edit.start:edit.end] == "\nRUN " and edit.end == d.start + len("RUN ")
    assert fixed(CODE, text) == "FROM x\nRUN a && \\\n    b && \\\n    c\nENV X=1\nRUN d && \\\n    e\n"


def test_a_long_group_gives_fixes_proportional_to_the_group_not_its_square():
    """1,000 RUNs in a row: 999 findings, each fix one edit of one line's worth of text."""
    from rule_harness import findings
    text = "FROM x\n" + "RUN echo hi\n" * 1000
    found = findings(CODE, text)
    assert len(found) == 999
    assert sum(len(e.text) for d in found for e in d.fix.edits) < 20 * 1000
    merged = fixed(CODE, text)
    assert merged.count("RUN ") == 1 and merged.count("echo hi") == 1000


def test_only_the_joins_that_keep_meaning_are_safe():
    """`cd` carries over into what follows it, so that join is unsafe; the next one is not."""
    from rule_harness import findings
    found = findings(CODE, "FROM x\nRUN cd /src\nRUN make\nRUN make install\n")
    assert [d.fix.applicability.value for d in found] == ["unsafe", "safe"]
    assert fixed(CODE, "FROM x\nRUN cd /src\nRUN make\nRUN make install\n", unsafe=False) == \
        "FROM x\nRUN cd /src\nRUN make && \\\n    make install\n"


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


def test_a_pragma_for_this_rule_is_used_not_a_group_end():
    """jupyter's `# hadolint ignore=DL3059` between two RUNs: the finding is made and silenced,
    so the pragma is not reported unused (hadolint needs it too)."""
    from dockwise.config import Config
    from dockwise.engine.check import check
    text = "FROM python:3.12\nRUN pip install a\n# hadolint ignore=DL3059\nRUN pip install b\nCMD [\"python\"]\n"
    found = check(text, "Dockerfile", Config(select=["DL3059", "DW490"]))
    assert not found, [(d.code, d.message) for d in found]
