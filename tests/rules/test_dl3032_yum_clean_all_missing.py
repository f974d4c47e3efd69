import pytest
from rule_harness import assert_catches, assert_passes, findings, fixed

CATCHES = [
    'FROM centos:7\nRUN yum install -y x\n',
    'FROM centos:7\nRUN yum install -y x && rm -rf /tmp/x\n',
    'FROM centos:7\nRUN <<EOF\nyum install -y x\nEOF\n',
    'FROM centos:7\nRUN --mount=type=cache,target=/root/.cache yum install -y x\n',
    # hadolint's spec cases
    'FROM centos:7\nRUN yum install -y mariadb-10.4\n',
    'FROM centos:7\nONBUILD RUN yum install -y mariadb-10.4\n',
    'FROM centos:7\nRUN yum clean all && yum install -y\n',
    'FROM centos:7\nRUN yum install -y bash && yum clean\n',
    'FROM centos:7\nRUN yum install -y bash && yum clean cache\n',
    'FROM centos:7\nRUN yum install -y bash && rm -rf /var/lib/apt/lists/*\n',
    'FROM centos:7\nRUN yum install -y bash && rm -rf /var/cache/libdnf5\n',
    'FROM centos:7\nONBUILD RUN yum install -y bash && yum clean\n',
    # a clean before the install leaves what the install adds (the second install here)
    'FROM centos:7\nRUN yum clean all && yum -y install httpd\n',
    'FROM centos:7\nRUN yum install -y epel-release && yum clean all && yum install -y nginx\n',
]
PASSES = [
    'FROM centos:7\nRUN yum install -y x && yum clean all\n',
    'FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y x\n',
    'FROM centos:7\nRUN --mount=type=tmpfs,target=/var/cache yum install -y x\n',
    'FROM centos:7\nRUN yum -y clean all\n',
    'FROM centos:7\nRUN <<EOF\nyum install -y x\nyum clean all\nEOF\n',
    'FROM centos:7\nRUN ["yum", "install", "-y", "x"]\n',
    # hadolint's spec cases
    'FROM centos:7\nRUN yum install -y mariadb-10.4 && yum clean all\n',
    'FROM centos:7\nONBUILD RUN yum install -y mariadb-10.4 && yum clean all\n',
    'FROM centos:7\nRUN bash -c `# not even a yum command`\n',
    'FROM centos:7\nONBUILD RUN bash -c `# not even a yum command`\n',
    'FROM centos:7\nRUN yum install -y mariadb-10.4 && rm -rf /var/cache/yum/*\n',
    'FROM centos:7\nONBUILD RUN yum install -y mariadb-10.4 && rm -rf /var/cache/yum/*\n',
    'FROM centos:7\nRUN rm -rf /foo/bar && yum install -y bash && rm -rf /var/cache/yum/*\n',
    'FROM centos:7\nRUN yum clean all && yum install -y httpd && yum clean all\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3032', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3032', text)


def test_cache_mount_keeps_the_cache_out_of_the_layer():
    # hadolint still asks for `yum clean all` here
    assert_passes("DL3032", "FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y x\n")


@pytest.mark.parametrize("before,after", [
    ("FROM centos:7\nRUN yum install -y x\n", "FROM centos:7\nRUN yum install -y x && yum clean all\n"),
    ("FROM centos:7\nRUN yum install -y x;\n", "FROM centos:7\nRUN yum install -y x; yum clean all\n"),
    ("FROM centos:7\nRUN set -e; \\\n    yum install -y x\n", "FROM centos:7\nRUN set -e; \\\n    yum install -y x && yum clean all\n"),
])
def test_fix_appends_clean(before, after):
    assert fixed("DL3032", before) == after


def test_no_clean_up_fix_for_heredoc():
    # appending to a heredoc is not done; the cache mount, added to the RUN's flags, is the one fix
    [d] = assert_catches("DL3032", "FROM centos:7\nRUN <<EOF\nyum install -y x\nEOF\n")
    assert d.fix is not None and d.fix.kind == "cache-mount" and d.fix.applicability.value == "unsafe"
    [d] = assert_catches("DL3032", "# syntax=docker/dockerfile:1.1\nFROM centos:7\nRUN <<EOF\nyum install -y x\nEOF\n")
    assert d.fix is None


# The cache-mount alternative (issue #19): yum's cache, and dnf's for the yum of EL 8 and later
def test_cache_mount_fix():
    before = "FROM centos:7\nRUN yum install -y httpd\n"
    assert fixed("DL3032", before, prefer="cache-mount") == (
        "FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum,sharing=locked"
        " --mount=type=cache,target=/var/cache/dnf,sharing=locked yum install -y httpd\n")


def test_cache_mount_fix_beside_an_existing_yum_mount_is_not_needed():
    assert_passes("DL3032", "FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd\n")
