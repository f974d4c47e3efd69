import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DL3015"
CATCHES = [
    'FROM debian:bookworm-slim\nRUN apt-get install -y curl\n',
    'FROM debian:bookworm-slim\nRUN apt-get -y install curl\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN apt-get install python\n',
    'FROM debian:12\nONBUILD RUN apt-get install python\n',
    'FROM debian:12\nRUN apt-get -y install python\n',
    'FROM debian:12\nONBUILD RUN apt-get -y install python\n',
]
PASSES = [
    # postgres' official image probes whether a package exists: a simulation installs nothing
    'FROM debian:12\nRUN if apt-get install -s "postgresql-18-jit" > /dev/null 2>&1; then echo yes; fi\n',
    'FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends curl\n',
    'FROM debian:bookworm-slim\nRUN apt-get -o APT::Install-Recommends=false install -y x\n',
    'FROM debian:bookworm-slim\nRUN apt-get update\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN apt-get install --no-install-recommends python\n',
    'FROM debian:12\nONBUILD RUN apt-get install --no-install-recommends python\n',
    'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install python\n',
    'FROM debian:12\nONBUILD RUN apt-get -o APT::Install-Recommends=false install python\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_fix_is_unsafe_and_inserts_flag():
    from rule_harness import findings
    assert findings(CODE, "FROM debian\nRUN apt-get install -y x\n")[0].fix.applicability.value == "unsafe"
    assert fixed(CODE, "FROM debian\nRUN apt-get install -y x\n") == \
        "FROM debian\nRUN apt-get install --no-install-recommends -y x\n"
