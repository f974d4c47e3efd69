"""DW113: `COPY --from` into a stage that ships, without `--link` (a suggestion, preview)."""

import pytest

from dockwise.config import Config
from dockwise.engine.diagnostic import Applicability
from dockwise.rules.registry import ENTRIES
from rule_harness import assert_catches, assert_passes, findings, fixed

CODE = "DW113"
GO = ('FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n\n')

CATCHES = [
    GO + 'FROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /usr/local/bin/app\n',
    GO + 'FROM debian:bookworm-slim\nWORKDIR /app\nCOPY --from=build /out/app .\nCMD ["./app"]\n',
    # a path copied from a stage on another base
    'FROM python:3.12 AS builder\nRUN pip install flask\nFROM python:3.12-slim\n'
    'COPY --from=builder /usr/local/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages\n',
    # from an image, with numeric ownership (no name to look up)
    'FROM php:8.3-fpm\nCOPY --from=composer:2 /usr/bin/composer /usr/local/bin/\n',
    GO + 'FROM scratch\nCOPY --from=build --chown=65532:65532 /out/app /app\nUSER 65532\n',
    # the newest frontend named by the directive
    '# syntax=docker/dockerfile:1\n' + GO + 'FROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/\n',
    # a stage the final stage is built FROM ships too
    GO + 'FROM alpine:3.20 AS runtime\nCOPY --from=build /out/app /usr/local/bin/app\nFROM runtime\nCMD ["app"]\n',
]

PASSES = [
    # already linked, or linking turned off on purpose
    GO + 'FROM alpine:3.20\nCOPY --link --from=build /out/app /usr/local/bin/app\n',
    GO + 'FROM alpine:3.20\nCOPY --link=false --from=build /out/app /usr/local/bin/app\n',
    # a builder stage's copy: its layers are not pushed
    GO + 'FROM node:22 AS web\nCOPY --from=build /out/app /usr/local/bin/app\nRUN npm run build\n'
    'FROM nginx:1.27\nCOPY --link --from=web /dist /usr/share/nginx/html\n',
    # names: BuildKit cannot resolve them in the empty layer of a --link copy
    GO + 'FROM node:22-slim\nCOPY --from=build --chown=node:node /out/app /usr/local/bin/app\n',
    # --chmod: BuildKit copies in place and ignores --link
    GO + 'FROM alpine:3.20\nCOPY --from=build --chmod=755 /out/app /usr/local/bin/app\n',
    # folders whose owner or mode the layer would replace, or symlinks it would hide
    GO + 'FROM alpine:3.20\nCOPY --from=build /out/app /tmp/app\n',
    GO + 'FROM node:22-slim\nCOPY --from=build /out/app /home/node/app\n',
    GO + 'FROM debian:bookworm-slim\nCOPY --from=build /out/app /bin/app\n',
    # minio: /etc/ssl/certs links to /etc/pki/tls/certs on UBI; a --link layer would hide the bundle
    'FROM golang:1.24-alpine AS build\nRUN apk add -U ca-certificates\n'
    'FROM registry.access.redhat.com/ubi9/ubi-micro:latest\n'
    'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n',
    # a distroless :nonroot base makes WORKDIR /app its user's; --link would hand it to root
    GO + 'FROM gcr.io/distroless/cc-debian13:nonroot\nWORKDIR /app\nCOPY --from=build /out/app app\n',
    # an ENV path a RUN gave to a user (dependabot's RUSTUP_HOME)
    'FROM rust:1.97 AS rust\nFROM debian:bookworm\nENV RUSTUP_HOME=/opt/rust\n'
    'RUN mkdir -p "$RUSTUP_HOME" && chown 1000:1000 "$RUSTUP_HOME"\nCOPY --from=rust /usr/local/rustup $RUSTUP_HOME\n',
    # copied back from a stage on the same base: a --link layer would store the whole tree
    'FROM python:3.12-slim AS base\nFROM base AS builder\nRUN pip install flask\nFROM base\n'
    'COPY --from=builder /usr/local/lib/python3.12/ /usr/local/lib/python3.12/\n',
    GO + 'FROM debian:bookworm-slim\nCOPY --from=build /out/root/ /\n',
    GO + 'FROM debian:bookworm-slim\nRUN mkdir /data && chown 1000 /data\nCOPY --from=build /out/seed /data/seed\n',
    GO + 'FROM debian:bookworm-slim\nRUN ln -s /opt/app-1.2 /opt/app\nCOPY --from=build /out/app /opt/app/bin/app\n',
    GO + 'FROM debian:bookworm-slim\nUSER 1000\nWORKDIR /work\nCOPY --from=build /out/app .\n',
    # a frontend without --link
    '# syntax=docker/dockerfile:1.3\n' + GO + 'FROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\n',
    # a plain COPY from the build context is not this rule's
    'FROM alpine:3.20\nCOPY app /usr/local/bin/app\n',
    # Windows
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build\nRUN echo\n'
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=build C:/app C:/app\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text, count=1)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_the_fix_is_a_suggestion_adding_link_after_the_flags():
    text = GO + 'FROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\n'
    (d,) = findings(CODE, text)
    assert d.fix.applicability is Applicability.SUGGESTION
    assert d.fix.title == "Add `--link` (needs BuildKit)"
    assert fixed(CODE, text) == text  # never applied in bulk, not even with --unsafe-fixes
    edit = d.fix.edits[0]
    assert text[:edit.start] + edit.text + text[edit.end:] == (
        GO + 'FROM alpine:3.20\nCOPY --from=build --link /out/app /usr/local/bin/app\n')


def test_it_is_a_preview_rule():
    # a suggestion on most multi-stage Dockerfiles: opt in, until users have seen it
    entry = ENTRIES[CODE]
    assert entry.status.value == "preview"
    text = GO + 'FROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\n'
    assert findings(CODE, text, config=Config(select=["DW"])) == []
    assert findings(CODE, text, config=Config(select=["DW"], preview=True))
