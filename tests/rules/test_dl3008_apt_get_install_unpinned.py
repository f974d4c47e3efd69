import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM debian:12\nRUN apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-get -y install curl=1 wget\n',
    'FROM debian:12\nRUN sudo apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-get install -y postgresql-${PG_MAJOR}\n',
    'FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n',
]
PASSES = [
    'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n',
    'FROM debian:12\nRUN apt-get install -y $PKGS\n',
    'FROM debian:12\nRUN apt-get install -y "${EXTRA}"\n',
    'FROM debian:12\nRUN apt-get install -y ./pkg.deb\n',
    'FROM debian:12\nRUN apt-get install -y -t bookworm-backports curl/bookworm-backports\n',
    'FROM debian:12\nRUN apt-get update\n',
    'FROM debian:12\nRUN apt install -y curl\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3008', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3008', text)
