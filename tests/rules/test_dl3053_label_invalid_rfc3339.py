import pytest

from dockwise.config import from_mapping
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


# hadolint's spec cases, with the label schema of hadolint's spec
SPEC_CONFIG = from_mapping({'select': ['DL3053'], 'label-schema': {'datelabel': 'rfc3339'}}, "hadolint-spec")
SPEC_CATCHES = [  # (Dockerfile, number of findings; None: at least one)
    ('FROM debian:12\nLABEL datelabel="not-date"\n', None),
    ('FROM debian:12\nONBUILD LABEL datelabel="not-date"\n', None),
]
SPEC_PASSES = [
    'FROM debian:12\nLABEL datelabel="2021-03-10T10:26:33.564595127+01:00"\n',
    'FROM debian:12\nONBUILD LABEL datelabel="2021-03-10T10:26:33.564595127+01:00"\n',
    'FROM debian:12\nLABEL other="doo"\n',
    'FROM debian:12\nONBUILD LABEL other="doo"\n',
    'FROM debian:12\nLABEL other="bar"\n',
    'FROM debian:12\nONBUILD LABEL other="bar"\n',
]


@pytest.mark.parametrize("text,count", SPEC_CATCHES)
def test_spec_catches(text, count):
    assert_catches("DL3053", text, count=count, config=SPEC_CONFIG)


@pytest.mark.parametrize("text", SPEC_PASSES)
def test_spec_passes(text):
    assert_passes("DL3053", text, config=SPEC_CONFIG)
