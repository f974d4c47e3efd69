import pytest

from rule_harness import assert_catches, assert_passes, findings, fixed

CATCHES = [
    'FROM x\nRUN dnf install -y x\n',
    'FROM x\nRUN dnf -y upgrade\n',
    'FROM x\nRUN microdnf install -y x\n',
    'FROM x\nRUN <<EOF\ndnf install -y x\nEOF\n',
    'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && microdnf clean all\n',
    'FROM fedora:40\nRUN dnf clean all && dnf install -y httpd-2.4.62\n',
    # hadolint's spec cases
    'FROM fedora:40\nRUN dnf install -y mariadb-10.4\n',
    'FROM fedora:40\nRUN microdnf install -y mariadb-10.4\n',
    'FROM fedora:40\nONBUILD RUN dnf install -y mariadb-10.4\n',
    'FROM fedora:40\nONBUILD RUN dnf install -y mariadb-10.4 && microdnf clean all\n',
    'FROM fedora:40\nONBUILD RUN microdnf install -y mariadb-10.4\n',
    'FROM fedora:40\nRUN microdnf clean all && dnf install -y mariadb-10.4\n',
]
PASSES = [
    'FROM x\nRUN dnf install -y x && dnf clean all\n',
    'FROM x\nRUN dnf install -y x && rm -rf /var/cache/dnf\n',
    'FROM x\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y x\n',
    'FROM x\nRUN dnf remove -y x\n',
    # hadolint's spec cases
    'FROM fedora:40\nRUN dnf install -y mariadb-10.4 && dnf clean all\n',
    'FROM fedora:40\nONBUILD RUN dnf install -y mariadb-10.4 && dnf clean all\n',
    'FROM fedora:40\nRUN microdnf install -y mariadb-10.4 && microdnf clean all\n',
    'FROM fedora:40\nONBUILD RUN microdnf install -y mariadb-10.4 && microdnf clean all\n',
    'FROM fedora:40\nRUN notdnf install mariadb\n',
    'FROM fedora:40\nONBUILD RUN notdnf install mariadb\n',
    'FROM fedora:40\nRUN dnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*\n',
    'FROM fedora:40\nONBUILD RUN dnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*\n',
    'FROM fedora:40\nRUN microdnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*\n',
    'FROM fedora:40\nONBUILD RUN microdnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3040", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3040", text)


def test_fix():
    assert fixed("DL3040", 'FROM x\nRUN microdnf install -y x\n') == 'FROM x\nRUN microdnf install -y x && microdnf clean all\n'


def test_rm_rf_of_another_path_is_not_a_cache_clean():
    # hadolint counts any `rm -rf` as `dnf clean all` (MariaDB *-ubi line 13: `rm -rf "$GNUPGHOME"`)
    assert_catches("DL3040", 'FROM x\nRUN microdnf install -y gnupg2 && rm -rf "$GNUPGHOME"\n')


def test_rm_rf_before_the_install_does_not_hide_the_later_clean():
    # hadolint compares the install with the *first* "clean", here the earlier `rm -rf`
    # (MariaDB *-ubi line 75), and reports a RUN that does end with `microdnf clean all`
    assert_passes("DL3040", 'FROM x\nRUN rm -rf /tmp/k && microdnf install -y tar && microdnf clean all\n')


# The cache-mount alternative (issue #19): the cache directory of the dnf the base image has
DNF_MOUNT = "--mount=type=cache,target=/var/cache/dnf,sharing=locked"
CACHE_MOUNT_FIXES = [
    ("FROM rockylinux:9\nRUN dnf install -y httpd\n", f"FROM rockylinux:9\nRUN {DNF_MOUNT} dnf install -y httpd\n"),
    # Fedora's dnf is dnf 5 from Fedora 41 on: both caches
    ("FROM fedora:41\nRUN dnf install -y gcc\n",
     f"FROM fedora:41\nRUN {DNF_MOUNT} --mount=type=cache,target=/var/cache/libdnf5,sharing=locked dnf install -y gcc\n"),
    ("FROM fedora:42\nRUN dnf5 install -y gcc\n",
     "FROM fedora:42\nRUN --mount=type=cache,target=/var/cache/libdnf5,sharing=locked dnf5 install -y gcc\n"),
    # microdnf (UBI minimal) keeps its cache in /var/cache/yum
    ("FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y tar gzip\n",
     "FROM registry.access.redhat.com/ubi9/ubi-minimal\n"
     "RUN --mount=type=cache,target=/var/cache/yum,sharing=locked microdnf install -y tar gzip\n"),
]


@pytest.mark.parametrize("before,after", CACHE_MOUNT_FIXES)
def test_cache_mount_fix(before, after):
    assert fixed("DL3040", before, prefer="cache-mount") == after


def test_no_cache_mount_where_the_run_removes_the_cache_folder():
    # a mount point cannot be removed: `rm` would fail, and the RUN with it
    (d,) = findings("DL3040", "FROM rockylinux:9\nRUN dnf install -y httpd && rm -rf /var/cache/{dnf,yum}\n")
    assert d.fix is not None and d.alternatives == ()
