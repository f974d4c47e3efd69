import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DW300"
CATCHES = [
    'FROM node\nCOPY . .\nRUN npm ci\n',
    'FROM python\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n',
    'FROM python\nADD . /app\nRUN pip install .\n',
    'FROM golang\nCOPY ./ /src\nRUN go mod download\n',
]
PASSES = [
    'FROM node\nCOPY package*.json .\nRUN npm ci\nCOPY . .\n',
    'FROM node\nCOPY . .\nRUN npm install express\n',
    'FROM node AS b\nCOPY . .\nFROM node\nRUN npm ci\n',
    'FROM node\nCOPY --from=b . .\nRUN npm ci\n',
    'FROM python\nCOPY . .\nRUN pip install flask\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


# Manifests first: dependencies fetched or built before the full copy already protect the cache.
MANIFESTS_FIRST = [
    # cargo-chef (huggingface/text-generation-inference)
    "FROM lukemathwalker/cargo-chef:latest-rust-1.85 AS builder\nWORKDIR /app\n"
    "COPY --from=planner /app/recipe.json recipe.json\nRUN cargo chef cook --release --recipe-path recipe.json\n"
    "COPY . .\nRUN cargo build --release --bin router\n",
    # a dummy project built first
    "FROM rust:1.85 AS build\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\n"
    "RUN mkdir src && echo 'fn main() {}' > src/main.rs && cargo build --release && rm -rf src\n"
    "COPY . .\nRUN cargo build --release\n",
    # pnpm fetch then an offline install
    "FROM node:20 AS build\nWORKDIR /app\nCOPY pnpm-lock.yaml ./\nRUN pnpm fetch --prod\n"
    "COPY . .\nRUN pnpm install -r --offline --prod\n",
    # poetry: dependencies, then the project
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root --only main\n"
    "COPY . .\nRUN poetry install --only main\n",
    # go modules downloaded first
    "FROM golang:1.23 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n"
    "RUN go mod download && CGO_ENABLED=0 go build -o /out/app ./cmd/app\n",
    # requirements installed before the sources
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n"
    "COPY . .\nRUN pip install --no-cache-dir --no-deps .\n",
    # a source directory the install needs (`pip install .` builds the project)
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml .\nCOPY src/ src/\nRUN pip install --no-cache-dir .\n",
    # the RUN uses the copied directory
    "FROM debian:12-slim\nCOPY scripts/ /opt/scripts/\nRUN /opt/scripts/install-deps.sh && apt-get install -y curl\n",
    "FROM debian:12-slim\nWORKDIR /pkg\nCOPY . .\nRUN apt-get update && apt-get install -y ./mytool_1.0_amd64.deb\n",
]

LATE_SOURCES = [
    # the whole context before system packages (cypress examples)
    "FROM cypress/base:20.14.0\nCOPY . /opt/app\nWORKDIR /opt/app\nRUN apt-get update\n"
    "RUN apt-get install -y chromium\nRUN npx cypress install\n",
    # a source directory before the requirements install (jupyterhub examples)
    "FROM quay.io/jupyterhub/jupyterhub:5\nCOPY app ./app\nCOPY requirements.txt /tmp/requirements.txt\n"
    "RUN pip install -r /tmp/requirements.txt\n",
    # generated protobufs before npm ci (opentelemetry-demo)
    "FROM node:22-alpine\nWORKDIR /app\nCOPY ./pb/ /build/pb/\nCOPY package.json package-lock.json ./\nRUN npm ci\n",
    # sources before the build toolchain packages
    "FROM python:3.12\nWORKDIR /srv\nCOPY src/ ./src/\nRUN apt-get update && apt-get install -y --no-install-recommends libpq-dev\n",
]


@pytest.mark.parametrize("text", MANIFESTS_FIRST)
def test_passes_manifests_first(text):
    assert_passes(CODE, text)


@pytest.mark.parametrize("text", LATE_SOURCES)
def test_catches_sources_copied_before_a_slow_step(text):
    assert_catches(CODE, text)
