import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM debian:12\nRUN apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-get -y install curl=1 wget\n',
    'FROM debian:12\nRUN sudo apt-get install -y curl\n',
    'FROM debian:12\nRUN apt-get install -y postgresql-${PG_MAJOR}\n',
    'FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN apt-get update && apt-get install python\n',
    'FROM debian:12\nONBUILD RUN apt-get update && apt-get install python\n',
]
PASSES = [
    'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n',
    'FROM debian:12\nRUN apt-get install -y $PKGS\n',
    'FROM debian:12\nRUN apt-get install -y "${EXTRA}"\n',
    'FROM debian:12\nRUN apt-get install -y ./pkg.deb\n',
    'FROM debian:12\nRUN apt-get install -y -t bookworm-backports curl/bookworm-backports\n',
    'FROM debian:12\nRUN apt-get update\n',
    'FROM debian:12\nRUN apt install -y curl\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN apt-get update \\\n && apt-get -yqq --no-install-recommends install nodejs=0.10 \\\n && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12\nONBUILD RUN apt-get update \\\n && apt-get -yqq --no-install-recommends install nodejs=0.10 \\\n && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y \\\npython-demjson=2.2.2* \\\nwget=1.16.1* \\\ngit=1:2.5.0* \\\nruby=1:2.1.*\n',
    'FROM debian:12\nONBUILD RUN apt-get update && apt-get install --no-install-recommends -y \\\npython-demjson=2.2.2* \\\nwget=1.16.1* \\\ngit=1:2.5.0* \\\nruby=1:2.1.*\n',
    'FROM debian:12\nRUN apt-get install -y python=1.2.2\n',
    'FROM debian:12\nONBUILD RUN apt-get install -y python=1.2.2\n',
    'FROM debian:12\nRUN apt-get install ./wkhtmltox_0.12.5-1.bionic_amd64.deb\n',
    'FROM debian:12\nONBUILD RUN apt-get install ./wkhtmltox_0.12.5-1.bionic_amd64.deb\n',
    'FROM debian:12\nRUN apt-get -y --no-install-recommends install nodejs=0.10\n',
    'FROM debian:12\nONBUILD RUN apt-get -y --no-install-recommends install nodejs=0.10\n',
    'FROM debian:12\nRUN set -e &&\\\n echo "deb http://http.debian.net/debian jessie-backports main" > /etc/apt/sources.list.d/jessie-backports.list &&\\\n apt-get update &&\\\n apt-get install -y --no-install-recommends -t jessie-backports openjdk-8-jdk=8u131-b11-1~bpo8+1 &&\\\n rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12\nONBUILD RUN set -e &&\\\n echo "deb http://http.debian.net/debian jessie-backports main" > /etc/apt/sources.list.d/jessie-backports.list &&\\\n apt-get update &&\\\n apt-get install -y --no-install-recommends -t jessie-backports openjdk-8-jdk=8u131-b11-1~bpo8+1 &&\\\n rm -rf /var/lib/apt/lists/*\n',
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
