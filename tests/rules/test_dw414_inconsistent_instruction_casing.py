import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM alpine\nrun true\nCOPY a b\n',
    'from alpine\nrun true\nCOPY a b\n',
    'FROM alpine\nRun true\n',
]
PASSES = [
    'FROM alpine\nRUN true\n',
    'from alpine\nrun true\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW414', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW414', text)


FIXES = [
    ('from alpine\nrun true\nCOPY a b\n', 'from alpine\nrun true\ncopy a b\n'),
    ('FROM a\nrun x\n', 'FROM a\nRUN x\n'),
]


@pytest.mark.parametrize(("before", "after"), FIXES)
def test_fix(before, after):
    assert fixed('DW414', before) == after


# A forgotten trailing `\` leaves package names on lines of their own: they are not keywords.
FORGOTTEN_CONTINUATION = (
    "FROM debian:bookworm-slim\n"
    "RUN apt-get update && apt-get install -y --no-install-recommends \\\n"
    "    curl \\\n"
    "    ca-certificates\n"
    "    wget\n"
    "    gnupg\n"
    "CMD [\"bash\"]\n"
)


def test_a_line_that_is_not_an_instruction_is_never_recased():
    assert_passes("DW414", FORGOTTEN_CONTINUATION)
    assert fixed("DW414", FORGOTTEN_CONTINUATION) == FORGOTTEN_CONTINUATION
    # nor counted: two stray lower-case words do not make lower case the majority
    mixed = FORGOTTEN_CONTINUATION.replace("CMD [", "cmd [")
    assert fixed("DW414", mixed) == FORGOTTEN_CONTINUATION
