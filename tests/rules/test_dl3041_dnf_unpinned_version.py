import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nRUN dnf install -y httpd\n',
    'FROM x\nRUN microdnf install -y a-1 b\n',
]
PASSES = [
    'FROM x\nRUN dnf install -y httpd-2.4.57\n',
    'FROM x\nRUN dnf install -y ./x.rpm\n',
    'FROM x\nRUN dnf install -y $PKGS\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3041", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3041", text)
