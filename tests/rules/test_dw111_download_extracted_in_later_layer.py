import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a\nRUN curl -fsSL -o /tmp/x.tar.gz https://e/x.tar.gz\nRUN tar -xzf /tmp/x.tar.gz\n',
    'FROM a\nRUN wget https://e/x-1.zip\nRUN unzip x-1.zip\n',
    'FROM a\nRUN curl -O https://e/p.tgz\nRUN tar xvf p.tgz\n',
]
PASSES = [
    'FROM a\nRUN curl -fsSL -o /tmp/x.tar.gz https://e/x.tar.gz && tar -xzf /tmp/x.tar.gz\n',
    'FROM a\nRUN curl -o /tmp/x.tar.gz https://e\nFROM b\nRUN tar -xzf /tmp/x.tar.gz\n',
    'FROM a\nRUN tar -xzf /tmp/x.tar.gz\n',
    'FROM a\nRUN curl -o /tmp/x.tar.gz https://e\nRUN tar -czf /tmp/x.tar.gz /src\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW111', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW111', text)
