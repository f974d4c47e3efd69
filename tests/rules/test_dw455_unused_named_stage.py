import pytest

from rule_harness import assert_catches, assert_passes, findings

CATCHES = [
    "FROM alpine AS test\nRUN x\nFROM alpine\nRUN y\n",
    "FROM alpine AS a\nFROM a AS b\nFROM alpine\n",
]
PASSES = [
    "FROM alpine AS deps\nFROM alpine\nCOPY --from=deps /x /x\n",
    "FROM alpine AS base\nFROM base AS mid\nFROM mid\n",
    "FROM alpine\nRUN x\nFROM alpine\n",  # unnamed: DW453
    "ARG T=x\nFROM alpine AS x\nFROM alpine\nARG T\nCOPY --from=$T /a /a\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW455", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW455", text)


def test_a_stage_another_target_uses_is_not_reported():
    # uptime-kuma's base image: `download-apprise` feeds `base2-slim`, built with --target base2-slim
    text = ("FROM node:22-bookworm-slim AS download-apprise\nRUN node ./download-apprise.mjs\n"
            "FROM node:22-bookworm-slim AS base2-slim\nCOPY --from=download-apprise /app/apprise.deb ./\n"
            "FROM louislam/uptime-kuma:base2-slim AS base2\nRUN echo\n")
    assert [d.message for d in findings("DW455", text)] == [
        "Stage `base2-slim` is not used by the final stage: BuildKit skips it unless built with `--target base2-slim`"]
