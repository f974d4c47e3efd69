import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM debian:12\nRUN sudo ls\n',
    'FROM debian:12\nRUN true && /usr/bin/sudo -u x ls\n',
    'FROM debian:12\nRUN <<EOF\nsudo ls\nEOF\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN sudo apt-get update\n',
    'FROM debian:12\nONBUILD RUN sudo apt-get update\n',
    'FROM debian:12\nRUN apt-get update && sudo apt-get install\n',
    'FROM debian:12\nONBUILD RUN apt-get update && sudo apt-get install\n',
]
PASSES = [
    'FROM debian:12\nRUN gosu app ls\n',
    'FROM debian:12\nRUN echo sudo\n',
    'FROM debian:12\nRUN apt-get install -y sudo\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN apt-get install sudo\n',
    'FROM debian:12\nONBUILD RUN apt-get install sudo\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3004', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3004', text)
