import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM debian:12\nRUN service ssh start\n',
    'FROM debian:12\nRUN sudo kill -9 1\n',
    'FROM debian:12\nRUN <<EOF\nvim /etc/x\nEOF\n',
    'FROM debian:12\nRUN ifconfig\n',
    'FROM debian:12\nRUN top -b -n1\n',
]
PASSES = [
    'FROM debian:12\nRUN echo ps\n',
    'FROM debian:12\nRUN ssh-keygen -A\n',
    'FROM debian:12\nRUN ["service", "x", "start"]\n',
    'FROM debian:12\nSHELL ["powershell", "-Command"]\nRUN ps\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3001', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3001', text)
