import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nONBUILD FROM y\n',
    'FROM x\nONBUILD MAINTAINER me\n',
    'FROM x\nONBUILD ONBUILD RUN a\n',
]
PASSES = [
    'FROM x\nONBUILD RUN a\n',
    'FROM x\nONBUILD COPY . /app\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3043", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3043", text)
