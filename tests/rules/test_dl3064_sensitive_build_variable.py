import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nARG GITHUB_TOKEN\n',
    'FROM x\nENV MY_SECRET=1\n',
    'FROM x\nARG db_password=\n',
]
PASSES = [
    'FROM x\nARG VERSION\n',
    'FROM x\nENV PATH=/x\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3064", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3064", text)
