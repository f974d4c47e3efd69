import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM x\nRUN dnf install httpd\n',
    'FROM x\nRUN dnf groupinstall dev\n',
    'FROM x\nRUN dnf module install nodejs:20\n',
    # hadolint's spec cases
    'FROM fedora:40\nRUN dnf install httpd-2.4.24 && dnf clean all\n',
    'FROM fedora:40\nONBUILD RUN dnf install httpd-2.4.24 && dnf clean all\n',
]
PASSES = [
    # microdnf has no confirmation prompt (the official openjdk images rely on it)
    'FROM oraclelinux:9-slim\nRUN microdnf install gzip tar binutils; microdnf clean all\n',
    'FROM x\nRUN dnf install -y httpd\n',
    'FROM x\nRUN dnf --assumeyes install x\n',
    'FROM x\nRUN dnf -qy install x\n',
    'FROM x\nRUN dnf makecache\n',
    'FROM x\nRUN dnf clean all\n',
    # hadolint's spec cases
    'FROM fedora:40\nRUN dnf install -y httpd-2.4.24 && dnf clean all\n',
    'FROM fedora:40\nONBUILD RUN dnf install -y httpd-2.4.24 && dnf clean all\n',
    'FROM fedora:40\nRUN notdnf install httpd\n',
    'FROM fedora:40\nONBUILD RUN notdnf install httpd\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3038", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3038", text)


def test_fix():
    assert fixed("DL3038", 'FROM x\nRUN dnf install x\n') == 'FROM x\nRUN dnf install -y x\n'
