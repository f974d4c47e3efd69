import pytest

from rules.context_trees import make_tree
from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'ARG TAG\nFROM busybox:${TAG}\n',
    'ARG BASE\nFROM $BASE\n',
    'ARG R=Foo\nFROM $R/x\n',
]
PASSES = [
    # a dev container template: its tool fills ${templateOption:…} in before any build
    "ARG VARIANT=${templateOption:imageVariant}\nFROM swift:${VARIANT}\n",
    'ARG TAG=1\nFROM busybox:${TAG}\n',
    'FROM alpine AS base-amd64\nFROM base-${TARGETARCH}\n',
    'ARG TAG\nFROM busybox:${TAG:-latest}\n',
    'FROM busybox:${UNDECLARED}\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW421', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW421', text)


# Context-aware message: BuildKit checks the defaults alone (its InvalidDefaultArgInFrom builds
# the arguments "as if no build options were given"), so even when every build the repository
# names passes the argument (getsentry/self-hosted `sentry/Dockerfile`), each build warns.
SENTRY_COMPOSE = ("x-sentry-defaults: &sentry_defaults\n  build:\n    context: ./sentry\n    args:\n"
                  "      - SENTRY_IMAGE\nservices:\n  web:\n    <<: *sentry_defaults\n"
                  "  worker:\n    <<: *sentry_defaults\n")
SENTRY = "ARG SENTRY_IMAGE\nFROM ${SENTRY_IMAGE}\n\nRUN pip install sentry-nodestore-s3\n"
PASSED_NOTE = "every build the repository names passes `SENTRY_IMAGE`"


def _check(root, *more):
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "dockwise", "check", "--select", "DW421", "--format", "json",
                           "--exit-zero", str(root), *more], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    import json
    return [(d["path"].rsplit("/", 2)[-2], d["line"], PASSED_NOTE in d["message"]) for d in json.loads(done.stdout)]


def test_an_argument_every_compose_build_passes_is_still_reported_and_the_message_says_so(tmp_path):
    make_tree(tmp_path, {"docker-compose.yml": SENTRY_COMPOSE, ".env": "SENTRY_IMAGE=getsentry/sentry:nightly\n",
                         "sentry/Dockerfile": SENTRY})
    assert _check(tmp_path) == [("sentry", 2, True)]
    # an argument the builds do not pass: no such note
    (tmp_path / "sentry/Dockerfile").write_text("ARG SENTRY_IMAGE\nARG TAG\nFROM ${SENTRY_IMAGE}:${TAG}\n")
    assert _check(tmp_path) == [("sentry", 3, False)]


def test_a_build_that_may_not_pass_it_gets_the_plain_message(tmp_path):
    # no `.env` sets SENTRY_IMAGE: compose passes whatever the shell has, maybe nothing
    make_tree(tmp_path, {"docker-compose.yml": SENTRY_COMPOSE, "sentry/Dockerfile": SENTRY})
    assert _check(tmp_path) == [("sentry", 2, False)]
    # one service builds it without the argument
    make_tree(tmp_path, {"docker-compose.yml": SENTRY_COMPOSE + "  cron:\n    build: ./sentry\n",
                         ".env": "SENTRY_IMAGE=getsentry/sentry:nightly\n"})
    assert _check(tmp_path) == [("sentry", 2, False)]
    # no compose file at all: a plain `docker build sentry/`
    (tmp_path / "docker-compose.yml").unlink()
    assert _check(tmp_path) == [("sentry", 2, False)]
