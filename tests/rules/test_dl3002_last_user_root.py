import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DL3002"
CATCHES = [
    'FROM python:3.12\nUSER root\n',
    'FROM python:3.12\nUSER app\nUSER 0:0\n',
    'FROM python:3.12 AS b\nUSER root\nFROM b\n',
    'ARG U=root\nFROM python:3.12\nARG U\nUSER $U\n',
    # hadolint's spec cases
    'FROM scratch\nUSER root\n',
    'FROM scratch\nUSER 0\n',
    'FROM scratch\nUSER root:root\n',
    'FROM scratch\nUSER 0:0\n',
    'FROM debian as base\nUSER root\nRUN something\nFROM base\nRUN something else\n',
]
PASSES = [
    'FROM python:3.12\nUSER root\nRUN x\nUSER app\n',
    'FROM python:3.12 AS b\nUSER root\nFROM python:3.12\nUSER app\n',
    'FROM python:3.12\nUSER rooty\n',
    'FROM python:3.12\nUSER $UNKNOWN\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER root\n',
    # hadolint's spec cases
    'FROM scratch\nUSER foo\n',
    'FROM scratch\nUSER root\nRUN something\nUSER foo\n',
    # hadolint's spec says catch; differs because only the final stage's USER decides who the
    # container runs as: a builder stage running as root never reaches the image
    'FROM debian as base\nUSER root\nRUN something\nFROM scratch\nUSER foo\nRUN something else\n',
    'FROM debian as base\nUSER root\nRUN something\nUSER foo\nFROM scratch\nRUN something else\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)
