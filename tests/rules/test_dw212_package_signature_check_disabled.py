import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a\nRUN apt-get install -y --allow-unauthenticated x\n',
    'FROM a\nRUN apt-get install --force-yes x\n',
    'FROM a\nRUN apk add --allow-untrusted /tmp/x.apk\n',
    'FROM a\nRUN yum install -y --nogpgcheck x\n',
    'FROM a\nRUN dnf install --nogpgcheck x\n',
    'FROM a\nRUN rpm -i --nosignature x.rpm\n',
    'FROM a\nRUN apt-get -o APT::Get::AllowUnauthenticated=true install x\n',
    'FROM a\nRUN apt-get update --allow-insecure-repositories\n',
    # a downloaded package, even with a stage mounted elsewhere
    'FROM a AS b\nFROM a\nRUN --mount=from=b,target=/m wget https://x/glibc.apk && apk add --allow-untrusted glibc.apk\n',
]
PASSES = [
    'FROM a\nRUN apt-get install -y x\n',
    'FROM a\nRUN apk add --no-cache x\n',
    'FROM a\nRUN rpm -i x.rpm\n',
    # packages an earlier stage built, mounted into the RUN (nginx's modules image)
    'FROM a AS builder\nRUN make-apks\nFROM a\nRUN --mount=type=bind,target=/tmp/packages/,source=/tmp/packages/,from=builder \\\n'
    '    apk add --no-cache --allow-untrusted /tmp/packages/nginx-module-geoip-1.27.apk\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW212', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW212', text)
