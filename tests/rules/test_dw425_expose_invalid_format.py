import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM a\nEXPOSE 127.0.0.1:80:80\n',
    'FROM a\nEXPOSE 8080:80/tcp\n',
]
PASSES = [
    'FROM a\nEXPOSE 80\n',
    'FROM a\nEXPOSE ${PORT:-80}\n',
    'FROM a\nEXPOSE 8000-8010\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW425', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW425', text)
