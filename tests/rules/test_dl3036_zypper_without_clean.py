import pytest

from rule_harness import assert_catches, assert_passes, findings, fixed

CATCHES = [
    'FROM x\nRUN zypper install -y x\n',
    'FROM x\nRUN zypper in -y x && rm -rf /tmp/*\n',
    'FROM x\nRUN <<EOF\nzypper in -y x\nEOF\n',
    # hadolint's spec cases
    'FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.4\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper install -y mariadb=10.4\n',
    # a clean before the install leaves what the install adds (hadolint compares their places too)
    'FROM opensuse/leap:15.6\nRUN zypper clean -a && zypper --non-interactive install -y nginx\n',
    'FROM opensuse/leap:15.6\nRUN zypper in -y curl && zypper cc -a && zypper in -y git\n',
    'FROM opensuse/leap:15.6\nRUN rm -rf /var/cache/zypp/* && zypper in -y curl\n',
]
PASSES = [
    # code-server's openSUSE image removes the cache by hand
    'FROM opensuse/tumbleweed\nRUN zypper dup -y && zypper in -y curl git && rm -rf /var/cache/zypp /var/cache/zypper\n',
    'FROM x\nRUN zypper install -y x && zypper clean\n',
    'FROM x\nRUN zypper in -y x && zypper cc -a\n',
    'FROM x\nRUN --mount=type=cache,target=/var/cache/zypp zypper in -y x\n',
    'FROM x\nRUN zypper refresh\n',
    'FROM opensuse/leap:15.6\nRUN zypper clean -a && zypper in -y nginx && zypper clean -a\n',
    # hadolint's spec cases
    'FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.4 && zypper clean\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper install -y mariadb=10.4 && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.4 && zypper cc\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper install -y mariadb=10.4 && zypper cc\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3036", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3036", text)


def test_fix():
    assert fixed("DL3036", 'FROM x\nRUN zypper in -y x\n') == 'FROM x\nRUN zypper in -y x && zypper clean\n'


# The cache-mount alternative (issue #19)
@pytest.mark.parametrize("before,after", [
    ("FROM opensuse/leap:15.6\nRUN zypper install -y curl\n",
     "FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp,sharing=locked zypper install -y curl\n"),
    ("FROM opensuse/tumbleweed\nRUN zypper refresh && zypper --non-interactive in git-core\n",
     "FROM opensuse/tumbleweed\nRUN --mount=type=cache,target=/var/cache/zypp,sharing=locked"
     " zypper refresh && zypper --non-interactive in git-core\n"),
])
def test_cache_mount_fix(before, after):
    assert fixed("DL3036", before, prefer="cache-mount") == after
