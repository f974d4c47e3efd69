"""The cache-mount alternative of the package-manager cache rules (issue #19 item 1): where each
tool's cache lives for the RUN's user, when the mount is offered, and what applying it gives."""

import pytest

from dockwise.dockerfile import parse
from dockwise.engine.diagnostic import Applicability
from dockwise.rules.support.cache_mounts import CACHE_MOUNT_KIND, cache_paths, mount_flags
from rule_harness import assert_passes, findings, fixed


def last_run(text: str):
    df = parse(text)
    runs = [i for s in df.stages for i in s.instructions if i.keyword == "RUN"]
    return df, runs[-1]


def paths(tool: str, text: str):
    df, run = last_run(text)
    return cache_paths(tool, df, run)


def flags(tool: str, text: str):
    df, run = last_run(text)
    return mount_flags(tool, df, run)


# (tool, Dockerfile, the cache directories of its last RUN; None: not sure, no mount offered)
PATHS = [
    ("pip", "FROM python:3.12-slim\nRUN pip install flask\n", ("/root/.cache/pip",)),
    ("pip", "FROM python:3.12\nENV PIP_CACHE_DIR=/var/cache/pip\nRUN pip install flask\n", ("/var/cache/pip",)),
    ("pip", "FROM python:3.12\nENV XDG_CACHE_HOME=/cache\nRUN pip install flask\n", ("/cache/pip",)),
    # a build argument can move it anywhere
    ("pip", "FROM python:3.12\nARG PIP_CACHE_DIR=/pc\nRUN pip install flask\n", None),
    ("pip", "FROM python:3.12\nARG D=/pc\nENV PIP_CACHE_DIR=$D\nRUN pip install flask\n", ("/pc",)),
    ("pip", "FROM python:3.12\nARG D\nENV PIP_CACHE_DIR=$D\nRUN pip install flask\n", None),
    # the script sets it itself
    ("pip", "FROM python:3.12\nRUN export PIP_CACHE_DIR=/x && pip install flask\n", None),
    # the ENV of the stage it is built FROM counts
    ("pip", "FROM python:3.12 AS base\nENV PIP_CACHE_DIR=/pc\nFROM base\nRUN pip install flask\n", ("/pc",)),
    # ENV HOME moves `~`
    ("pip", "FROM python:3.12\nENV HOME=/app\nRUN pip install flask\n", ("/app/.cache/pip",)),
    # another user: home and ids unknown
    ("pip", "FROM python:3.12\nRUN useradd -m app\nUSER app\nRUN pip install --user flask\n", None),
    ("pip", "FROM python:3.12\nUSER root\nRUN pip install flask\n", ("/root/.cache/pip",)),
    ("pip", "FROM python:3.12\nUSER 0:0\nRUN pip install flask\n", ("/root/.cache/pip",)),
    ("pip", "FROM python:3.12\nUSER app\nRUN pip install flask\nUSER root\n", None),
    # the USER of the stage it is built FROM
    ("pip", "FROM python:3.12 AS base\nUSER app\nFROM base\nRUN pip install flask\n", None),
    # a base image whose user dockwise cannot know, or one known to run as non-root
    ("pip", "FROM mycompany/python-base:3\nRUN pip install flask\n", None),
    ("pip", "FROM bitnami/python:3.12\nRUN pip install flask\n", None),
    ("npm", "FROM node:20\nRUN npm ci\n", ("/root/.npm",)),
    ("npm", "FROM node:20\nUSER node\nRUN npm ci\n", ("/home/node/.npm",)),
    ("npm", "FROM node:20\nENV npm_config_cache=/tmp/npm\nRUN npm ci\n", ("/tmp/npm",)),
    # `node` is the node image's user, not python's
    ("npm", "FROM python:3.12\nUSER node\nRUN npm ci\n", None),
    ("yarn", "FROM node:20\nRUN yarn install\n", ("/usr/local/share/.cache/yarn",)),
    ("yarn", "FROM node:20\nUSER node\nRUN yarn install\n", ("/home/node/.cache/yarn",)),
    ("yarn", "FROM node:20\nENV YARN_CACHE_FOLDER=/yc\nRUN yarn install\n", ("/yc",)),
    ("go-mod", "FROM golang:1.23\nRUN go mod download\n", ("/go/pkg/mod",)),
    ("go-mod", "FROM golang:1.23\nENV GOMODCACHE=/m\nRUN go mod download\n", ("/m",)),
    ("go-mod", "FROM debian:12\nRUN go mod download\n", ("/root/go/pkg/mod",)),
    ("go-build", "FROM golang:1.23\nRUN go build ./...\n", ("/root/.cache/go-build",)),
    ("cargo", "FROM rust:1.82\nRUN cargo build --release\n", ("/usr/local/cargo/registry",)),
    ("cargo", "FROM debian:12\nRUN cargo build --release\n", ("/root/.cargo/registry",)),
    ("uv", "FROM python:3.12\nRUN uv sync\n", ("/root/.cache/uv",)),
    # only the download caches: Poetry's virtualenvs live beside them
    ("poetry", "FROM python:3.12\nRUN poetry install\n", ("/root/.cache/pypoetry/cache", "/root/.cache/pypoetry/artifacts")),
    # whether the gradle image moves GRADLE_USER_HOME is not known here
    ("gradle", "FROM gradle:8-jdk21\nRUN gradle build\n", None),
    ("gradle", "FROM eclipse-temurin:21\nRUN ./gradlew build\n", ("/root/.gradle/caches",)),
    ("maven", "FROM maven:3-eclipse-temurin-21\nRUN mvn package\n", ("/root/.m2/repository",)),
    ("composer", "FROM composer:2\nRUN composer install\n", ("/tmp/cache",)),
    # composer copied into a php image: where its cache goes depends on XDG detection
    ("composer", "FROM php:8.3\nRUN composer install\n", None),
    # the system package managers run as root whatever `USER` says (or fail)
    ("apt", "FROM debian:12\nUSER app\nRUN apt-get update\n", ("/var/cache/apt", "/var/lib/apt/lists")),
    ("apk", "FROM whatever/alpine-ish\nRUN apk add curl\n", ("/var/cache/apk",)),
]


@pytest.mark.parametrize("tool,text,expected", PATHS)
def test_cache_paths(tool, text, expected):
    assert paths(tool, text) == expected


def test_flags_carry_sharing_and_the_users_ids():
    assert flags("apt", "FROM debian:12\nRUN apt-get update\n") == (
        "--mount=type=cache,target=/var/cache/apt,sharing=locked "
        "--mount=type=cache,target=/var/lib/apt/lists,sharing=locked")
    assert flags("npm", "FROM node:22-alpine\nUSER node\nRUN npm ci\n") == \
        "--mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000"
    assert flags("pip", "FROM python:3.12\nRUN pip install x\n") == "--mount=type=cache,target=/root/.cache/pip"
    # a mount the RUN has already is not added twice
    assert flags("apt", "FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\n") == \
        "--mount=type=cache,target=/var/lib/apt/lists,sharing=locked"
    assert flags("pip", "FROM python:3.12\nUSER app\nRUN pip install x\n") is None


# (rule, Dockerfile) for each rule that offers the alternative
OFFERED = [
    ("DL3009", "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n"),
    ("DL3019", "FROM alpine:3.20\nRUN apk add curl\n"),
    ("DL3032", "FROM centos:7\nRUN yum install -y httpd\n"),
    ("DL3036", "FROM opensuse/leap:15.6\nRUN zypper install -y curl\n"),
    ("DL3040", "FROM fedora:40\nRUN dnf install -y httpd\n"),
    ("DL3042", "FROM python:3.12-slim\nRUN pip install -r requirements.txt\n"),
    ("DL3060", "FROM node:20\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n"),
    ("DW110", "FROM node:20\nCOPY package*.json ./\nRUN npm ci --omit=dev\n"),
]


@pytest.mark.parametrize("code,text", OFFERED)
def test_the_alternative_beside_the_clean_up_fix(code, text):
    (d,) = findings(code, text)
    assert d.fix is not None and d.fix.applicability is Applicability.SAFE
    (alt,) = d.alternatives
    assert alt.kind == CACHE_MOUNT_KIND
    assert alt.applicability is Applicability.UNSAFE
    assert alt.title.startswith("Use ") and alt.title.endswith("(needs BuildKit)")
    # applied, it cures the finding; the clean-up fix stays what is applied by default
    after = fixed(code, text, prefer=CACHE_MOUNT_KIND)
    assert "--mount=type=cache,target=" in after
    assert_passes(code, after)
    assert "--mount" not in fixed(code, text)


@pytest.mark.parametrize("code,text", OFFERED)
@pytest.mark.parametrize("syntax", ["docker/dockerfile:1.1", "example.com/frontend:1", "docker/dockerfile@sha256:" + "a" * 64])
def test_not_offered_when_the_frontend_has_no_mounts(code, text, syntax):
    (d,) = findings(code, f"# syntax={syntax}\n{text}")
    assert d.alternatives == ()


@pytest.mark.parametrize("syntax", ["docker/dockerfile:1", "docker/dockerfile:1.2", "docker/dockerfile:1.0-experimental"])
def test_offered_when_the_frontend_has_mounts(syntax):
    (d,) = findings("DL3042", f"# syntax={syntax}\nFROM python:3.12\nRUN pip install flask\n")
    assert len(d.alternatives) == 1


def test_not_offered_for_an_onbuild_trigger():
    # another file's frontend builds it
    (d,) = findings("DL3042", "FROM python:3.12\nONBUILD RUN pip install -r requirements.txt\n")
    assert d.alternatives == ()


def test_two_tools_in_one_run_get_both_mounts():
    text = ("FROM python:3.12-slim\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends gcc \\\n"
            "    && pip install -r requirements.txt\n")
    from dockwise.config import Config
    after = fixed("DL3009", text, config=Config(select=["DL3009", "DL3042"]), prefer=CACHE_MOUNT_KIND)
    assert after == (
        "FROM python:3.12-slim\n"
        "RUN --mount=type=cache,target=/var/cache/apt,sharing=locked"
        " --mount=type=cache,target=/var/lib/apt/lists,sharing=locked"
        " --mount=type=cache,target=/root/.cache/pip"
        " apt-get update && apt-get install -y --no-install-recommends gcc \\\n"
        "    && pip install -r requirements.txt\n")


def test_where_no_clean_up_fix_is_possible_the_mount_is_the_fix():
    # a heredoc RUN: nothing is appended to it; the mount goes with the RUN's flags
    text = "FROM node:20\nRUN <<EOF\napt-get update\napt-get install -y --no-install-recommends git\nEOF\n"
    (d,) = findings("DL3009", text)
    assert d.fix.kind == CACHE_MOUNT_KIND and d.fix.applicability is Applicability.UNSAFE and d.alternatives == ()
    # `--fix` alone leaves it (unsafe); preferring the kind applies it, as it does elsewhere
    from dockwise.config import Config
    from dockwise.engine.fixer import fix_text
    assert fix_text(text, "Dockerfile", Config(select=["DL3009"])).text == text
    assert "--mount=type=cache" in fix_text(text, "Dockerfile", Config(select=["DL3009"], prefer_fixes=("cache-mount",))).text
