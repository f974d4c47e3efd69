import pytest

from rule_harness import assert_catches, assert_passes, findings, fixed

CODE = "DL3019"
CATCHES = [
    'FROM alpine\nRUN apk add curl\n',
    'FROM alpine\nRUN apk -X https://x/edge add curl\n',
    'FROM alpine\nRUN apk update && apk add x\n',
]
PASSES = [
    # the official images' run-dependency idiom: no index is fetched, nothing is cached
    'FROM alpine:3.20\nRUN apk add --no-network --virtual .redis-rundeps $runDeps\n',
    'FROM alpine\nRUN apk add --no-cache curl\n',
    'FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add x\n',
    'FROM alpine\nRUN apk add x && rm -rf /var/cache/apk/*\n',
    'FROM alpine\nRUN apk del x\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_fix_inserts_no_cache():
    assert fixed(CODE, "FROM alpine\nRUN apk add curl\n") == "FROM alpine\nRUN apk add --no-cache curl\n"


# The cache-mount alternative (issue #19): the index in a locked cache mount, refreshed by --update
APK_MOUNT = "--mount=type=cache,target=/var/cache/apk,sharing=locked"
CACHE_MOUNT_FIXES = [
    ("FROM alpine:3.20\nRUN apk add curl\n", f"FROM alpine:3.20\nRUN {APK_MOUNT} apk add --update curl\n"),
    # every add of the RUN is refreshed at once; one that refreshes already, or follows an update, is not
    ("FROM python:3.12-alpine\nRUN apk add gcc musl-dev && apk add -U git\n",
     f"FROM python:3.12-alpine\nRUN {APK_MOUNT} apk add --update gcc musl-dev && apk add -U git\n"),
    ("FROM golang:1.23-alpine\nRUN apk update && apk add git bash\n",
     f"FROM golang:1.23-alpine\nRUN {APK_MOUNT} apk update && apk add git bash\n"),
    # an `add --no-cache` beside it would keep away from the mount: --update in its place
    ("FROM php:8.3-fpm-alpine\nRUN apk add --no-cache --virtual .build-deps $PHPIZE_DEPS; apk add --virtual .run $runDeps\n",
     f"FROM php:8.3-fpm-alpine\nRUN {APK_MOUNT} apk add --update --virtual .build-deps $PHPIZE_DEPS;"
     " apk add --update --virtual .run $runDeps\n"),
    ("FROM alpine:3.20\nRUN apk update && apk add --no-cache curl && apk add git\n",
     f"FROM alpine:3.20\nRUN {APK_MOUNT} apk update && apk add curl && apk add git\n"),
    ("FROM alpine:3.20\nRUN <<EOF\napk update\napk add git\nEOF\n",
     f"FROM alpine:3.20\nRUN {APK_MOUNT} <<EOF\napk update\napk add git\nEOF\n"),
]


@pytest.mark.parametrize("before,after", CACHE_MOUNT_FIXES)
def test_cache_mount_fix(before, after):
    assert fixed("DL3019", before, prefer="cache-mount") == after

