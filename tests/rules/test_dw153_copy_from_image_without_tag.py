import re

import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = ["FROM alpine:3.20\nCOPY --from=nginx /a /b\n", "FROM alpine:3.20\nCOPY --from=nginx:latest /a /b\n",
           "FROM alpine:3.20\nRUN --mount=type=bind,from=golang,target=/g true\n",
           "FROM alpine:3.20\nCOPY --from=ghcr.io/acme/tools /a /b\n"]
PASSES = ["FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=build /a /b\n",
          # a named build context (bake: contexts = { templates = "../templates" })
          "FROM alpine:3.20\nCOPY --from=templates /redis.template.yml /pups/redis.yml\n",
          "FROM alpine:3.20\nFROM alpine:3.20\nCOPY --from=0 /a /b\n",
          "FROM alpine:3.20\nCOPY --from=nginx:1.27 /a /b\n",
          "FROM alpine:3.20\nCOPY --from=nginx@sha256:" + "b" * 64 + " /a /b\n",
          "ARG IMG=nginx\nFROM alpine:3.20\nCOPY --from=${IMG} /a /b\n",
          "FROM alpine:3.20 AS Build\nFROM alpine:3.20\nCOPY --from=build /a /b\n"]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW153", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW153", text)


def test_fix_pins_official_images():
    out = fixed("DW153", "FROM alpine:3.20\nCOPY --from=nginx:latest /a /b\n")
    assert re.fullmatch(r"FROM alpine:3\.20\nCOPY --from=nginx:\d+\.\d+\.\d+ /a /b\n", out), out
