import pytest

from rule_harness import assert_catches, assert_passes, fixture_config

CONFIG = fixture_config("DL3056")

CATCHES = [
    'FROM x\nLABEL org.example.version=1.2\n',
    'FROM x\nLABEL org.example.version=v1.2.3\n',
]
PASSES = [
    'FROM x\nLABEL org.example.version=1.2.3\n',
    'FROM x\nLABEL org.example.version=1.2.3-rc.1+build.5\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3056", text, config=CONFIG)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3056", text, config=CONFIG)
