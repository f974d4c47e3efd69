import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DL3007"
CATCHES = [
    'FROM python:latest\n',
    'ARG T=latest\nFROM node:${T}\n',
    'FROM example.com/x/y:latest\n',
    # hadolint's spec cases
    'FROM debian:latest\n',
    'FROM debian:latest AS builder\n',
]
PASSES = [
    'FROM python\n',
    'FROM python:3.12\n',
    'FROM python:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000\n',
    'FROM ${UNSET}:latest\n',
    'FROM python:3.12 AS latest\nFROM latest\n',
    # hadolint's spec cases
    'FROM debian:jessie\n',
    'FROM hub.docker.io/debian@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb\n',
    'FROM debian:jessie AS builder\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_fix_replaces_latest():
    out = fixed(CODE, "FROM python:latest\n")
    assert out.startswith("FROM python:3.") and "latest" not in out
    assert_passes(CODE, out)
