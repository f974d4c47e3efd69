import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM alpine\nRUN apk add curl\n',
    'FROM alpine\nRUN apk add --no-cache --virtual .deps gcc\n',
    'FROM alpine\nRUN apk add py3-${X}\n',
]
PASSES = [
    'FROM alpine\nRUN apk add curl=8.5.0-r0\n',
    'FROM alpine\nRUN apk add curl~8.5\n',
    'FROM alpine\nRUN apk add --virtual .deps gcc=13.2.1-r0\n',
    'FROM alpine\nRUN apk add ./x.apk\n',
    'FROM alpine\nRUN apk add $PKGS\n',
    'FROM alpine\nRUN apk update\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3018', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3018', text)
