import pytest
from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM debian:12\nCOPY a b /app\n',
    'FROM debian:12\nCOPY --chown=1 a b c\n',
    'FROM debian:12\nCOPY ["a", "b", "/x"]\n',
    # hadolint's spec cases
    'FROM debian:12\nCOPY foo bar baz\n',
]
PASSES = [
    # `.` (the WORKDIR) is a directory: ollama's COPY go.mod go.sum .
    'FROM golang:1.24\nWORKDIR /go/src/x\nCOPY go.mod go.sum .\n',
    'FROM ruby:3\nENV HOME_DIR=/home/app/\nCOPY a b $HOME_DIR\n',
    'FROM debian:12\nCOPY a b /app/\n',
    'FROM debian:12\nCOPY a /app\n',
    'FROM debian:12\nCOPY ["a", "b", "/x/"]\n',
    'FROM debian:12\nADD a b /app\n',
    'FROM debian:12\nCOPY a b "/app/"\n',
    # hadolint's spec cases
    'FROM debian:12\nCOPY foo bar\n',
    'FROM debian:12\nCOPY foo bar baz/\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3021', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3021', text)


@pytest.mark.parametrize("before,after", [
    ("FROM debian:12\nCOPY a b /app\n", "FROM debian:12\nCOPY a b /app/\n"),
    ("FROM debian:12\nCOPY [\"a\", \"b\", \"/x\"]\n", "FROM debian:12\nCOPY [\"a\", \"b\", \"/x/\"]\n"),
    ("FROM debian:12\nCOPY a b \"/app\"\n", "FROM debian:12\nCOPY a b \"/app/\"\n"),
])
def test_fix_appends_slash(before, after):
    assert fixed("DL3021", before) == after
