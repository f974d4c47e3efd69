import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM x\nRUN wget http://x\n',
    'FROM x\nRUN wget -O /tmp/x http://x\n',
    'FROM x\nRUN <<EOF\nwget http://x\nEOF\n',
]
PASSES = [
    'FROM x\nRUN wget -q http://x\n',
    'FROM x\nRUN wget -nv http://x\n',
    'FROM x\nRUN wget --progress=dot:giga http://x\n',
    'FROM x\nRUN wget -qO- http://x\n',
    'FROM x\nRUN wget -o log http://x\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3047", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3047", text)


def test_fix():
    assert fixed("DL3047", 'FROM x\nRUN wget http://x\n') == 'FROM x\nRUN wget --progress=dot:giga http://x\n'
