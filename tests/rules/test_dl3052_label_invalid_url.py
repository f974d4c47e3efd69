import pytest

from dockwise.config import from_mapping
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


# hadolint's spec cases, with the label schema of hadolint's spec
SPEC_CONFIG = from_mapping({'select': ['DL3052'], 'label-schema': {'urllabel': 'url'}}, "hadolint-spec")
SPEC_CATCHES = [  # (Dockerfile, number of findings; None: at least one)
    ('FROM debian:12\nLABEL urllabel="not-url"\n', None),
    ('FROM debian:12\nONBUILD LABEL urllabel="not-url"\n', None),
]
SPEC_PASSES = [
    'FROM debian:12\nLABEL urllabel="http://example.com"\n',
    'FROM debian:12\nONBUILD LABEL urllabel="http://example.com"\n',
    'FROM debian:12\nLABEL other="foo"\n',
    'FROM debian:12\nONBUILD LABEL other="foo"\n',
    'FROM debian:12\nLABEL other="bar"\n',
    'FROM debian:12\nONBUILD LABEL other="bar"\n',
]


@pytest.mark.parametrize("text,count", SPEC_CATCHES)
def test_spec_catches(text, count):
    assert_catches("DL3052", text, count=count, config=SPEC_CONFIG)


@pytest.mark.parametrize("text", SPEC_PASSES)
def test_spec_passes(text):
    assert_passes("DL3052", text, config=SPEC_CONFIG)
