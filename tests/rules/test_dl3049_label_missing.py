import pytest

from dockwise.config import from_mapping
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


# hadolint's spec cases, with the label schema of hadolint's spec
SPEC_CONFIG = from_mapping({'select': ['DL3049'], 'label-schema': {'foo': 'text'}}, "hadolint-spec")
SPEC_CATCHES = [  # (Dockerfile, number of findings; None: at least one)
    ('FROM baseimage\n', None),
    ('FROM baseimage\nLABEL bar="baz"\n', None),
    ('FROM baseimage\nONBUILD LABEL bar="baz"\n', None),
    # hadolint's spec says pass; differs because `ONBUILD LABEL` labels the images built FROM this one,
    # not this one (hadolint 2.15.1 reports it too)
    ('FROM baseimage\nONBUILD LABEL foo="bar"\n', None),
    # hadolint's spec says 2 findings; differs because only the final stage's labels reach the image: a
    # builder stage is not labelled for anyone to read
    ('FROM stage1\nFROM stage2\n', 1),
    # hadolint's spec says 2 findings; differs because only the final stage's labels reach the image: a
    # builder stage is not labelled for anyone to read
    ('FROM stage1\nLABEL bar="baz"\nFROM stage2\nLABEL buzz="fuzz"\n', 1),
]
SPEC_PASSES = [
    'FROM baseimage\nLABEL foo="bar"\n',
    # hadolint's spec says 1 finding; differs because only the final stage's labels reach the image: a
    # builder stage is not labelled for anyone to read
    'FROM baseimage\nFROM newimage\nLABEL foo="bar"\n',
    # hadolint's spec says 1 finding; differs because only the final stage's labels reach the image: a
    # builder stage is not labelled for anyone to read
    'FROM baseimage\nLABEL baz="bar"\nFROM newimage\nLABEL foo="bar"\n',
    # hadolint's spec says 1 finding; differs because only the final stage's labels reach the image: a
    # builder stage is not labelled for anyone to read (hadolint 2.15.1 reports nothing)
    'FROM baseimage as base\nFROM base\nLABEL foo="bar"\n',
    'FROM baseimage as base\nLABEL foo="bar"\nFROM base\n',
]


@pytest.mark.parametrize("text,count", SPEC_CATCHES)
def test_spec_catches(text, count):
    assert_catches("DL3049", text, count=count, config=SPEC_CONFIG)


@pytest.mark.parametrize("text", SPEC_PASSES)
def test_spec_passes(text):
    assert_passes("DL3049", text, config=SPEC_CONFIG)
