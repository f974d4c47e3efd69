import pytest

from rule_harness import assert_catches, assert_passes, fixture_config

CONFIG = fixture_config("DL3049")

CATCHES = [
    'FROM x\n',
]
PASSES = [
    'FROM x AS a\nLABEL org.example.url=https://x org.example.created=2024-05-01T00:00:00Z org.example.license=MIT org.example.revision=abcdef1 org.example.version=1.0.0 org.example.owner=a@b.c org.example.team=t\nFROM a\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3049", text, config=CONFIG)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3049", text, config=CONFIG)
