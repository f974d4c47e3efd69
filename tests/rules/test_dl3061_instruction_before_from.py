import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'LABEL a=b\nFROM x\n',
    'RUN x\nFROM y\n',
    # hadolint's spec cases
    'LABEL foo=bar\nFROM foo\n',
]
PASSES = [
    'ARG A=1\nFROM x\n',
    '# comment\nFROM x\nLABEL a=b\n',
    # hadolint's spec cases
    'FROM foo\nLABEL foo=bar\n',
    'ARG A=B\nFROM foo\nLABEL foo=bar\n',
    '# syntax = docker/dockerfile:1.0-experimental\nFROM node:16-alpine3.13\n',
    'FROM foo\nARG A=B\nRUN echo bla\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3061", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3061", text)
