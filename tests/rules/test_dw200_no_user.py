import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DW200"
CATCHES = [
    'FROM node:22\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
    # a program that replaces nginx's own command runs as root
    'FROM nginx:1.27\nCMD ["/app/serve"]\n',
    'FROM python:3.12\nCMD x\n',
    'FROM python:3.12 AS b\nUSER app\nFROM python:3.12\nCMD ["python", "app.py"]\n',
    'FROM ubuntu:24.04\nCOPY app /usr/local/bin/app\nCMD ["app"]\n',
    # a filter that also serves: something is exposed
    'FROM debian:bookworm-slim\nRUN apt-get install -y jq\nEXPOSE 8080\nENTRYPOINT ["jq"]\n',
    # an ENTRYPOINT set later drops the base stage's interpreter CMD: the image runs the app
    'FROM python:3.12 AS base\nCMD ["python3"]\nFROM base\nCOPY app.py /\nENTRYPOINT ["python3", "/app.py"]\n',
    # a CLI tool image that does not read stdin
    'FROM alpine:3.24\nCOPY tool /bin/tool\nENTRYPOINT ["/bin/tool", "serve"]\n',
]
PASSES = [
    'FROM python:3.12\nUSER app\n',
    'FROM python:3.12 AS b\nUSER app\nFROM b\n',
    'FROM scratch\nCOPY x /\n',
    'FROM gcr.io/distroless/static:nonroot\n',
    'FROM cgr.dev/chainguard/python:latest\n',
    'FROM example.com/team/base:1\n',  # not known to run as root: DW221's (preview)
    'FROM python:3.12\nUSER root\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n',
    # cypress's base images: no command of their own, node's interpreter stays the command
    'FROM node:22.19.0-bookworm\nRUN npm install -g yarn\nENV npm_config_unsafe_perm=true\n',
    # servers whose master process starts unprivileged workers (official php, nginx images)
    'FROM alpine:3.23\nRUN apk add php84-fpm\nCMD ["php-fpm"]\n',
    'FROM nginx:alpine\nCOPY site /usr/share/nginx/html\n',
    'FROM php:8.3-fpm\nRUN docker-php-ext-install pdo_mysql\n',
    # nginx as the ENTRYPOINT of a base stage, its arguments as the final stage's CMD
    'FROM alpine:3.23 AS base\nRUN apk add nginx\nENTRYPOINT ["nginx"]\nFROM base\nCOPY nginx.conf /etc/nginx/\n'
    'CMD ["-g", "daemon off;"]\n',
    # one-shot command-line filters fed on stdin (getsentry/self-hosted jq, hadolint's image)
    'FROM debian:bookworm-slim\nRUN set -x && apt-get update && apt-get install -y --no-install-recommends jq '
    '&& rm -rf /var/lib/apt/lists/*\nENTRYPOINT ["jq"]\n',
    'FROM scratch AS base\nCOPY --chmod=777 hadolint /bin/hadolint\nCMD ["/bin/hadolint", "-"]\n'
    'FROM alpine:3.24 AS alpine\nCOPY --chmod=777 hadolint /bin/hadolint\nCMD ["/bin/hadolint", "-"]\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


# moby/buildkit frontend/dockerfile/parser/testfiles/znc: a parser test input, never built
ZNC = ("FROM ubuntu:14.04\nMAINTAINER Erik Hollensbe <erik@hollensbe.org>\n\n"
       "RUN apt-get update && apt-get install znc -y\nADD conf /.znc\n\nCMD [ \"/usr/bin/znc\", \"-f\", \"-r\" ]\n")


@pytest.mark.parametrize("folder", ["frontend/dockerfile/parser/testfiles/znc", "parser/testfiles-negative/znc",
                                    "internal/testdata/znc", "test/fixtures/znc"])
def test_test_inputs_are_no_image(folder):
    from rule_harness import findings
    assert findings("DW200", ZNC, path=f"{folder}/Dockerfile") == []
    assert findings("DW221", ZNC.replace("ubuntu:14.04", "example.com/ubuntu:14.04"), path=f"{folder}/Dockerfile") == []


def test_the_same_file_elsewhere_runs_as_root():
    from rule_harness import findings
    assert len(findings("DW200", ZNC, path="znc/Dockerfile")) == 1
    assert len(findings("DW221", ZNC.replace("ubuntu:14.04", "example.com/ubuntu:14.04"), path="znc/Dockerfile")) == 1


def test_a_repository_checked_out_under_a_fixtures_folder_is_still_linted(tmp_path):
    """Only folders inside the repository make a test input: a checkout that lives under
    `~/work/fixtures/` (or CI's `testdata/` workspace) is an ordinary project."""
    from rule_harness import findings
    checkout = tmp_path / "fixtures" / "znc"
    (checkout / ".git").mkdir(parents=True)
    assert len(findings("DW200", ZNC, path=str(checkout / "Dockerfile"))) == 1
    # inside the repository, the same folder name still marks a test input
    assert findings("DW200", ZNC, path=str(checkout / "test" / "fixtures" / "znc" / "Dockerfile")) == []
