import pytest

from dockwise.config import from_mapping
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


# hadolint's spec cases, with the label schema of hadolint's spec
SPEC_CONFIG = from_mapping({'select': ['DL3051'], 'label-schema': {'emptylabel': 'text'}}, "hadolint-spec")
SPEC_CATCHES = [  # (Dockerfile, number of findings; None: at least one)
    ('FROM debian:12\nLABEL emptylabel=""\n', None),
    ('FROM debian:12\nONBUILD LABEL emptylabel=""\n', None),
]
SPEC_PASSES = [
    'FROM debian:12\nLABEL emptylabel="foo"\n',
    'FROM debian:12\nONBUILD LABEL emptylabel="foo"\n',
    'FROM debian:12\nLABEL other=""\n',
    'FROM debian:12\nONBUILD LABEL other=""\n',
    'FROM debian:12\nLABEL other="bar"\n',
    'FROM debian:12\nONBUILD LABEL other="bar"\n',
    'FROM debian:12\nLABEL emptylabel="bar"\n',
    'FROM debian:12\nONBUILD LABEL emptylabel="bar"\n',
]


@pytest.mark.parametrize("text,count", SPEC_CATCHES)
def test_spec_catches(text, count):
    assert_catches("DL3051", text, count=count, config=SPEC_CONFIG)


@pytest.mark.parametrize("text", SPEC_PASSES)
def test_spec_passes(text):
    assert_passes("DL3051", text, config=SPEC_CONFIG)
