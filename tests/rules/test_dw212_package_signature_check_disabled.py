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
]
PASSES = [
    'FROM a\nRUN apt-get install -y x\n',
    'FROM a\nRUN apk add --no-cache x\n',
    'FROM a\nRUN rpm -i x.rpm\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW212', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW212', text)
