import pytest

from dockwise.config import from_mapping
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


# hadolint's spec cases, with the label schema of hadolint's spec
SPEC_CONFIG = from_mapping({'select': ['DL3050'], 'label-schema': {'required': 'text'}, 'strict-labels': True}, "hadolint-spec")
SPEC_CATCHES = [  # (Dockerfile, number of findings; None: at least one)
    ('FROM debian:12\nLABEL other="bar"\n', None),
    ('FROM debian:12\nONBUILD LABEL other="bar"\n', None),
    ('FROM debian:12\nLABEL required="foo" other="bar"\n', None),
    ('FROM debian:12\nONBUILD LABEL required="foo" other="bar"\n', None),
]
SPEC_PASSES = [
    'FROM debian:12\n\n',
    'FROM debian:12\nLABEL required="foo"\n',
    'FROM debian:12\nONBUILD LABEL required="foo"\n',
]


@pytest.mark.parametrize("text,count", SPEC_CATCHES)
def test_spec_catches(text, count):
    assert_catches("DL3050", text, count=count, config=SPEC_CONFIG)


@pytest.mark.parametrize("text", SPEC_PASSES)
def test_spec_passes(text):
    assert_passes("DL3050", text, config=SPEC_CONFIG)
