import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nLABEL Foo=1\n',
    'FROM x\nLABEL a..b=1\n',
    'FROM x\nLABEL com.docker.x=1\n',
    'FROM x\nLABEL a_b=1\n',
    'FROM x\nLABEL a.=1\n',
    # hadolint's spec cases
    'FROM debian:12\nLABEL com.docker.label="foo"\n',
    'FROM debian:12\nONBUILD LABEL com.docker.label="foo"\n',
    'FROM debian:12\nLABEL io.docker.label="foo"\n',
    'FROM debian:12\nONBUILD LABEL io.docker.label="foo"\n',
    'FROM debian:12\nLABEL org.dockerproject.label="foo"\n',
    'FROM debian:12\nONBUILD LABEL org.dockerproject.label="foo"\n',
    'FROM debian:12\nLABEL invalid$character="foo"\n',
    'FROM debian:12\nONBUILD LABEL invalid$character="foo"\n',
    'FROM debian:12\nLABEL .invalid="foo"\n',
    'FROM debian:12\nONBUILD LABEL .invalid="foo"\n',
    'FROM debian:12\nLABEL -invalid="foo"\n',
    'FROM debian:12\nONBUILD LABEL -invalid="foo"\n',
    'FROM debian:12\nLABEL 1invalid="foo"\n',
    'FROM debian:12\nONBUILD LABEL 1invalid="foo"\n',
    'FROM debian:12\nLABEL invalid..character="foo"\n',
    'FROM debian:12\nONBUILD LABEL invalid..character="foo"\n',
    'FROM debian:12\nLABEL invalid--character="foo"\n',
    'FROM debian:12\nONBUILD LABEL invalid--character="foo"\n',
    'FROM debian:12\nLABEL .invalid ="foo"\n',
    'FROM debian:12\nLABEL -invalid ="foo"\n',
    'FROM debian:12\nLABEL 1invalid ="foo"\n',
]
PASSES = [
    # the labels Docker Desktop requires of an extension image (portainer's)
    'FROM a\nLABEL com.docker.desktop.extension.api.version=">= 0.2.2" com.docker.extension.publisher-url="https://x"\n',
    'FROM x\nLABEL org.opencontainers.image.source=x\n',
    'FROM x\nLABEL "a.b"=1\n',
    'FROM x\nLABEL version=1\n',
    # hadolint's spec cases
    'FROM debian:12\nLABEL org.valid-key.label3="foo"\n',
    'FROM debian:12\nONBUILD LABEL org.valid-key.label3="foo"\n',
    'FROM debian:12\nLABEL validlabel="foo"\n',
    'FROM debian:12\nONBUILD LABEL validlabel="foo"\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3048", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3048", text)
