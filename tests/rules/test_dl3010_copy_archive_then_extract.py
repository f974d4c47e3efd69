import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz\n',
    'FROM debian:12\nCOPY a.zip /tmp/\nRUN unzip /tmp/a.zip\n',
    'FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar xzf /tmp/a.tar.gz\n',
    'FROM debian:12\nCOPY a.tgz /tmp/\nRUN tar -xzf /tmp/a.tgz\nFROM debian:12\nRUN true\n',
]
PASSES = [
    'FROM debian:12\nCOPY a.tar.gz /tmp/\n',
    'FROM debian:12\nCOPY --from=build /a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz\n',
    'FROM debian:12\nRUN tar -xzf /tmp/a.tar.gz\nCOPY a.tar.gz /tmp/\n',
    'FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -czf /tmp/a.tar.gz /x\n',
    'FROM debian:12\nCOPY a.tar.gz /tmp/\nFROM debian:12\nRUN tar -xzf /tmp/a.tar.gz\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3010', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3010', text)


def test_earlier_stages_are_checked_too():
    # hadolint 2.15 forgets findings from every stage but the last one
    text = "FROM debian:12\nCOPY a.tgz /tmp/\nRUN tar -xzf /tmp/a.tgz\nFROM debian:12\nRUN true\n"
    assert_catches("DL3010", text, count=1)
