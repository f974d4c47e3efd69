import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM debian:12\nRUN cd /tmp && ls\n',
    'FROM debian:12\nRUN make; cd /x\n',
    'FROM debian:12\nRUN <<EOF\ncd /x\nmake\nEOF\n',
]
PASSES = [
    'FROM debian:12\nRUN ls /tmp\n',
    'FROM debian:12\nWORKDIR /tmp\n',
    'FROM debian:12\nRUN echo cd\n',
    'FROM debian:12\nSHELL ["powershell", "-Command"]\nRUN cd C:\\\\x\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3003', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3003', text)
