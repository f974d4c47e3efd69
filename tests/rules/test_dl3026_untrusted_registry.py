import pytest
from rule_harness import assert_passes

CATCHES = [
]
PASSES = [
    'FROM quay.io/x/y:1\n',
]


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3026', text)


from dockwise.config import Config
from dockwise.engine.rule import RuleSettings


def cfg(*registries):
    return Config(select=["DL3026"], settings=RuleSettings(trusted_registries=registries))


def codes(text, *registries):
    from dockwise.engine.check import check
    return [d.code for d in check(text, "Dockerfile", cfg(*registries))]


@pytest.mark.parametrize("text", ["FROM quay.io/x/y:1\n", "FROM python:3.12\n", "FROM ghcr.io/a/b\n"])
def test_untrusted(text):
    assert codes(text, "registry.example.com") == ["DL3026"]


@pytest.mark.parametrize("text,registries", [
    ("FROM registry.example.com/a/b:1\n", ("registry.example.com",)),
    ("FROM python:3.12\n", ("docker.io",)),
    ("FROM python:3.12\n", ("hub.docker.com",)),
    ("FROM a.example.com/x\n", ("*.example.com",)),
    ("FROM scratch\n", ("registry.example.com",)),
    ("FROM registry.example.com/a AS b\nFROM b\n", ("registry.example.com",)),
    ("FROM $BASE\n", ("registry.example.com",)),
])
def test_trusted(text, registries):
    assert codes(text, *registries) == []


def test_copy_from_image_is_checked():
    assert codes("FROM python:3.12\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/\n", "docker.io") == ["DL3026"]
    assert codes("FROM python:3.12 AS b\nFROM python:3.12\nCOPY --from=b /x /y\n", "docker.io") == []


def test_registry_known_despite_variable_in_tag():
    assert codes("FROM mcr.microsoft.com/devcontainers/cpp:2-${VARIANT}\n", "docker.io") == ["DL3026"]


def test_global_arg_defaults_are_expanded():
    # hadolint reads `FROM $BASE` literally and misses the registry
    assert codes("ARG BASE=quay.io/jupyter/base\nFROM $BASE\n", "docker.io") == ["DL3026"]


# hadolint's spec cases: (Dockerfile, trusted registries, flagged?)
SPEC_CASES = [
    ('FROM random.com/debian\n', (), False),
    ('FROM random.com/debian\n', ("docker.io",), True),
    ('FROM random.com/debian\n', ("x.com", "random.com"), False),
    ('FROM scratch\n', ("x.com", "random.com"), False),
    ('FROM ubuntu:18.04 AS builder1\nFROM zemanlx/ubuntu:18.04 AS builder2\nFROM docker.io/zemanlx/ubuntu:18.04 AS builder3\n', ("docker.io",), False),
    ('FROM random.com/foo AS builder1\nFROM builder1 AS builder2\n', ("random.com",), False),
    ('FROM x.com/debian\n', ("*.random.com",), True),
    ('FROM foo.random.com/debian\n', ("x.com", "*.random.com"), False),
    ('FROM ubuntu:18.04 AS builder1\nFROM zemanlx/ubuntu:18.04 AS builder2\nFROM docker.io/zemanlx/ubuntu:18.04 AS builder3\n', ("*",), False),
]


@pytest.mark.parametrize("text,registries,flagged", SPEC_CASES)
def test_hadolint_spec_cases(text, registries, flagged):
    assert bool(codes(text, *registries)) is flagged
