import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a\nEXPOSE 22\n',
    'FROM a\nEXPOSE 80 22/tcp\n',
]
PASSES = [
    'FROM a\nEXPOSE 2222\n',
    'FROM a\nEXPOSE 22/udp\n',
    'FROM a\nEXPOSE 8022\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW213', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW213', text)
