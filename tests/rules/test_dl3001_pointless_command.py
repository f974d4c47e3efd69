import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM debian:12\nRUN service ssh start\n',
    'FROM debian:12\nRUN sudo kill -9 1\n',
    'FROM debian:12\nRUN <<EOF\nvim /etc/x\nEOF\n',
    'FROM debian:12\nRUN ifconfig\n',
    'FROM debian:12\nRUN top -b -n1\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN top\n',
    'FROM debian:12\nONBUILD RUN top\n',
]
PASSES = [
    'FROM debian:12\nRUN echo ps\n',
    'FROM debian:12\nRUN ssh-keygen -A\n',
    'FROM debian:12\nRUN ["service", "x", "start"]\n',
    'FROM debian:12\nSHELL ["powershell", "-Command"]\nRUN ps\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN apt-get install ssh\n',
    'FROM debian:12\nONBUILD RUN apt-get install ssh\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3001', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3001', text)
