import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nCMD a\nCMD b\n',
    # hadolint's spec cases
    'FROM debian\nCMD bash\nRUN foo\nCMD another\n',
    'FROM debian as distro1\nCMD bash\nRUN foo\nCMD another\nFROM debian as distro2\nCMD another\n',
]
PASSES = [
    'FROM x\nCMD a\nFROM y\nCMD b\n',
    'FROM x\nCMD a\n',
    # hadolint's spec cases
    'FROM debian as distro1\nCMD bash\nRUN foo\nFROM debian as distro2\nCMD another\n',
    'FROM debian:12\nCMD /bin/true\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL4003", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL4003", text)
