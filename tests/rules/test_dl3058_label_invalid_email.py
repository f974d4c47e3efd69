import pytest

from rule_harness import assert_catches, assert_passes, fixture_config

CONFIG = fixture_config("DL3058")

CATCHES = [
    'FROM x\nLABEL org.example.owner="ops team"\n',
]
PASSES = [
    'FROM x\nLABEL org.example.owner=ops@example.com\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3058", text, config=CONFIG)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3058", text, config=CONFIG)
