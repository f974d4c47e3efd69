import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DL3019"
CATCHES = [
    'FROM alpine\nRUN apk add curl\n',
    'FROM alpine\nRUN apk -X https://x/edge add curl\n',
    'FROM alpine\nRUN apk update && apk add x\n',
    # a builder stage the final one is built FROM ships its layers
    'FROM alpine:3.20 AS base\nRUN apk add curl\nFROM base\nCOPY app /app\n',
    # a builder whose whole tree is copied out
    'FROM alpine:3.20 AS rootfs\nRUN apk add curl\nFROM scratch\nCOPY --from=rootfs / /\n',
]
PASSES = [
    # the official images' run-dependency idiom: no index is fetched, nothing is cached
    'FROM alpine:3.20\nRUN apk add --no-network --virtual .redis-rundeps $runDeps\n',
    'FROM alpine\nRUN apk add --no-cache curl\n',
    'FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add x\n',
    'FROM alpine\nRUN apk add x && rm -rf /var/cache/apk/*\n',
    'FROM alpine\nRUN apk del x\n',
    # nginx's modules image: the builder's index is thrown away, the final stage only
    # bind-mounts the built .apk files
    'FROM nginx:mainline-alpine AS builder\nRUN apk update && apk add linux-headers openssl-dev make gcc\n'
    'RUN make-modules\nFROM nginx:mainline-alpine\n'
    'RUN --mount=type=bind,target=/tmp/packages/,source=/tmp/packages/,from=builder \\\n'
    '    apk add --no-cache --allow-untrusted /tmp/packages/nginx-module-*.apk\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_fix_inserts_no_cache():
    assert fixed(CODE, "FROM alpine\nRUN apk add curl\n") == "FROM alpine\nRUN apk add --no-cache curl\n"


def test_hadolint_pragma_in_a_discarded_stage_is_still_used():
    from dockwise.config import Config
    from dockwise.engine.check import check
    text = ("FROM alpine:3.20 AS build\n# hadolint ignore=DL3019\nRUN apk add gcc && make\n"
            "FROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\n")
    assert [d.code for d in check(text, "Dockerfile", Config(select=["DL3019", "DW490"]))] == []
