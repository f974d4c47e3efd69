import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc libpq-dev\nCMD [\"python\", \"app.py\"]\n",
    "FROM alpine:3.20\nRUN apk add --no-cache build-base\nCOPY app /app\nENTRYPOINT [\"/app\"]\n",
    "FROM golang:1.22\nCOPY . .\nRUN go build -o /bin/app .\nCMD [\"/bin/app\"]\n",
    "FROM rust:1.80\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/app\"]\n",
    "FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn -B package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n",
    # tini in front of the application is not a bare shell
    "FROM alpine:3.20\nRUN apk add --no-cache build-base tini\nENTRYPOINT [\"/sbin/tini\", \"-g\", \"--\", \"/app\"]\n",
    # a header that does not call the image a development environment
    "# Production image of the API server\nFROM python:3.12-slim\nRUN apt-get install -y gcc\nCMD [\"gunicorn\"]\n",
]
PASSES = [
    # removed again in the same image
    "FROM python:3.12-slim\nRUN apt-get install -y gcc && pip install x && apt-get purge -y gcc\nCMD [\"python\"]\n",
    "FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc musl-dev && pip install x && apk del .build-deps\n"
    "CMD [\"python3\", \"a.py\"]\n",
    # built in another stage
    "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nCMD [\"/app\"]\n",
    # runs the toolchain itself (a dev image)
    "FROM golang:1.22\nRUN go build ./...\nCMD [\"go\", \"run\", \".\"]\n",
    # a base image for others, a devcontainer, no command at all
    "FROM debian:12\nRUN apt-get install -y build-essential\nCMD [\"node\"]\n",
    "FROM mcr.microsoft.com/devcontainers/base:ubuntu\nRUN apt-get install -y build-essential\nCMD [\"bash\", \"-l\"]\n",
    "FROM ubuntu:24.04\nRUN apt-get install -y build-essential\n",
    # traefik's docs/check.Dockerfile: a shell behind tini
    "FROM alpine:3.24\nRUN apk --no-cache --no-progress add \\\n    build-base \\\n    ruby-dev\n"
    "RUN gem install html-proofer\nWORKDIR /app\nENTRYPOINT [\"/sbin/tini\",\"-g\",\"sh\"]\n",
    "FROM debian:12\nRUN apt-get install -y gcc make\nENTRYPOINT [\"dumb-init\", \"--rewrite\", \"15:2\", \"--\", \"bash\"]\n",
    # moby's Dockerfile: its header says it assembles the dev environment
    "# This file describes the standard way to build Docker, using docker\n#\n# Usage:\n#\n"
    "# # Assemble the full dev environment. This is slow the first time.\n# docker build -t docker .\n\n"
    "FROM\tubuntu:14.04\nRUN\tapt-get update && apt-get install -yq build-essential automake\n"
    "ENTRYPOINT [\"hack/dind\"]\n",
    # the final FROM is described as the build environment
    "FROM debian:12 AS base\nRUN true\n# Build environment for the firmware\nFROM base\n"
    "RUN apt-get install -y gcc-arm-none-eabi make\nCMD [\"/build.sh\"]\n",
    # headers alone
    "FROM debian:12\nRUN apt-get install -y libxcb1-dev\nCMD [\"/app\"]\n",
    # not the final stage
    "FROM debian:12 AS b\nRUN apt-get install -y gcc\nFROM debian:12\nCMD [\"/app\"]\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW120", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW120", text)
