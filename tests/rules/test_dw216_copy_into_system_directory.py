import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a\nCOPY . /\n',
    'FROM a\nADD ./ /usr/bin/\n',
    'FROM a\nWORKDIR /usr/bin\n',
    'FROM a\nWORKDIR /etc\n',
]
PASSES = [
    'FROM a\nCOPY entrypoint.sh /\n',
    'FROM a\nCOPY app /usr/bin/app\n',
    'FROM a\nCOPY nginx.conf /etc/nginx/\n',
    'FROM a\nWORKDIR /\n',
    'FROM a\nWORKDIR /app\n',
    'FROM a\nCOPY . /app\n',
    'FROM a\nCOPY --from=b . /\n',
    'FROM a\nCOPY . /usr/local/bin/\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW216', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW216', text)
