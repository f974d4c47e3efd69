import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nRUN dnf install -y httpd\n',
    'FROM x\nRUN microdnf install -y a-1 b\n',
    # hadolint's spec cases
    'FROM fedora:40\nRUN dnf install -y tomcat && dnf clean all\n',
    'FROM fedora:40\nRUN microdnf install -y tomcat && microdnf clean all\n',
    'FROM fedora:40\nONBUILD RUN dnf install -y tomcat && dnf clean all\n',
    'FROM fedora:40\nRUN dnf install -y rpm-sign && dnf clean all\n',
    'FROM fedora:40\nRUN microdnf install -y rpm-sign && microdnf clean all\n',
    'FROM fedora:40\nONBUILD RUN dnf install -y rpm-sign && dnf clean all\n',
    'FROM fedora:40\nRUN dnf module install -y tomcat && dnf clean all\n',
    'FROM fedora:40\nRUN microdnf module install -y tomcat && microdnf clean all\n',
    'FROM fedora:40\nONBUILD RUN dnf module install -y tomcat && dnf clean all\n',
]
PASSES = [
    'FROM x\nRUN dnf install -y httpd-2.4.57\n',
    'FROM x\nRUN dnf install -y ./x.rpm\n',
    'FROM x\nRUN dnf install -y $PKGS\n',
    # hadolint's spec cases
    'FROM fedora:40\nRUN dnf install -y "git-core-${GIT_VER}" && dnf clean all\n',
    'FROM fedora:40\nRUN dnf install -y "rpm-sign-${VERSION}" && dnf clean all\n',
    'FROM fedora:40\nRUN dnf install -y tomcat-$VERSION && dnf clean all\n',
    'FROM fedora:40\nRUN microdnf install -y "git-core-${GIT_VER}" && microdnf clean all\n',
    'FROM fedora:40\nONBUILD RUN dnf install -y "git-core-${GIT_VER}" && dnf clean all\n',
    'FROM fedora:40\nRUN dnf install -y tomcat-9.0.1 && dnf clean all\n',
    'FROM fedora:40\nONBUILD RUN dnf install -y tomcat-9.0.1 && dnf clean all\n',
    'FROM fedora:40\nRUN microdnf install -y tomcat-9.0.1 && microdnf clean all\n',
    'FROM fedora:40\nONBUILD RUN microdnf install -y tomcat-9.0.1 && microdnf clean all\n',
    'FROM fedora:40\nRUN notdnf install openssl-1:1.1.1k\n',
    'FROM fedora:40\nONBUILD RUN notdnf install openssl-1:1.1.1k\n',
    'FROM fedora:40\nRUN notdnf install tomcat\n',
    'FROM fedora:40\nONBUILD RUN notdnf install tomcat\n',
    'FROM fedora:40\nRUN dnf install -y rpm-sign-4.16.1.3 && dnf clean all\n',
    'FROM fedora:40\nONBUILD RUN dnf install -y rpm-sign-4.16.1.3 && dnf clean all\n',
    'FROM fedora:40\nRUN microdnf install -y rpm-sign-4.16.1.3 && microdnf clean all\n',
    'FROM fedora:40\nONBUILD RUN microdnf install -y rpm-sign-4.16.1.3 && microdnf clean all\n',
    'FROM fedora:40\nRUN dnf install -y gcc-c++-1.1.1\n',
    'FROM fedora:40\nONBUILD RUN dnf install -y gcc-c++-1.1.1\n',
    'FROM fedora:40\nRUN microdnf install -y gcc-c++-1.1.1\n',
    'FROM fedora:40\nONBUILD RUN microdnf install -y gcc-c++-1.1.1\n',
    'FROM fedora:40\nRUN dnf install -y openssl-1:1.1.1k\n',
    'FROM fedora:40\nONBUILD RUN dnf install -y openssl-1:1.1.1k\n',
    'FROM fedora:40\nRUN microdnf install -y openssl-1:1.1.1k\n',
    'FROM fedora:40\nONBUILD RUN microdnf install -y openssl-1:1.1.1k\n',
    'FROM fedora:40\nRUN dnf module install -y tomcat:9 && dnf clean all\n',
    'FROM fedora:40\nONBUILD RUN dnf module install -y tomcat:9 && dnf clean all\n',
    'FROM fedora:40\nRUN microdnf module install -y tomcat:9 && microdnf clean all\n',
    'FROM fedora:40\nONBUILD RUN microdnf module install -y tomcat:9 && microdnf clean all\n',
    'FROM fedora:40\nRUN notdnf module install tomcat\n',
    'FROM fedora:40\nONBUILD RUN notdnf module install tomcat\n',
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
