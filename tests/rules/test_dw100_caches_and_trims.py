"""DW100's later-layer clean-ups of tool caches and of files earlier layers brought (issue 14, part 5)."""
import pytest

from rule_harness import assert_catches, assert_passes, findings

CODE = "DW100"
CATCHES = [
    # Go: build then clean in a later RUN of the shipped stage
    'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app ./cmd/app\n'
    'RUN go clean -cache -modcache\nCMD ["app"]\n',
    'FROM golang:1.22-alpine\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n'
    'RUN go build -o /app . \nRUN rm -rf /go/pkg/mod /root/.cache/go-build\n',
    'FROM golang:1.22\nENV GOCACHE=/tmp/gocache\nRUN go build ./...\nRUN rm -rf /tmp/gocache\n',
    # Cargo registry
    'FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nRUN rm -rf /usr/local/cargo/registry\n',
    # conda
    'FROM continuumio/miniconda3:24.1.2-0\nRUN conda install -y -c conda-forge numpy pandas\nRUN conda clean -afy\n',
    'FROM continuumio/miniconda3:24.1.2-0\nCOPY environment.yml /tmp/\nRUN conda env create -f /tmp/environment.yml\n'
    'RUN /opt/conda/bin/conda clean --all --yes\n',
    # Maven / Gradle
    'FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B package -DskipTests\nRUN rm -rf /root/.m2\n',
    'FROM gradle:8-jdk21\nCOPY . .\nRUN gradle bootJar --no-daemon\nRUN rm -rf /root/.gradle/caches\n',
    # a cache filled in the stage the final one is built FROM
    'FROM golang:1.22 AS base\nRUN go mod download\nFROM base\nRUN go clean -modcache\n',
    # a RUN that only trims docs or package caches
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl '
    '&& rm -rf /var/lib/apt/lists/*\nRUN rm -rf /usr/share/doc/* /usr/share/man/*\n',
    'FROM ubuntu:24.04\nRUN rm -rf /usr/share/locale/*\n',
]
PASSES = [
    # cleaned in the same RUN
    'FROM golang:1.22\nRUN go build -o /app . && go clean -cache -modcache\n',
    'FROM continuumio/miniconda3\nRUN conda install -y numpy && conda clean -afy\n',
    # a cache mount keeps the cache out of the layer
    'FROM golang:1.22\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod '
    'go build -o /app .\nRUN go clean -cache -modcache\n',
    # a builder stage that does not ship
    'FROM golang:1.22 AS build\nRUN go build -o /app .\nRUN go clean -cache\nFROM gcr.io/distroless/static\n'
    'COPY --from=build /app /app\n',
    # nothing filled it
    'FROM golang:1.22\nRUN go clean -modcache\n',
    # a non-root user's cache lives elsewhere
    'FROM golang:1.22\nUSER 1000\nRUN go build ./...\nRUN rm -rf /root/.cache/go-build\n',
    # trimming in the RUN that installs
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /usr/share/doc/* '
    '/var/lib/apt/lists/*\n',
    # a standalone apt-lists clean-up on an official base: nothing to keep (see the docs)
    'FROM debian:bookworm-slim\nRUN rm -rf /var/lib/apt/lists/*\n',
    # deleting other files is not trimming
    'FROM debian:bookworm-slim\nRUN rm -f /etc/service\n',
    # pip/npm caches are the install rules' findings (DL3042, DW110)
    'FROM python:3.12-slim\nRUN pip install flask\nRUN rm -rf /root/.cache/pip\n',
    'FROM node:20-slim\nRUN npm ci\nRUN npm cache clean --force\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text, count=1)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_cache_finding_points_at_the_filling_run():
    text = 'FROM rust:1.80\nCOPY . .\nRUN cargo build --release\nRUN rm -rf /usr/local/cargo/registry\n'
    [d] = findings(CODE, text)
    assert text[d.start:d.end] == "rm -rf /usr/local/cargo/registry"
    assert "Cargo's registry" in d.message
    assert text[d.related[0].start:d.related[0].end] == "RUN cargo build --release"


def test_cargo_home_moves_the_registry():
    text = ('FROM rust:1.80\nENV CARGO_HOME=/opt/cargo\nRUN cargo build --release\n'
            'RUN rm -rf /usr/local/cargo/registry\nRUN rm -rf /opt/cargo/registry\n')
    [d] = findings(CODE, text)
    assert text[d.start:d.end] == "rm -rf /opt/cargo/registry"


def test_maven_config_moves_the_repository():
    text = ('FROM maven:3.9-eclipse-temurin-21\nENV MAVEN_CONFIG=/var/maven/.m2\nCOPY . .\nRUN mvn -B package\n'
            'RUN rm -rf /root/.m2\nRUN rm -rf /var/maven/.m2/repository\n')
    [d] = findings(CODE, text)
    assert text[d.start:d.end] == "rm -rf /var/maven/.m2/repository"


def test_apt_lists_and_docs_deleted_later_is_one_finding():
    text = ('FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n'
            'RUN rm -rf /var/lib/apt/lists/* /usr/share/doc/*\n')
    [d] = findings(CODE, text)
    assert "apt lists" in d.message
