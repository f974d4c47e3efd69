import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DW101"
CATCHES = [
    'FROM python:3.12\n',
    'FROM golang:1.22 AS b\nFROM python:3.12-bookworm\n',
    'FROM python:3.12 AS b\nFROM b\n',
    # a distribution image with a command of its own: an application image
    'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\nCMD ["/app/main.sh"]\n',
    # a build argument naming only the final base (code-server's `FROM $BASE`)
    'ARG BASE=debian:13\nFROM scratch AS packages\nCOPY release-packages/code-server*.deb /tmp/\n'
    'FROM $BASE\nRUN apt-get update && apt-get install -y curl\nEXPOSE 8080\n'
    'ENTRYPOINT ["/usr/bin/entrypoint.sh", "--bind-addr", "0.0.0.0:8080", "."]\n',
]
PASSES = [
    'FROM python:3.12-slim\n',
    'FROM python:3.12 AS b\nFROM python:3.12-slim\n',
    'FROM example.com/python:3.12\n',
    'FROM python:3.12@sha256:0000000000000000000000000000000000000000000000000000000000000000\n',
    'FROM scratch\n',
    # docker-library/buildpack-deps: a distribution image made for others to build on
    'FROM debian:bullseye\nRUN set -eux; apt-get update; apt-get install -y --no-install-recommends '
    'ca-certificates curl gnupg netbase wget; rm -rf /var/lib/apt/lists/*\n',
    # nginx's modules image: builds modules against the image it is given and installs them into it
    'ARG NGINX_FROM_IMAGE=nginx:mainline-alpine\nFROM ${NGINX_FROM_IMAGE} AS builder\n'
    'RUN apk add gcc make && make modules\nFROM ${NGINX_FROM_IMAGE}\n'
    'RUN --mount=type=bind,target=/tmp/packages/,source=/tmp/packages/,from=builder '
    'apk add --no-cache --allow-untrusted /tmp/packages/*.apk\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_suggests_slim_not_alpine():
    from rule_harness import findings
    d = findings(CODE, "FROM python:3.12\n")[0]
    assert "3.12-slim" in d.message and d.fix.applicability.value == "suggestion"
    assert fixed(CODE, "FROM python:3.12\n") == "FROM python:3.12\n"  # suggestions are never applied in bulk


def test_latest_is_offered_its_own_release_slim():
    """`debian` is `latest`, today trixie: the smaller variant is trixie-slim, not testing's."""
    from dockwise.knowledge import images
    from rule_harness import findings
    release = next(t for t in images.all_tags("debian") if images.version_of("debian", t) and
                   "latest" in images._lookup("debian", t)[0].group(t) and t.isalpha())
    d = findings(CODE, "FROM debian\n")[0]
    assert f"debian:{release}-slim" in d.message, d.message


def test_dev_containers_keep_the_full_image(tmp_path):
    from dockwise.config import Config
    from dockwise.engine.check import check
    path = tmp_path / ".devcontainer" / "Dockerfile"
    assert not check("FROM python:3.12\n", str(path), Config(select=[CODE]))
    assert check("FROM python:3.12\n", str(tmp_path / "Dockerfile"), Config(select=[CODE]))
