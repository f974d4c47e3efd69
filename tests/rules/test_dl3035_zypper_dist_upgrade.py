import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nRUN zypper dist-upgrade\n',
    'FROM x\nRUN zypper -n dup\n',
    # hadolint's spec cases
    'FROM opensuse/leap:15.6\nRUN zypper dist-upgrade\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper dist-upgrade\n',
    'FROM opensuse/leap:15.6\nRUN zypper dup\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper dup\n',
]
PASSES = [
    'FROM x\nRUN zypper update -y\n',
    'FROM x\nRUN zypper install -y dup\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3035", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3035", text)
