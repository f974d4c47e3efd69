import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    "FROM alpine:3.20\nCOPY app.py /app.py\nCMD [\"python3\", \"/app.py\"]\n",
    "FROM debian:bookworm-slim\nCOPY server.js /srv/\nENTRYPOINT [\"node\", \"/srv/server.js\"]\n",
    "FROM gcr.io/distroless/static-debian12\nCOPY app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n",
    "FROM scratch\nCOPY x /x\nCMD python /x\n",
    "FROM node:20 AS b\nRUN npm ci\nFROM ubuntu:24.04\nCOPY --from=b /app /app\nCMD [\"node\", \"/app/i.js\"]\n",
]
PASSES = [
    "FROM alpine:3.20\nRUN apk add --no-cache python3\nCMD [\"python3\", \"a.py\"]\n",
    "FROM debian:12\nRUN apt-get update && apt-get install -y nodejs\nCMD [\"node\", \"a.js\"]\n",
    "FROM gcr.io/distroless/python3-debian12\nCOPY a.py /\nCMD [\"/a.py\"]\n",
    "FROM gcr.io/distroless/python3-debian12\nCMD [\"python3\", \"/a.py\"]\n",
    "FROM python:3.12-slim\nCMD [\"python\", \"a.py\"]\n",
    "FROM python:3.12 AS b\nFROM alpine:3.20\nCOPY --from=python:3.12-alpine /usr/local /usr/local\nCMD [\"python3\"]\n",
    "FROM ubuntu:24.04\nRUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs\n"
    "CMD [\"node\", \"a.js\"]\n",
    "FROM ubuntu:24.04\nRUN ./install-python.sh\nCMD [\"python3\", \"a.py\"]\n",
    "FROM example/base\nCMD [\"python3\", \"a.py\"]\n",
    # ENTRYPOINT decides; CMD only passes arguments
    "FROM alpine:3.20\nENTRYPOINT [\"/app\"]\nCMD [\"python\"]\n",
    "FROM alpine:3.20\nCMD [\"/app\"]\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW452", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW452", text)
