import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM debian:12\nEXPOSE 65536\n',
    'FROM debian:12\nEXPOSE 80 99999/udp\n',
    'FROM debian:12\nEXPOSE 8000-70000\n',
    # hadolint's spec cases
    'FROM debian:12\nEXPOSE 80000\n',
]
PASSES = [
    'FROM debian:12\nEXPOSE 80 443/tcp 53/udp\n',
    'FROM debian:12\nEXPOSE 0 65535\n',
    'FROM debian:12\nEXPOSE $PORT\n',
    'FROM debian:12\nEXPOSE 8000-8080\n',
    # hadolint's spec cases
    'FROM debian:12\nEXPOSE 60000\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3011', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3011', text)
