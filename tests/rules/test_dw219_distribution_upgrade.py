import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a\nRUN apt-get update && apt-get upgrade -y\n',
    'FROM a\nRUN apt-get -y dist-upgrade\n',
    'FROM a\nRUN apk upgrade\n',
    'FROM a\nRUN yum update -y\n',
    'FROM a\nRUN dnf -y upgrade\n',
]
PASSES = [
    'FROM a\nRUN apt-get update\n',
    'FROM a\nRUN yum update -y openssl\n',
    'FROM a\nRUN apk upgrade openssl\n',
    'FROM a\nRUN apt-get install -y x\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW219', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW219', text)


def test_off_by_default_as_hadolint_retired_dl3005():
    from dockwise.config import Config
    from dockwise.engine.check import check
    text = ("FROM debian:bookworm-slim\n"
            "RUN apt-get update && apt-get upgrade -y && apt-get install -y --no-install-recommends curl \\\n"
            " && rm -rf /var/lib/apt/lists/*\n")
    assert not [d for d in check(text, "Dockerfile", Config()) if d.code == "DW219"]
    assert [d for d in check(text, "Dockerfile", Config(extend_select=["DW219"])) if d.code == "DW219"]
