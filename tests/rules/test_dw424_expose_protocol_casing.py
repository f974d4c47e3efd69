import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM a\nEXPOSE 80/TCP\n',
    'FROM a\nEXPOSE 53/Udp 80\n',
]
PASSES = [
    'FROM a\nEXPOSE 80/tcp\n',
    'FROM a\nEXPOSE 80\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW424', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW424', text)


FIXES = [
    ('FROM a\nEXPOSE 80/TCP 53/UDP\n', 'FROM a\nEXPOSE 80/tcp 53/udp\n'),
]


@pytest.mark.parametrize(("before", "after"), FIXES)
def test_fix(before, after):
    assert fixed('DW424', before) == after
