import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    # other minor version
    "FROM python:3.9-alpine AS b\nRUN python -m venv /venv\nFROM alpine:3.20\nRUN apk add python3\n"
    "COPY --from=b /venv /venv\nCMD [\"/venv/bin/python\"]\n",
    # glibc → musl
    "FROM python:3.11-slim AS b\nRUN python -m venv /opt/venv\nFROM python:3.11-alpine\n"
    "COPY --from=b /opt/venv /opt/venv\n",
    # different minor versions of the official image
    "FROM python:3.11 AS b\nRUN python3 -m venv /opt/venv\nFROM python:3.12-slim\nCOPY --from=b /opt /opt\n",
    # same version, other interpreter path: the venv's python symlink dangles
    "FROM python:3.11-slim-bookworm AS b\nRUN python -m venv /v\nFROM debian:bookworm-slim\n"
    "RUN apt-get install -y python3\nCOPY --from=b /v /v\n",
]
PASSES = [
    "FROM python:3.11 AS b\nRUN python -m venv /venv\nFROM python:3.11-slim\nCOPY --from=b /venv /venv\n",
    "FROM python:3.11-alpine AS b\nRUN python -m venv /venv\nFROM python:3.11-alpine3.20\nCOPY --from=b /venv /venv\n",
    # version unknown on one side
    "FROM python:3 AS b\nRUN python -m venv /venv\nFROM debian\nRUN apt-get install -y python3\nCOPY --from=b /venv /venv\n",
    # the venv is not what is copied
    "FROM python:3.9 AS b\nRUN python -m venv /venv\nFROM python:3.12\nCOPY --from=b /app /app\n",
    # unknown target image
    "FROM python:3.9 AS b\nRUN python -m venv /venv\nFROM example/py\nCOPY --from=b /venv /venv\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW451", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW451", text)
