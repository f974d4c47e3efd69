"""DW101 for retired tags and for a distribution image used only to install one runtime (issue 14, part 5)."""
import pytest

from dockwise.dockerfile.image import parse_image
from dockwise.rules.dockerfile.dw101_large_base_variant import retired_slim_variant
from rule_harness import assert_catches, assert_passes, findings

CODE = "DW101"
CATCHES = [
    # tags retired from the index: the slim variant was published beside them
    'FROM python:3.8\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
    'FROM node:16-bullseye\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
    'FROM ruby:2.7\nCOPY . /app\nCMD ["ruby", "/app/app.rb"]\n',
    # a distribution image used only to install one runtime
    'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip '
    'ca-certificates && rm -rf /var/lib/apt/lists/*\nCOPY . /app\nCMD ["python3", "/app/main.py"]\n',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y openjdk-17-jre-headless curl '
    '&& rm -rf /var/lib/apt/lists/*\nCOPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n',
    'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y nodejs npm tini\nCOPY . /app\n'
    'CMD ["node", "/app/server.js"]\n',
]
PASSES = [
    # a current tag that is already the smallest of its kind
    'FROM python:3.12-slim\n',
    # a retired tag that is already slim, or alpine
    'FROM python:3.8-slim\n', 'FROM node:16-alpine\n',
    # node 0.x never had a slim variant
    'FROM node:0.10.35\n',
    # a builder stage is not judged
    'FROM python:3.8 AS build\nRUN pip wheel -w /w .\nFROM python:3.12-slim\nCOPY --from=build /w /w\n',
    # other system packages: the distribution image may be the right base
    'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y python3 build-essential libpq-dev ffmpeg\n',
    # two runtimes
    'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3 nodejs\n',
    # a runtime from elsewhere too
    'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3\nRUN curl -fsSL https://x/install.sh | sh\n',
    # nothing installed
    'FROM debian:bookworm-slim\nCOPY app /app\nCMD ["/app"]\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text, count=1)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


@pytest.mark.parametrize(("image", "slim"), [
    ("python:3.8", "3.8-slim"), ("python:3.8-buster", "3.8-slim-buster"), ("python:3.7.16", "3.7.16-slim"),
    ("python:2.7", "2.7-slim"), ("node:16", "16-slim"), ("node:14-buster", "14-buster-slim"),
    ("ruby:2.7-bullseye", "2.7-slim-bullseye"),
    # listed, future or never slim: nothing
    ("python:3.12", None), ("python:3.99", None), ("node:16-alpine", None), ("node:lts-buster", None),
    ("node:4", None), ("golang:1.16", None),
])
def test_retired_slim_variant(image, slim):
    assert retired_slim_variant(parse_image(image)) == slim


def test_retired_message_and_suggestion():
    [d] = findings(CODE, 'FROM python:3.8\n')
    assert "retired" in d.message and "`python:3.8-slim`" in d.message
    assert d.fix is not None and d.fix.applicability.value == "suggestion"


def test_runtime_only_names_the_language_image():
    [d] = findings(CODE, 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y python3 python3-venv\n')
    assert "`python:3.10-slim`" in d.message  # Ubuntu 22.04's python3 is 3.10
    [d] = findings(CODE, 'FROM debian:12\nRUN apt-get update && apt-get install -y openjdk-17-jre-headless\n')
    assert "`eclipse-temurin:17-jre`" in d.message
