import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc libpq-dev\nCMD [\"python\", \"app.py\"]\n",
    "FROM alpine:3.20\nRUN apk add --no-cache build-base\nCOPY app /app\nENTRYPOINT [\"/app\"]\n",
    "FROM golang:1.22\nCOPY . .\nRUN go build -o /bin/app .\nCMD [\"/bin/app\"]\n",
    "FROM rust:1.80\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/app\"]\n",
    "FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn -B package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n",
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
