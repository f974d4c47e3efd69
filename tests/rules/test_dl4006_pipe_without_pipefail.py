import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM x\nRUN a | b\n',
    'FROM x\nSHELL ["/bin/bash", "-c"]\nRUN a | b\n',
    'FROM x\nRUN a | b && set -o pipefail\n',
    'FROM x\nRUN <<EOF\na | b\nEOF\n',
]
PASSES = [
    # only the last command of these pipes can fail (official images' checksum idiom)
    'FROM alpine:3.20\nRUN echo "${ESUM} */tmp/openjdk.tar.gz" | sha256sum -c -\n',
    'FROM debian:12\nRUN echo "deb https://deb.nodesource.com/node_20.x nodistro main" | tee /etc/apt/sources.list.d/n.list\n',
    'FROM x\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\n',
    'FROM x\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN a | b\n',
    'FROM x\nRUN set -o pipefail && a | b\n',
    'FROM x\nRUN <<EOF\nset -euo pipefail\na | b\nEOF\n',
    'FROM x\nRUN a || b\n',
    'FROM x\nSHELL ["pwsh", "-Command"]\nRUN a | b\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL4006", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL4006", text)


def test_fix():
    assert fixed("DL4006", 'FROM x\nSHELL ["/bin/bash", "-c"]\nRUN a | b\n') == 'FROM x\nSHELL ["/bin/bash", "-c"]\nRUN set -o pipefail && a | b\n'
