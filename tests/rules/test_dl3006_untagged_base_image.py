import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DL3006"
CATCHES = [
    'FROM python\n',
    'ARG B=python\nFROM ${B}\n',
    'FROM docker.io/library/python AS x\n',
    'FROM example.com/x/y\n',
    # hadolint's spec cases
    'FROM debian\n',
    'FROM debian AS builder\n',
    'FROM golang:1.9.3-alpine3.7 AS build\nRUN foo\nFROM node as unit-test\nRUN bar\nFROM alpine:3.7\nRUN baz\n',
]
PASSES = [
    'FROM python:3.12\n',
    'FROM scratch\n',
    'FROM python:3.12 AS b\nFROM b\n',
    'FROM ${UNSET}\n',
    'FROM python@sha256:0000000000000000000000000000000000000000000000000000000000000000\n',
    'ARG PY=3.12\nFROM python:${PY}-slim\n',
    'FROM python:latest\n',
    # hadolint's spec cases
    'FROM ruby@sha256:f1dbca0f5dbc9\n',
    'FROM ruby:2\n',
    'FROM ${VALUE}\n',
    'FROM golang:1.9.3-alpine3.7 AS build\nRUN foo\nFROM build as unit-test\nRUN bar\nFROM alpine:3.7\nRUN baz\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_fix_pins_and_keeps_spelling():
    out = fixed(CODE, "FROM docker.io/library/python AS b\n")
    assert out.startswith("FROM docker.io/library/python:3.") and out.endswith(" AS b\n")


def test_no_fix_for_unknown_or_variable_images():
    from rule_harness import findings
    assert findings(CODE, "FROM example.com/x/y\n")[0].fix is None
    assert findings(CODE, "ARG B=python\nFROM ${B}\n")[0].fix is None
    assert findings(CODE, "FROM python\n")[0].fix.applicability.value == "unsafe"


def test_pinned_result_does_not_retrigger():
    assert_passes(CODE, fixed(CODE, "FROM node\n"))


def test_a_variable_naming_one_of_the_files_stages_is_not_an_untagged_image():
    """hadolint 2.15 flags `FROM base-${TARGETARCH}` although it picks a stage of the file."""
    from rule_harness import assert_passes as passes
    passes("DL3006", "FROM alpine:3.20 AS base-amd64\nFROM alpine:3.20 AS base-arm64\nFROM base-${TARGETARCH}\n")
