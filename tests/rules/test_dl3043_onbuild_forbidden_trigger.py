import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nONBUILD FROM y\n',
    'FROM x\nONBUILD MAINTAINER me\n',
    'FROM x\nONBUILD ONBUILD RUN a\n',
    # hadolint's spec cases
    'FROM debian:12\nONBUILD ONBUILD RUN anything\n',
    'FROM debian:12\nONBUILD FROM debian:buster\n',
    'FROM debian:12\nONBUILD MAINTAINER "BoJack Horseman"\n',
]
PASSES = [
    'FROM x\nONBUILD RUN a\n',
    'FROM x\nONBUILD COPY . /app\n',
    # hadolint's spec cases
    'FROM debian:12\nONBUILD ADD anything anywhere\n',
    'FROM debian:12\nONBUILD USER anything\n',
    'FROM debian:12\nONBUILD LABEL bla="blubb"\n',
    'FROM debian:12\nONBUILD STOPSIGNAL anything\n',
    'FROM debian:12\nONBUILD COPY anything anywhere\n',
    'FROM debian:12\nONBUILD RUN anything\n',
    'FROM debian:12\nONBUILD CMD anything\n',
    'FROM debian:12\nONBUILD SHELL anything\n',
    'FROM debian:12\nONBUILD WORKDIR anything\n',
    'FROM debian:12\nONBUILD EXPOSE 69\n',
    'FROM debian:12\nONBUILD VOLUME anything\n',
    'FROM debian:12\nONBUILD ENTRYPOINT anything\n',
    'FROM debian:12\nONBUILD ENV MYVAR="bla"\n',
    'FROM debian:12\nONBUILD ARG anything\n',
    'FROM debian:12\nONBUILD HEALTHCHECK NONE\n',
    'FROM debian:buster\n',
    'FROM debian:12\nMAINTAINER "Some Guy"\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3043", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3043", text)
