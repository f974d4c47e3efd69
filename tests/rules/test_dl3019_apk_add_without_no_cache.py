import pytest

from rule_harness import assert_catches, assert_passes, fixed

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
