import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM x\nRUN wget http://x\n',
    'FROM x\nRUN wget -O /tmp/x http://x\n',
    'FROM x\nRUN <<EOF\nwget http://x\nEOF\n',
    # hadolint's spec cases
    'FROM node as foo\nRUN wget my.xyz\n',
]
PASSES = [
    'FROM x\nRUN wget -q http://x\n',
    'FROM x\nRUN wget -nv http://x\n',
    'FROM x\nRUN wget --progress=dot:giga http://x\n',
    'FROM x\nRUN wget -qO- http://x\n',
    'FROM x\nRUN wget -o log http://x\n',
    # hadolint's spec cases
    'FROM node as foo\nRUN wget --progress=dot:giga my.xyz\n',
    'FROM node as foo\nRUN wget -q my.xyz\n',
    'FROM node as foo\nRUN wget --quiet my.xyz\n',
    'FROM node as foo\nRUN wget -nv my.xyz\n',
    'FROM node as foo\nRUN wget --no-verbose my.xyz\n',
    'FROM node as foo\nRUN wget --output-file=/tmp/wget.log my.xyz\n',
    'FROM node as foo\nRUN wget -o /tmp/wget.log my.xyz\n',
    'FROM node as foo\nRUN wget --append-output=/tmp/wget.log my.xyz\n',
    'FROM node as foo\nRUN wget -a /tmp/wget.log my.xyz\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3047", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3047", text)


def test_fix():
    assert fixed("DL3047", 'FROM x\nRUN wget http://x\n') == 'FROM x\nRUN wget --progress=dot:giga http://x\n'
