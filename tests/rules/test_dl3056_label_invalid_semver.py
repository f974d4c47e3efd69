import pytest

from dockwise.config import from_mapping
from rule_harness import assert_catches, assert_passes, fixture_config

CONFIG = fixture_config("DL3056")

CATCHES = [
    'FROM x\nLABEL org.example.version=1.2\n',
    'FROM x\nLABEL org.example.version=v1.2.3\n',
]
PASSES = [
    'FROM x\nLABEL org.example.version=1.2.3\n',
    'FROM x\nLABEL org.example.version=1.2.3-rc.1+build.5\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3056", text, config=CONFIG)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3056", text, config=CONFIG)


# hadolint's spec cases, with the label schema of hadolint's spec
SPEC_CONFIG = from_mapping({'select': ['DL3056'], 'label-schema': {'semver': 'semver'}}, "hadolint-spec")
SPEC_CATCHES = [  # (Dockerfile, number of findings; None: at least one)
    ('FROM debian:12\nLABEL semver="not-sem-ver"\n', None),
    ('FROM debian:12\nONBUILD LABEL semver="not-sem-ver"\n', None),
]
SPEC_PASSES = [
    'FROM debian:12\nLABEL semver="1.0.0"\n',
    'FROM debian:12\nONBUILD LABEL semver="1.0.0"\n',
    'FROM debian:12\nLABEL other="foo"\n',
    'FROM debian:12\nONBUILD LABEL other="foo"\n',
    'FROM debian:12\nLABEL semver="2.0.1-rc1"\n',
    'FROM debian:12\nONBUILD LABEL semver="2.0.1-rc1"\n',
    'FROM debian:12\nLABEL other="bar"\n',
    'FROM debian:12\nONBUILD LABEL other="bar"\n',
]


@pytest.mark.parametrize("text,count", SPEC_CATCHES)
def test_spec_catches(text, count):
    assert_catches("DL3056", text, count=count, config=SPEC_CONFIG)


@pytest.mark.parametrize("text", SPEC_PASSES)
def test_spec_passes(text):
    assert_passes("DL3056", text, config=SPEC_CONFIG)
