import pytest

from rule_harness import assert_catches, assert_passes, fixture_config

CONFIG = fixture_config("DL3051")

CATCHES = [
    'FROM x\nLABEL org.example.team=""\n',
]
PASSES = [
    'FROM x\nLABEL org.example.team=core\n',
    'FROM x\nLABEL other=""\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3051", text, config=CONFIG)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3051", text, config=CONFIG)
