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


def test_package_list_wholly_a_variable_is_not_judged():
    # hadolint flags these (14 in the corpus: `$fetchDeps`, `${RUNTIME_PACKAGES}`): their
    # content, versions included, is unknown
    assert_passes("DL3008", "FROM debian:12\nRUN apt-get install -y --no-install-recommends $fetchDeps\n")
    assert_passes("DL3008", "FROM debian:12\nRUN apt-get install -y ${RUNTIME_PACKAGES}\n")
