import pytest

from rule_harness import assert_catches, assert_passes, fixture_config

CONFIG = fixture_config("DL3053")

CATCHES = [
    'FROM x\nLABEL org.example.created=2024-05-01\n',
]
PASSES = [
    'FROM x\nLABEL org.example.created=2024-05-01T12:00:00Z\n',
    'FROM x\nLABEL org.example.created=2024-05-01T12:00:00.5+02:00\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3053", text, config=CONFIG)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3053", text, config=CONFIG)
