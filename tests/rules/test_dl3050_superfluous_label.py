import pytest

from rule_harness import assert_catches, assert_passes, fixture_config

CONFIG = fixture_config("DL3050")

CATCHES = [
    'FROM x\nLABEL stray=1\n',
]
PASSES = [
    'FROM x\nLABEL org.example.team=x\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3050", text, config=CONFIG)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3050", text, config=CONFIG)
