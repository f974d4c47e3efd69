import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nARG GITHUB_TOKEN\n',
    'FROM x\nENV MY_SECRET=1\n',
    'FROM x\nARG db_password=\n',
    # hadolint's spec cases
    'ARG AWS_ACCESS_KEY_ID\nFROM debian:bullseye\nRUN foobar\n',
    'ARG openai_api_key\nFROM debian:bullseye\nRUN foobar\n',
    'FROM debian:bullseye\nENV AWS_ACCESS_KEY_ID=abcdefghijklmnopqrstuvwxyz\nRUN foobar\n',
    'FROM debian:bullseye\nENV my_password=abcdefghijklmnopqrstuvwxyz\nRUN foobar\n',
    'FROM debian:bullseye\nONBUILD ENV AWS_ACCESS_KEY_ID=abcdefghijklmnopqrstuvwxyz\nONBUILD RUN foobar\n',
    'FROM debian:bullseye\nONBUILD ENV my_password=abcdefghijklmnopqrstuvwxyz\nONBUILD RUN foobar\n',
]
PASSES = [
    'FROM x\nARG VERSION\n',
    'FROM x\nENV PATH=/x\n',
    # hadolint's spec cases
    'FROM debian:bullseye\nRUN foobar\n',
    'ARG foobar\nFROM debian:bullseye\nRUN foobar\n',
    'FROM debian:bullseye\nENV foobar=barfoo\nRUN foobar\n',
    'FROM debian:bullseye\nONBUILD ENV foobar=barfoo\nONBUILD RUN foobar\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3064", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3064", text)
