import re

import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = ["FROM node:lts\n", "FROM node:alpine\n", "FROM python:3\n", "FROM python:3-slim\n",
           "FROM docker.io/library/node:lts-alpine\n",
           "FROM buildpack-deps:sid\n",
           "FROM alpine:edge\n", "FROM alpine:3\n"]  # Alpine's minors are distribution releases  # sid is Debian's rolling unstable release
PASSES = ["FROM node:24-alpine\n", "FROM python:3.12-slim\n", "FROM python\n", "FROM python:latest\n",
          "FROM ghcr.io/x/node:lts\n", "FROM node:lts@sha256:" + "a" * 64 + "\n", "FROM debian:bookworm\n",
          # buildpack-deps has only release names: `trixie` is Debian 13, not a floating line
          "FROM buildpack-deps:trixie\n", "FROM buildpack-deps:bullseye-curl\n", "FROM buildpack-deps:jammy\n",
          # nginx has only ever been 1.x: mainline moves between minors, which nginx keeps compatible
          "FROM nginx:mainline\n"]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW151", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW151", text)


def test_fix_pins_the_major_line_keeping_the_variant_and_spelling():
    """Pinned to the major line, not the patch release: `node:24-alpine` still gets 24.x fixes."""
    out = fixed("DW151", "FROM docker.io/library/node:lts-alpine AS web\n")
    assert re.fullmatch(r"FROM docker\.io/library/node:\d+-alpine AS web\n", out), out


def test_fix_pins_the_minor_line_where_minors_break():
    assert re.fullmatch(r"FROM python:3\.\d+-slim\n", fixed("DW151", "FROM python:3-slim\n"))
    assert re.fullmatch(r"FROM alpine:3\.\d+\n", fixed("DW151", "FROM alpine:3\n"))


def test_fix_pins_the_version_when_the_index_has_no_line_tag():
    """`debian:stable` has no numbered alias in its group: the dated build it names."""
    out = fixed("DW151", "FROM debian:stable\n")
    assert out != "FROM debian:stable\n" and re.fullmatch(r"FROM debian:stable-\d{8}\n", out), out


def test_fix_is_unsafe_only():
    assert fixed("DW151", "FROM node:lts\n", unsafe=False) == "FROM node:lts\n"


def test_a_one_major_image_drifts_across_minors():
    from rule_harness import findings
    (d,) = findings("DW151", "FROM python:alpine\n")
    assert "drifts across minor versions" in d.message, d.message


def test_the_variant_built_for_a_rolling_line_follows_it():
    """docker-library/buildpack-deps: `debian/sid/curl/Dockerfile` is the sid variant; following
    sid is its purpose. Elsewhere `debian:sid` or `alpine:edge` is still reported."""
    from rule_harness import findings
    sid = "FROM debian:sid\n\nRUN set -eux; apt-get update; apt-get install -y --no-install-recommends curl\n"
    assert not findings("DW151", sid, path="debian/sid/curl/Dockerfile")
    assert not findings("DW151", "FROM buildpack-deps:sid-curl\n", path="debian/sid/scm/Dockerfile")
    assert findings("DW151", sid, path="docker/Dockerfile")
    assert findings("DW151", "FROM alpine:edge\nRUN apk add --no-cache openssl\n", path="examples/create-certs/Dockerfile")
    # a folder named for the variant is not one named for a version line: python:alpine still floats
    assert findings("DW151", "FROM python:alpine\n", path="docker/alpine/Dockerfile")


def test_a_dev_container_tracks_the_newest_interpreter():
    """microsoft/vscode-dev-containers' django `.devcontainer/Dockerfile` (`FROM python:3`):
    a development environment rebuilt on the developer's machine, never shipped."""
    from rule_harness import findings
    django = "FROM python:3\n\n# install git iproute2\nRUN apt-get update && apt-get -y install git iproute2\n"
    assert not findings("DW151", django, path="github.com/django/django/.devcontainer/Dockerfile")
    assert findings("DW151", django, path="github.com/django/django/Dockerfile")
