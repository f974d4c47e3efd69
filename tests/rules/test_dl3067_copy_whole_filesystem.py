import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    "FROM alpine AS a\nFROM scratch\nCOPY --from=a / /\n",
    "FROM scratch\nCOPY --from=ubuntu:24.04 / /\n",
    "FROM alpine AS a\nFROM scratch\nCOPY --from=a /. /rootfs\n",
    # hadolint's spec cases
    'FROM debian:12\nCOPY --from=build / /\n',
    'FROM debian:12\nCOPY --from=build "/" "/"\n',
    # hadolint's spec says pass; differs because the other stage's whole filesystem (caches, compilers,
    # shells) is dragged in wherever it lands
    'FROM debian:12\nCOPY --from=build / /app\n',
]
PASSES = [
    "FROM alpine AS a\nFROM scratch\nCOPY --from=a /bin /bin\n",
    "FROM scratch\nCOPY / /\n",
    "FROM alpine AS a\nFROM scratch\nCOPY --from=a /etc/ /\n",
    # hadolint's spec cases
    'FROM debian:12\nCOPY / /\n',
    'FROM debian:12\nCOPY --from=build /app /\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3067", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3067", text)


# Sources made to be copied whole: helper images and artifact stages built FROM scratch.
MADE_TO_BE_COPIED = [
    # the cross-compilation helper idiom (moby/buildkit, docker/buildx)
    "ARG XX_VERSION=1.6.1\nFROM --platform=$BUILDPLATFORM tonistiigi/xx:${XX_VERSION} AS xx\n"
    "FROM --platform=$BUILDPLATFORM golang:1.23-alpine AS build\nCOPY --from=xx / /\nARG TARGETPLATFORM\n"
    "RUN xx-go build -o /out/app . && xx-verify /out/app\n",
    "ARG XX_VERSION\nFROM tonistiigi/xx:${XX_VERSION} AS xx\nFROM golang:1.23 AS build\nCOPY --from=xx / /\n",
    "FROM golang:1.23\nCOPY --from=tonistiigi/xx:1.6.1 / /\n",
    # awesome-compose dev environments: the docker CLI binaries
    "FROM node:lts AS dev-envs\nCOPY --from=gloursdocker/docker / /\nCMD [\"npm\", \"start\"]\n",
    # an artifact stage assembled FROM scratch, picked by platform
    "FROM golang:1.23 AS build\nRUN go build -o /out/buildctl ./cmd/buildctl\n"
    "FROM scratch AS binaries-linux\nCOPY --from=build /out/buildctl /\n"
    "FROM scratch AS binaries-darwin\nCOPY --from=build /out/buildctl /\n"
    "FROM binaries-$TARGETOS AS binaries\n"
    "FROM alpine:3.20\nCOPY --from=binaries / /usr/bin/\n",
]

STILL_FLAGGED = [
    # a full distribution stage copied whole: caches, shells and all
    "FROM debian:bookworm AS rootfs\nRUN apt-get update && apt-get install -y curl\n"
    "FROM gcr.io/distroless/base-debian12\nCOPY --from=rootfs / /\n",
    # a variable base that could pick a non-scratch stage
    "FROM scratch AS out-linux\nFROM debian AS out-windows\nFROM out-$TARGETOS AS out\nFROM alpine\nCOPY --from=out / /\n",
    "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=golang:1.23 / /\n",
]


@pytest.mark.parametrize("text", MADE_TO_BE_COPIED)
def test_passes_sources_made_to_be_copied_whole(text):
    assert_passes("DL3067", text)


@pytest.mark.parametrize("text", STILL_FLAGGED)
def test_catches_whole_filesystems_of_real_stages(text):
    assert_catches("DL3067", text)
