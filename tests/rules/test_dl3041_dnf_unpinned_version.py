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


def test_version_given_by_a_variable_after_the_dash_is_a_pin():
    # hadolint flags these (MariaDB Containerfile.debug-ubi, ollama): the variable is the version
    assert_passes("DL3041", "FROM x\nRUN microdnf install -y MariaDB-server-debuginfo-${MARIADB_VERSION}\n")
    assert_passes("DL3041", "FROM x\nARG V=12.8\nRUN dnf install -y cuda-toolkit-${V//./-}\n")


def test_variable_inside_the_name_is_still_judged():
    assert_catches("DL3041", "FROM x\nRUN dnf install -y php${PHP}-cli\n")
