import pytest

from dockwise.config import from_mapping
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


# hadolint's spec cases, with the label schema of hadolint's spec
SPEC_CONFIG = from_mapping({'select': ['DL3054'], 'label-schema': {'spdxlabel': 'spdx'}}, "hadolint-spec")
SPEC_CATCHES = [  # (Dockerfile, number of findings; None: at least one)
    ('FROM debian:12\nLABEL spdxlabel="not-spdx"\n', None),
    ('FROM debian:12\nONBUILD LABEL spdxlabel="not-spdx"\n', None),
]
SPEC_PASSES = [
    'FROM debian:12\nLABEL spdxlabel="BSD-3-Clause"\n',
    'FROM debian:12\nONBUILD LABEL spdxlabel="BSD-3-Clause"\n',
    'FROM debian:12\nLABEL other="fooo"\n',
    'FROM debian:12\nONBUILD LABEL other="fooo"\n',
    'FROM debian:12\nLABEL spdxlabel="MIT"\n',
    'FROM debian:12\nONBUILD LABEL spdxlabel="MIT"\n',
    'FROM debian:12\nLABEL other="bar"\n',
    'FROM debian:12\nONBUILD LABEL other="bar"\n',
]


@pytest.mark.parametrize("text,count", SPEC_CATCHES)
def test_spec_catches(text, count):
    assert_catches("DL3054", text, count=count, config=SPEC_CONFIG)


@pytest.mark.parametrize("text", SPEC_PASSES)
def test_spec_passes(text):
    assert_passes("DL3054", text, config=SPEC_CONFIG)
