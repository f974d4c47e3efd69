import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nENTRYPOINT a\nENTRYPOINT b\n',
    # hadolint's spec cases
    'FROM debian\nENTRYPOINT bash\nRUN foo\nENTRYPOINT another\n',
    'FROM debian as distro1\nENTRYPOINT bash\nRUN foo\nENTRYPOINT another\nFROM debian as distro2\nENTRYPOINT another\n',
]
PASSES = [
    'FROM x\nENTRYPOINT a\nFROM y\nENTRYPOINT b\n',
    # hadolint's spec cases
    'FROM busybox\n',
    'FROM debian as distro1\nENTRYPOINT bash\nRUN foo\nFROM debian as distro2\nENTRYPOINT another\n',
    'FROM debian:12\nENTRYPOINT /bin/true\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL4004", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL4004", text)
