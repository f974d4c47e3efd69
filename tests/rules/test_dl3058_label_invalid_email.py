import pytest

from dockwise.config import from_mapping
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


# hadolint's spec cases, with the label schema of hadolint's spec
SPEC_CONFIG = from_mapping({'select': ['DL3058'], 'label-schema': {'maintainer': 'email'}}, "hadolint-spec")
SPEC_CATCHES = [  # (Dockerfile, number of findings; None: at least one)
    ('FROM debian:12\nLABEL maintainer="not-email"\n', None),
    ('FROM debian:12\nONBUILD LABEL maintainer="not-email"\n', None),
]
SPEC_PASSES = [
    'FROM debian:12\nLABEL maintainer="abcd@google.com"\n',
    'FROM debian:12\nONBUILD LABEL maintainer="abcd@google.com"\n',
    'FROM debian:12\nLABEL other="doo"\n',
    'FROM debian:12\nONBUILD LABEL other="doo"\n',
    'FROM debian:12\nLABEL other="bar"\n',
    'FROM debian:12\nONBUILD LABEL other="bar"\n',
]


@pytest.mark.parametrize("text,count", SPEC_CATCHES)
def test_spec_catches(text, count):
    assert_catches("DL3058", text, count=count, config=SPEC_CONFIG)


@pytest.mark.parametrize("text", SPEC_PASSES)
def test_spec_passes(text):
    assert_passes("DL3058", text, config=SPEC_CONFIG)
