import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a\nCOPY . /\n',
    'FROM a\nADD ./ /usr/bin/\n',
    # the whole context lands in / through the WORKDIR
    'FROM node:20-alpine\nWORKDIR /\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
    'FROM alpine:3.20\nWORKDIR /usr\nCOPY . bin/\n',
    # inherited from the stage it is built FROM
    'FROM python:3.12 AS base\nWORKDIR /\nFROM base\nCOPY . ./\n',
]
PASSES = [
    'FROM a\nCOPY entrypoint.sh /\n',
    'FROM a\nCOPY app /usr/bin/app\n',
    'FROM a\nCOPY nginx.conf /etc/nginx/\n',
    'FROM a\nWORKDIR /\n',
    # WORKDIR alone writes nothing
    'FROM a\nWORKDIR /usr/bin\n',
    'FROM debian:12\nWORKDIR /etc\nRUN sed -i s/a/b/ hosts.conf\n',
    'FROM a\nWORKDIR /\nCOPY entrypoint.sh .\n',
    'FROM a\nWORKDIR /\nCOPY . /app\n',
    # no WORKDIR: the base image's is unknown
    'FROM a\nCOPY . .\n',
    'FROM a\nWORKDIR /\nWORKDIR app\nCOPY . .\n',
    'FROM a\nWORKDIR /app\n',
    'FROM a\nCOPY . /app\n',
    'FROM a\nCOPY --from=b . /\n',
    'FROM a\nCOPY . /usr/local/bin/\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW216', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW216', text)
