import pytest

from rule_harness import assert_catches, assert_passes, fixture_config

CONFIG = fixture_config("DL3054")

CATCHES = [
    'FROM x\nLABEL org.example.license="Apache 2"\n',
    'FROM x\nLABEL org.example.license=MIT-ish\n',
]
PASSES = [
    'FROM x\nLABEL org.example.license=MIT\n',
    'FROM x\nLABEL org.example.license="Apache-2.0 OR MIT"\n',
    'FROM x\nLABEL org.example.license="GPL-2.0-only WITH Classpath-exception-2.0"\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3054", text, config=CONFIG)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3054", text, config=CONFIG)
