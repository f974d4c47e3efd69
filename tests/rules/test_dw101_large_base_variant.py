import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DW101"
CATCHES = [
    'FROM python:3.12\n',
    'FROM golang:1.22 AS b\nFROM python:3.12-bookworm\n',
    'FROM python:3.12 AS b\nFROM b\n',
]
PASSES = [
    'FROM python:3.12-slim\n',
    'FROM python:3.12 AS b\nFROM python:3.12-slim\n',
    'FROM example.com/python:3.12\n',
    'FROM python:3.12@sha256:0000000000000000000000000000000000000000000000000000000000000000\n',
    'FROM scratch\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_suggests_slim_not_alpine():
    from rule_harness import findings
    d = findings(CODE, "FROM python:3.12\n")[0]
    assert "3.12-slim" in d.message and d.fix.applicability.value == "suggestion"
    assert fixed(CODE, "FROM python:3.12\n") == "FROM python:3.12\n"  # suggestions are never applied in bulk


def test_latest_is_offered_its_own_release_slim():
    """`debian` is `latest`, today trixie: the smaller variant is trixie-slim, not testing's."""
    from dockwise.knowledge import images
    from rule_harness import findings
    release = next(t for t in images.all_tags("debian") if images.version_of("debian", t) and
                   "latest" in images._lookup("debian", t)[0].group(t) and t.isalpha())
    d = findings(CODE, "FROM debian\n")[0]
    assert f"debian:{release}-slim" in d.message, d.message
