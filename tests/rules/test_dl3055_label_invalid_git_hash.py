import pytest

from dockwise.config import from_mapping
from rule_harness import assert_catches, assert_passes, fixture_config

CONFIG = fixture_config("DL3055")

CATCHES = [
    'FROM x\nLABEL org.example.revision=main\n',
]
PASSES = [
    'FROM x\nLABEL org.example.revision=4f07059567fa61c80397126e8063dbbde011b794\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3055", text, config=CONFIG)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3055", text, config=CONFIG)


# hadolint's spec cases, with the label schema of hadolint's spec
SPEC_CONFIG = from_mapping({'select': ['DL3055'], 'label-schema': {'githash': 'hash'}}, "hadolint-spec")
SPEC_CATCHES = [  # (Dockerfile, number of findings; None: at least one)
    ('FROM debian:12\nLABEL githash="not-git-hash"\n', None),
    ('FROM debian:12\nONBUILD LABEL githash="not-git-hash"\n', None),
]
SPEC_PASSES = [
    'FROM debian:12\nLABEL githash="2dbfae9"\n',
    'FROM debian:12\nONBUILD LABEL githash="2dbfae9"\n',
    'FROM debian:12\nLABEL other="foo"\n',
    'FROM debian:12\nONBUILD LABEL other="foo"\n',
    'FROM debian:12\nLABEL githash="43c572f1272b6b3171dd1db9e41b7027128ce080"\n',
    'FROM debian:12\nONBUILD LABEL githash="43c572f1272b6b3171dd1db9e41b7027128ce080"\n',
    'FROM debian:12\nLABEL other="bar"\n',
    'FROM debian:12\nONBUILD LABEL other="bar"\n',
]


@pytest.mark.parametrize("text,count", SPEC_CATCHES)
def test_spec_catches(text, count):
    assert_catches("DL3055", text, count=count, config=SPEC_CONFIG)


@pytest.mark.parametrize("text", SPEC_PASSES)
def test_spec_passes(text):
    assert_passes("DL3055", text, config=SPEC_CONFIG)
