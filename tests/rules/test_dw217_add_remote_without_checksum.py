import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a\nADD https://example.com/x.tgz /tmp/\n',
    'FROM a\nADD --chown=1 http://example.com/x /x\n',
]
PASSES = [
    'FROM a\nADD --checksum=sha256:abc https://example.com/x.tgz /tmp/\n',
    'FROM a\nADD x.tgz /tmp/\n',
    'FROM a\nADD https://github.com/moby/buildkit.git#v0.10.1 /src\n',
    'FROM a\nADD git@github.com:x/y.git /src\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW217', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW217', text)
