import pytest
from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM debian:12\nRUN apt install -y curl\n',
    'FROM debian:12\nRUN sudo apt update\n',
    'FROM debian:12\nRUN <<EOF\napt install -y x\nEOF\n',
    'FROM debian:12\nRUN apt search x\n',
    # hadolint's spec cases
    'FROM ubuntu\nRUN apt install python\n',
    'FROM ubuntu\nONBUILD RUN apt install python\n',
]
PASSES = [
    'FROM debian:12\nRUN apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-cache search x\n',
    'FROM debian:12\nRUN echo apt\n',
    'FROM debian:12\nSHELL ["powershell", "-Command"]\nRUN apt install x\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3027', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3027', text)


def test_fix_is_unsafe_and_renames_the_program():
    assert fixed("DL3027", "FROM debian:12\nRUN sudo apt install -y x\n") == "FROM debian:12\nRUN sudo apt-get install -y x\n"
    assert fixed("DL3027", "FROM debian:12\nRUN apt install -y x\n", unsafe=False) == "FROM debian:12\nRUN apt install -y x\n"


def test_no_fix_for_queries():
    [d] = assert_catches("DL3027", "FROM debian:12\nRUN apt list --installed\n")
    assert d.fix is None
