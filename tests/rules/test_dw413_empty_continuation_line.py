import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM alpine\nRUN echo a && \\\n\n    echo b\n',
]
PASSES = [
    'FROM alpine\nRUN echo a && \\\n    # comment\n    echo b\n',
    'FROM alpine\nRUN <<EOF\necho a\n\necho b\nEOF\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW413', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW413', text)


FIXES = [
    ('FROM alpine\nRUN echo a && \\\n\n  \n    echo b\n', 'FROM alpine\nRUN echo a && \\\n    echo b\n'),
]


@pytest.mark.parametrize(("before", "after"), FIXES)
def test_fix(before, after):
    assert fixed('DW413', before) == after
