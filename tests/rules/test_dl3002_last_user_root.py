import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DL3002"
CATCHES = [
    'FROM python:3.12\nUSER root\n',
    'FROM python:3.12\nUSER app\nUSER 0:0\n',
    'FROM python:3.12 AS b\nUSER root\nFROM b\n',
    'ARG U=root\nFROM python:3.12\nARG U\nUSER $U\n',
]
PASSES = [
    'FROM python:3.12\nUSER root\nRUN x\nUSER app\n',
    'FROM python:3.12 AS b\nUSER root\nFROM python:3.12\nUSER app\n',
    'FROM python:3.12\nUSER rooty\n',
    'FROM python:3.12\nUSER $UNKNOWN\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER root\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)
