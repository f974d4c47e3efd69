import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM x\nRUN a | b\n',
    'FROM x\nSHELL ["/bin/bash", "-c"]\nRUN a | b\n',
    'FROM x\nRUN a | b && set -o pipefail\n',
    'FROM x\nRUN <<EOF\na | b\nEOF\n',
    # a bare assignment's status is its substitution's: a failed download fails the RUN under set -e
    'FROM debian:12\nRUN set -e; VERSION=$(curl -fsSL https://api.github.com/repos/cli/cli/releases/latest'
    ' | jq -r .tag_name); echo $VERSION\n',
    # dpkg and apk can fail with other arguments
    'FROM debian:12\nRUN dpkg -l | tail -n +6 > /packages.txt\n',
    'FROM alpine:3.20\nRUN apk info -v | sort > /packages.txt\n',
    # the pipe outside the substitution still counts
    'FROM fedora:39\nRUN curl -fsSL https://x/code-server-$(uname -m).rpm | rpm -i -\n',
    # what feeds the pipe is a group, a negation or a redirected command
    'FROM debian:12\nRUN wget -qO- https://example.com/tool.tar.gz 2>/dev/null | tar xz -C /opt\n',
    'FROM debian:12\nRUN { curl -fsSL https://example.com/a.sh; curl -fsSL https://example.com/b.sh; } | sh\n',
    'FROM debian:12\nRUN (cd /src && make) | tee /build.log\n',
    'FROM debian:12\nRUN ! curl -fsSL https://example.com/install.sh | sh\n',
    # a grep that inverts (`-v`) succeeds on empty input: a failed producer goes unseen
    'FROM debian:12\nRUN curl -fsSL https://example.com/list.txt | grep -v "^#" > /etc/list\n',
]
PASSES = [
    # only the last command of these pipes can fail (official images' checksum idiom)
    'FROM alpine:3.20\nRUN echo "${ESUM} */tmp/openjdk.tar.gz" | sha256sum -c -\n',
    'FROM debian:12\nRUN echo "deb https://deb.nodesource.com/node_20.x nodistro main" | tee /etc/apt/sources.list.d/n.list\n',
    # what these print is fixed: only the last command of the pipe can fail
    'FROM debian:12\nRUN set -e; ARCH=$(dpkg --print-architecture | sed s/amd64/x86_64/); echo $ARCH\n',
    'FROM debian:12\nRUN dpkg --print-architecture | awk -F- \'{ print $NF }\' > /arch\n',
    'FROM alpine:3.20\nRUN apk --print-arch | tee /etc/arch\n',
    'FROM alpine:3.20\nRUN arch | grep -q x86_64 && apk add --no-cache intel-media-driver || true\n',
    'FROM debian:12\nRUN uname -r | cut -d. -f1,2 > /kernel\n',
    # a pipe into a grep: a producer that fails prints nothing, and grep fails on no match
    # (postgres `locale -a | grep 'en_US.utf8'`, docker dind `iptables --version | grep legacy`)
    'FROM debian:12\nRUN set -eux; locale -a | grep \'en_US.utf8\'\n',
    'FROM debian:12\nRUN iptables --version | grep legacy\n',
    'FROM debian:12\nRUN if ! cat /etc/group | grep -e "^npm:" > /dev/null 2>&1; then groupadd -r npm; fi\n',
    'FROM debian:12\nRUN PYENV_VERSION=3.10 pyenv exec python --version | grep "Python 3.10" || exit 1\n',
    # mysql Dockerfile.oracle: a group that only echoes
    "FROM oraclelinux:9-slim\nRUN { echo '[mysqld]'; echo 'skip-host-cache'; } | tee /etc/my.cnf.d/docker.cnf\n",
    'FROM x\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\n',
    'FROM x\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN a | b\n',
    'FROM x\nRUN set -o pipefail && a | b\n',
    'FROM x\nRUN <<EOF\nset -euo pipefail\na | b\nEOF\n',
    'FROM x\nRUN a || b\n',
    'FROM x\nSHELL ["pwsh", "-Command"]\nRUN a | b\n',
    # coder/code-server Dockerfile.fedora: the pipe is inside `$(…)` used as rpm's argument; its
    # status is thrown away, pipefail or not
    "FROM fedora:39\nRUN --mount=from=packages,src=/tmp,dst=/tmp/packages rpm -i /tmp/packages/code-server*"
    "$(uname -m | sed 's/x86_64/amd64/g' | sed 's/aarch64/arm64/g').rpm\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL4006", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL4006", text)


def test_fix():
    assert fixed("DL4006", 'FROM x\nSHELL ["/bin/bash", "-c"]\nRUN a | b\n') == 'FROM x\nSHELL ["/bin/bash", "-c"]\nRUN set -o pipefail && a | b\n'


def test_hadolint_pragma_on_a_discarded_pipe_is_still_used():
    from dockwise.config import Config
    from dockwise.engine.check import check
    text = ("FROM fedora:39\n# hadolint ignore=DL4006\nRUN rpm -i /tmp/code-server*"
            "$(uname -m | sed 's/x86_64/amd64/g' | sed 's/aarch64/arm64/g').rpm\n")
    assert [d.code for d in check(text, "Dockerfile", Config(select=["DL4006", "DW490"]))] == []


def test_pipe_into_an_awk_check_that_fails_on_empty_input():
    # MariaDB-docker 11.8-ubi: a failing `openssl list` prints nothing, and the awk END block
    # then exits 1 itself, so pipefail would change nothing
    text = ("FROM registry.access.redhat.com/ubi9-minimal\nRUN set -eux; \\\n"
            "\topenssl list -providers | awk '/^\\s*fips/{f=1} f && /status: active/{print \"FIPS is active\"; "
            "found=1; exit 0} END { if (!found) { print \"FIPS is not active\"; exit 1} }'; \\\n"
            "\tmicrodnf clean all\n")
    assert_passes("DL4006", text)
    # an awk that only prints: a failing producer goes unnoticed
    assert_catches("DL4006", text.replace("exit 1} }'", "} }'"))
    assert_catches("DL4006", "FROM alpine\nRUN wget -qO- https://example.com/list | awk '{print $1}' > /list\n")
