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


def _dw216_lines(tree) -> list[int]:
    import json
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "dockwise", "check", "--format", "json", "--exit-zero",
                           "--select", "DW216", str(tree)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return [f["line"] for f in json.loads(done.stdout)]


PARSER_FIXTURE = "FROM ubuntu:14.04\nONBUILD COPY . /\nWORKDIR /\nADD . /\n"


def test_a_parser_test_input_no_build_names_is_not_reported(tmp_path):
    """BuildKit's `frontend/dockerfile/parser/testfiles/*/Dockerfile`, each next to its expected
    parse (`result`): inputs to a parser test, never built."""
    (tmp_path / ".git").mkdir()
    case = tmp_path / "frontend" / "dockerfile" / "parser" / "testfiles" / "edge-cases"
    case.mkdir(parents=True)
    (case / "Dockerfile").write_text(PARSER_FIXTURE)
    (case / "result").write_text("(from \"ubuntu:14.04\")\n(onbuild (copy \".\" \"/\"))\n")
    assert _dw216_lines(tmp_path) == []
    # the same file where images are built from is reported
    built = tmp_path / "docker" / "edge-cases"
    built.mkdir(parents=True)
    (built / "Dockerfile").write_text(PARSER_FIXTURE)
    assert _dw216_lines(tmp_path) == [2, 4]


def test_a_test_input_path_passes():
    assert_passes('DW216', PARSER_FIXTURE, path="parser/testfiles/edge-cases/Dockerfile")
    assert_catches('DW216', PARSER_FIXTURE, path="docker/edge-cases/Dockerfile")


def test_a_repository_checked_out_under_a_testdata_folder_is_still_linted(tmp_path):
    checkout = tmp_path / "testdata" / "edge-cases"
    (checkout / ".git").mkdir(parents=True)
    assert_catches('DW216', PARSER_FIXTURE, path=str(checkout / "Dockerfile"))
