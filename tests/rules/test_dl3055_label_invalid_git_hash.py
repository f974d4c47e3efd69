import pytest

from rule_harness import assert_catches, assert_passes, fixture_config

CONFIG = fixture_config("DL3055")

CATCHES = [
    'FROM x\nLABEL org.example.revision=main\n',
]
PASSES = [
    'FROM x\nLABEL org.example.revision=4f07059567fa61c80397126e8063dbbde011b794\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3055", text, config=CONFIG)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3055", text, config=CONFIG)
