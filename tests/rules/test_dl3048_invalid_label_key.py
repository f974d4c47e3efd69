import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nLABEL Foo=1\n',
    'FROM x\nLABEL a..b=1\n',
    'FROM x\nLABEL com.docker.x=1\n',
    'FROM x\nLABEL a_b=1\n',
    'FROM x\nLABEL a.=1\n',
]
PASSES = [
    # the labels Docker Desktop requires of an extension image (portainer's)
    'FROM a\nLABEL com.docker.desktop.extension.api.version=">= 0.2.2" com.docker.extension.publisher-url="https://x"\n',
    'FROM x\nLABEL org.opencontainers.image.source=x\n',
    'FROM x\nLABEL "a.b"=1\n',
    'FROM x\nLABEL version=1\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3048", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3048", text)
