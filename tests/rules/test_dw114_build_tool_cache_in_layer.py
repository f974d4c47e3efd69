import pytest

from dockwise.config import Config
from rule_harness import assert_catches, assert_passes, findings, fixed


def cfg() -> Config:
    return Config(select=["DW114"], preview=True)


def catches(text: str, count: int | None = None):
    return assert_catches("DW114", text, count, config=cfg())


def passes(text: str):
    assert_passes("DW114", text, config=cfg())


UV = "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv\nCOPY pyproject.toml uv.lock ./\n"
GO = "FROM golang:1.23\nWORKDIR /src\nCOPY . .\n"

CATCHES = [
    UV + "RUN uv sync --frozen --no-dev\n",
    UV + "RUN uv pip install --system -r requirements.txt\n",
    UV + "RUN uv tool install ruff\n",
    # the cache is off for another command only
    UV + "RUN UV_NO_CACHE=1 uv venv && uv pip install flask\n",
    "FROM python:3.12\nRUN pip install poetry\nCOPY pyproject.toml poetry.lock ./\n"
    "RUN poetry config virtualenvs.create false && poetry install --only main --no-root\n",
    GO + "RUN go build -o /usr/local/bin/app ./cmd/app\nCMD [\"app\"]\n",
    GO + "RUN go mod download && go build -o /app .\nENTRYPOINT [\"/app\"]\n",
    "FROM rust:1.82\nWORKDIR /app\nCOPY . .\nRUN cargo install --path .\nCMD [\"myapp\"]\n",
    "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B package -DskipTests\n"
    "CMD [\"java\", \"-jar\", \"target/app.jar\"]\n",
    "FROM eclipse-temurin:21-jdk\nWORKDIR /app\nCOPY . .\nRUN ./gradlew bootJar\nCMD [\"java\", \"-jar\", \"build/libs/app.jar\"]\n",
    "FROM composer:2\nWORKDIR /app\nCOPY composer.json composer.lock ./\nRUN composer install --no-dev --no-scripts\n",
    # a builder stage whose whole root is copied into the image ships its cache
    "FROM golang:1.23 AS build\nRUN go install github.com/x/y@latest\nFROM scratch\nCOPY --from=build / /\n",
]
PASSES = [
    # the cache switched off
    UV + "RUN uv sync --no-cache --frozen\n",
    UV + "RUN uv pip install --no-cache-dir -r requirements.txt\n",  # uv's pip-compatible alias
    UV + "ENV UV_NO_CACHE=1\nRUN uv sync --frozen\n",
    "FROM composer:2\nRUN composer install --no-cache\n",
    # in a cache mount
    UV + "RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen\n",
    GO + "RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /app .\n",
    "FROM rust:1.82\nRUN --mount=type=cache,target=/usr/local/cargo/registry cargo install ripgrep\n",
    # a mount on the cache of a user this rule cannot tell: the author knows it
    "FROM example.com/python-builder:3\nRUN --mount=type=cache,id=uv,target=/root/.cache/uv uv pip install -r r.txt\n",
    # emptied in the same RUN
    GO + "RUN go build -o /app . && go clean -cache -modcache\n",
    UV + "RUN uv sync --frozen && uv cache clean\n",
    "FROM composer:2\nRUN composer install && composer clear-cache\n",
    "FROM rust:1.82\nRUN cargo install ripgrep && rm -rf /usr/local/cargo/registry\n",
    # the script moves the cache itself and deletes it (docker-library/drupal)
    "FROM php:8.3-apache\nCOPY --from=composer:2 /usr/bin/composer /usr/local/bin/\nRUN set -eux; "
    "export COMPOSER_HOME=\"$(mktemp -d)\"; composer create-project drupal/recommended-project ./; rm -rf \"$COMPOSER_HOME\"\n",
    # a builder stage thrown away but for its output
    "FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n"
    "FROM gcr.io/distroless/static\nCOPY --from=build /out/app /app\nENTRYPOINT [\"/app\"]\n",
    "FROM rust:1.82 AS build\nRUN cargo build --release\nFROM debian:12-slim\nCOPY --from=build /app/target/release/app /usr/local/bin/\n",
    # a later RUN builds from the module cache this one fills
    GO + "RUN go mod download\nCOPY . .\nRUN go build -o /app . && go clean -cache -modcache\n",
    # the image runs the tool: it reads the cache at run time
    GO + "RUN go mod download\nCMD [\"go\", \"run\", \".\"]\n",
    "FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn -B dependency:go-offline\nCMD [\"mvn\", \"spring-boot:run\"]\n",
    # Go before modules (1.10 and older): no module cache, no `go clean -modcache`
    "FROM golang:1.9\nRUN go get github.com/x/y\n",
    # a Go of unknown version
    "FROM ubuntu:14.04\nRUN apt-get update && apt-get install -y golang && go get github.com/x/y\n",
    # commands that fill no cache
    UV + "RUN uv pip list && uv --version\n",
    GO + "RUN go version && go env\n",
    # a RUN warming the cache on purpose
    UV + "# Pre-populate the uv cache for offline test runs\nRUN uv sync --frozen\n",
    # a development image
    "FROM python:3.12 AS base\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv\n"
    "FROM base AS dev\nRUN uv pip install --system debugpy\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    catches(text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    passes(text)


def test_message_names_the_command_and_the_cache():
    (d,) = catches(GO + "RUN go mod download && go build -o /app .\n")
    assert d.message == "`go mod download` leaves Go's module and build caches in the layer"
    (d,) = catches("FROM golang:1.23\nRUN --mount=type=cache,target=/root/.cache go vet ./...\n")
    assert d.message == "`go vet` leaves Go's module cache in the layer"


FIXES = [
    (UV + "RUN uv sync --frozen && uv pip install --system gunicorn\n",
     UV + "RUN uv sync --no-cache --frozen && uv pip install --no-cache --system gunicorn\n"),
    (GO + "RUN go build -o /app .\n", GO + "RUN go build -o /app . && go clean -cache -modcache\n"),
    ("FROM rust:1.82\nRUN cargo install ripgrep\n",
     "FROM rust:1.82\nRUN cargo install ripgrep && rm -rf /usr/local/cargo/registry\n"),
    ("FROM python:3.12\nENV POETRY_VIRTUALENVS_IN_PROJECT=true\nRUN pip install poetry && poetry install --no-root\n",
     "FROM python:3.12\nENV POETRY_VIRTUALENVS_IN_PROJECT=true\nRUN pip install poetry && poetry install --no-root"
     " && rm -rf /root/.cache/pypoetry/cache /root/.cache/pypoetry/artifacts\n"),
    ("FROM maven:3.9-eclipse-temurin-21\nRUN mvn -B package\n",
     "FROM maven:3.9-eclipse-temurin-21\nRUN mvn -B package && rm -rf /root/.m2/repository\n"),
    ("FROM composer:2\nRUN composer install --no-dev\n", "FROM composer:2\nRUN composer install --no-dev && composer clear-cache\n"),
]


@pytest.mark.parametrize("before,after", FIXES)
def test_fix(before, after):
    assert fixed("DW114", before, config=cfg()) == after


CACHE_MOUNT_FIXES = [
    (UV + "RUN uv sync --frozen\n", UV + "RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen\n"),
    (GO + "RUN go build -o /app .\n",
     GO + "RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /app .\n"),
    # `go mod download` compiles nothing: the module cache only
    (GO + "RUN go mod download && cp -r /go/pkg/mod/cache/download /out\n",
     GO + "RUN --mount=type=cache,target=/go/pkg/mod go mod download && cp -r /go/pkg/mod/cache/download /out\n"),
    ("FROM rust:1.82\nRUN cargo install ripgrep\n",
     "FROM rust:1.82\nRUN --mount=type=cache,target=/usr/local/cargo/registry cargo install ripgrep\n"),
    # Poetry's download caches only: its virtualenvs, in the same folder, are what the image runs
    ("FROM python:3.12\nRUN pip install poetry && poetry install --no-root\n",
     "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pypoetry/cache"
     " --mount=type=cache,target=/root/.cache/pypoetry/artifacts pip install poetry && poetry install --no-root\n"),
    ("FROM composer:2\nRUN composer install\n", "FROM composer:2\nRUN --mount=type=cache,target=/tmp/cache composer install\n"),
]


@pytest.mark.parametrize("before,after", CACHE_MOUNT_FIXES)
def test_cache_mount_fix(before, after):
    assert fixed("DW114", before, config=cfg(), prefer="cache-mount") == after


@pytest.mark.parametrize("text", [
    # the gradle image's settings for GRADLE_USER_HOME are not known here
    "FROM gradle:8-jdk21\nCOPY . .\nRUN gradle build\n",
    # Composer copied into a php image: its cache folder depends on XDG detection
    "FROM php:8.3-cli\nCOPY --from=composer:2 /usr/bin/composer /usr/bin/\nRUN composer install\n",
    # a user whose home and ids are unknown
    UV + "RUN useradd -m app\nUSER app\nRUN uv sync --frozen\n",
])
def test_no_cache_mount_when_the_folder_is_not_sure(text):
    (d,) = findings("DW114", text, config=cfg())
    assert d.alternatives == () and (d.fix is None or d.fix.kind != "cache-mount")


def test_the_cargo_target_folder_is_never_mounted():
    # what `cargo build` writes there is what the image needs
    after = fixed("DW114", "FROM rust:1.82\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n",
                  config=cfg(), prefer="cache-mount")
    assert "target=/app/target" not in after and "/usr/local/cargo/registry" in after
