import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DL4000"
CATCHES = [
    'FROM alpine\nMAINTAINER me\n',
    # hadolint's spec cases
    'FROM busybox\nMAINTAINER hudu@mail.com\n',
    'FROM debian\nMAINTAINER Lukas\n',
    'MAINTAINER Lukas\nFROM DEBIAN\n',
]
PASSES = [
    'FROM alpine\nLABEL maintainer=me\n',
    # hadolint's spec cases
    'FROM debian\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_fix_escapes():
    assert fixed(CODE, 'FROM a\nMAINTAINER Jane "JD" Doe $x\n') == 'FROM a\nLABEL maintainer="Jane \\"JD\\" Doe \\$x"\n'
    assert fixed(CODE, 'FROM a\nMAINTAINER "Jane <j@x>"\n') == 'FROM a\nLABEL maintainer="Jane <j@x>"\n'
    assert fixed(CODE, '# escape=`\nFROM a\nmaintainer a"b\n') == '# escape=`\nFROM a\nlabel maintainer="a`"b"\n'
