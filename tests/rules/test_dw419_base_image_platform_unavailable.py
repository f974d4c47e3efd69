import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM --platform=windows/amd64 alpine:latest\n',
    'FROM --platform=linux/amd64 python:windowsservercore\n',
]
PASSES = [
    'FROM --platform=linux/amd64 alpine:latest\n',
    'FROM --platform=$BUILDPLATFORM alpine\n',
    'FROM --platform=windows/amd64 python:latest\n',
    'FROM --platform=windows/amd64 mcr.microsoft.com/windows/servercore:ltsc2022\n',
    'FROM --platform=linux/amd64 alpine:no-such-tag\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW419', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW419', text)
