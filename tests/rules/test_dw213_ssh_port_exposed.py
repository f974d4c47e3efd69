import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a\nEXPOSE 22\n',
    'FROM a\nEXPOSE 80 22/tcp\n',
    # inherited through FROM by the final image
    'FROM debian:12 AS sshd\nRUN apt-get update && apt-get install -y openssh-server\nEXPOSE 22\nFROM sshd\nCMD ["/usr/sbin/sshd", "-D"]\n',
    'FROM a\nONBUILD EXPOSE 22\n',
]
PASSES = [
    'FROM a\nEXPOSE 2222\n',
    'FROM a\nEXPOSE 22/udp\n',
    'FROM a\nEXPOSE 8022\n',
    # a builder stage that is only copied from: its EXPOSE reaches no image
    'FROM golang:1.22 AS build\nEXPOSE 22\nRUN go build -o /app .\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW213', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW213', text)
