import pytest

from rule_harness import assert_catches, assert_passes, fixture_config

CONFIG = fixture_config("DL3052")

CATCHES = [
    'FROM x\nLABEL org.example.url=github.com/acme\n',
]
PASSES = [
    'FROM x\nLABEL org.example.url=https://github.com/acme\n',
    'FROM x\nLABEL org.example.url=$URL\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3052", text, config=CONFIG)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3052", text, config=CONFIG)
