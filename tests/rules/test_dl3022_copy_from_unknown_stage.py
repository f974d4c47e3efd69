import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=biuld /app /app\n',
    'FROM a\nCOPY --from=later /x /y\nFROM a AS later\n',
    # hadolint's spec cases
    'FROM scratch\nCOPY --from=build foo .\nFROM node as build\nRUN baz\n',
]
PASSES = [
    'FROM a AS b\nFROM a\nCOPY --from=b /x /y\n',
    'FROM a AS b\nFROM a\nCOPY --from=B /x /y\n',
    'FROM a\nFROM b\nCOPY --from=0 /x /y\n',
    'FROM a\nCOPY --from=alpine:3 /x /y\n',
    'FROM a\nCOPY --from=gloursdocker/docker / /\n',
    'FROM a\nCOPY --from=$IMG /x /y\n',
    'FROM a AS b\nCOPY --from=b /x /y\n',
    # an official image (its tag is DW153's business)
    'FROM a AS b\nFROM a\nCOPY --from=nginx /x /y\n',
    # a named build context from docker-bake.hcl (contexts = { templates = "../templates" })
    'FROM a AS builder\nFROM a\nCOPY --from=templates /redis.template.yml /pups/redis.yml\n',
    # hadolint's spec cases
    # hadolint's spec says catch; differs because a name no stage has or nearly has is a named
    # build context (`docker buildx build --build-context foo=…`), not a typo
    'FROM debian:12\nCOPY --from=foo bar .\n',
    'FROM scratch as build\nRUN foo\nFROM node\nCOPY --from=build foo .\nRUN baz\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3022', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3022', text)


def test_image_with_a_path_is_not_a_stage_name():
    # hadolint flags `--from=gloursdocker/docker`; it is an image reference, pulled as such
    assert_passes("DL3022", "FROM a\nCOPY --from=gloursdocker/docker / /\n")


def test_stage_names_are_case_insensitive():
    # hadolint compares case-sensitively; BuildKit lower-cases stage names
    assert_passes("DL3022", "FROM a AS Build\nFROM a\nCOPY --from=build /x /y\n")
