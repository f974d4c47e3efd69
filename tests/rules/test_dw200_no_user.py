import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DW200"
CATCHES = [
    'FROM python:3.12\nCMD x\n',
    'FROM python:3.12 AS b\nUSER app\nFROM python:3.12\n',
    'FROM ubuntu:24.04\nCOPY app /usr/local/bin/app\nCMD ["app"]\n',
]
PASSES = [
    'FROM python:3.12\nUSER app\n',
    'FROM python:3.12 AS b\nUSER app\nFROM b\n',
    'FROM scratch\nCOPY x /\n',
    'FROM gcr.io/distroless/static:nonroot\n',
    'FROM cgr.dev/chainguard/python:latest\n',
    'FROM example.com/team/base:1\n',  # not known to run as root: DW221's (preview)
    'FROM python:3.12\nUSER root\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)
