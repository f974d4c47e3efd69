import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DL3014"
CATCHES = [
    'FROM debian:bookworm-slim\nRUN apt-get install curl\n',
    'FROM debian:bookworm-slim\nRUN apt-get -q install curl\n',
    'FROM debian:bookworm-slim\nRUN sudo apt-get install x\n',
    'FROM debian:bookworm-slim\nRUN apt-get -t bookworm-backports install x\n',
    'FROM debian\nONBUILD RUN apt-get install x\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN apt-get install python\n',
    'FROM debian:12\nONBUILD RUN apt-get install python\n',
]
PASSES = [
    # postgres' official image probes whether a package exists: a simulation installs nothing
    'FROM debian:12\nRUN if apt-get install -s "postgresql-18-jit" > /dev/null 2>&1; then echo yes; fi\n',
    'FROM debian:bookworm-slim\nRUN apt-get install -y curl\n',
    'FROM debian:bookworm-slim\nRUN apt-get install -qy curl\n',
    'FROM debian:bookworm-slim\nRUN apt-get -qq install x\n',
    'FROM debian:bookworm-slim\nRUN apt-get install --yes x\n',
    'FROM debian:bookworm-slim\nRUN apt-get install --assume-yes x\n',
    'FROM debian:bookworm-slim\nRUN apt-get -q=2 install x\n',
    'FROM debian:bookworm-slim\nRUN yes | apt-get install x\n',
    'FROM debian:bookworm-slim\nRUN apt-get -o APT::Get::Assume-Yes=true install x\n',
    'FROM debian:bookworm-slim\nRUN apt-get update\n',
    'FROM debian:bookworm-slim\nRUN ["apt-get", "install", "x"]\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN apt-get install -yq python\n',
    'FROM debian:12\nONBUILD RUN apt-get install -yq python\n',
    'FROM debian:12\nRUN apt-get install -qq python\n',
    'FROM debian:12\nONBUILD RUN apt-get install -qq python\n',
    'FROM debian:12\nRUN apt-get install -y python\n',
    'FROM debian:12\nONBUILD RUN apt-get install -y python\n',
    'FROM debian:12\nRUN apt-get -y install python\n',
    'FROM debian:12\nONBUILD RUN apt-get -y install python\n',
    'FROM debian:12\nRUN apt-get --yes install python\n',
    'FROM debian:12\nONBUILD RUN apt-get --yes install python\n',
    'FROM debian:12\nRUN apt-get --assume-yes install python\n',
    'FROM debian:12\nONBUILD RUN apt-get --assume-yes install python\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_fix_inserts_y():
    assert fixed(CODE, "FROM debian\nRUN apt-get install curl\n") == "FROM debian\nRUN apt-get install -y curl\n"
