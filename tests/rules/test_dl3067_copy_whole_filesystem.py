import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    "FROM alpine AS a\nFROM scratch\nCOPY --from=a / /\n",
    "FROM scratch\nCOPY --from=tonistiigi/xx / /\n",
    "FROM alpine AS a\nFROM scratch\nCOPY --from=a /. /rootfs\n",
]
PASSES = [
    "FROM alpine AS a\nFROM scratch\nCOPY --from=a /bin /bin\n",
    "FROM scratch\nCOPY / /\n",
    "FROM alpine AS a\nFROM scratch\nCOPY --from=a /etc/ /\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3067", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3067", text)
