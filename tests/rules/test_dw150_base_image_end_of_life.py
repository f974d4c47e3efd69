from datetime import date

import pytest

from dockwise.config import Config
from dockwise.engine.rule import RuleSettings
from rule_harness import assert_catches, assert_passes, findings

CATCHES = [
    "FROM python:3.8-slim\n",
    "FROM node:16\n",
    "FROM alpine:3.12\n",
    "FROM debian:buster\n",
    "FROM python:3.12-slim-buster\n",   # the runtime is fine, the distribution is not
    "FROM docker.io/library/golang:1.19\n",
    "ARG V=3.7\nFROM python:${V}\n",
    # a Go builder links its standard library into the binary that ships (awesome-compose)
    "FROM golang:1.18-alpine AS builder\nRUN go build -o /code/bin/backend .\n"
    "FROM scratch\nCOPY --from=builder /code/bin/backend /usr/local/bin/backend\n",
    # a donor whose interpreter itself is copied into the image, the only version
    "FROM python:3.8 AS py\nFROM debian:13-slim\nCOPY --from=py /usr/local/lib /opt/python/lib\n",
    # a stage copied whole ships
    "FROM node:16 AS app\nRUN npm ci\nFROM scratch\nCOPY --from=app / /\n",
]
PASSES = [
    "FROM python:3.13-slim\n",
    "FROM ghcr.io/acme/python:3.8\n",     # not an official image: unknown
    "FROM scratch\n",
    "ARG V\nFROM python:${V}\n",           # unresolved build argument
    "FROM python:3.13 AS base\nFROM base\n",
    # builder stages that do not ship: the image is another stage's base (microservices-demo
    # paymentservice, docker/getting-started)
    "FROM node:20.20.2-alpine AS builder\nWORKDIR /usr/src/app\nCOPY package*.json ./\nRUN npm ci --omit=dev\n"
    "FROM alpine:3.24\nRUN apk add --no-cache nodejs\nCOPY --from=builder /usr/src/app/node_modules ./node_modules\n"
    "CMD [\"node\", \"index.js\"]\n",
    "FROM node:18-alpine AS app-base\nCOPY app/package.json app/yarn.lock ./\nFROM app-base AS test\nRUN yarn test\n"
    "FROM app-base AS app-zip-creator\nCOPY --from=test /app/package.json ./\nRUN zip -r /app.zip /app\n"
    "FROM nginx:alpine\nCOPY --from=app-zip-creator /app.zip /usr/share/nginx/html/assets/app.zip\n",
    # the distribution of a Go builder stays behind; only its toolchain's library ships
    "FROM golang:1.26-bullseye AS build\nRUN go build -o /app .\nFROM debian:13-slim\nCOPY --from=build /app /app\n",
    # Dependabot: one interpreter of several installed side by side, newer ones supported
    "FROM python:3.10-bookworm AS upstream-python-3.10\nFROM python:3.14-bookworm AS upstream-python-3.14\n"
    "FROM debian:13-slim\nCOPY --from=upstream-python-3.10 /usr/local/lib /opt/python/3.10/lib\n"
    "COPY --from=upstream-python-3.14 /usr/local/lib /opt/python/3.14/lib\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW150", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW150", text)


def test_message_names_date_and_replacement():
    (d,) = findings("DW150", "FROM python:3.8\n")
    assert "2024-10-07" in d.message and "move to `python:3." in d.message


def test_near_end_of_life_is_information_within_the_window():
    # ubuntu 22.04: standard support (what the official image gets) ends 2027-04-01
    cfg = Config(select=["DW150"], settings=RuleSettings(today=date(2027, 2, 1), eol_warning_days=90))
    (d,) = findings("DW150", "FROM ubuntu:jammy\n", config=cfg)
    assert d.severity.label == "info" and "in 59 days" in d.message
    cfg = Config(select=["DW150"], settings=RuleSettings(today=date(2026, 6, 1), eol_warning_days=90))
    assert not findings("DW150", "FROM ubuntu:jammy\n", config=cfg)


def test_debian_lts_keeps_the_image_supported():
    # bookworm: standard support ended 2026-07-11, Debian LTS until 2028-06-30
    text = "FROM python:3.12-slim-bookworm\nCMD [\"python\", \"-m\", \"app\"]\n"
    cfg = Config(select=["DW150"], settings=RuleSettings(today=date(2026, 12, 1)))
    assert not findings("DW150", text, config=cfg)
    cfg = Config(select=["DW150"], settings=RuleSettings(today=date(2028, 5, 1), eol_warning_days=90))
    (d,) = findings("DW150", text, config=cfg)
    assert d.severity.label == "info"
    assert "standard support ended on 2026-07-11; LTS security updates end in 60 days (2028-06-30)" in d.message
    cfg = Config(select=["DW150"], settings=RuleSettings(today=date(2028, 7, 1)))
    (d,) = findings("DW150", text, config=cfg)
    assert d.severity.label == "warning"
    assert "standard support ended on 2026-07-11 and LTS on 2028-06-30: no more security fixes" in d.message


def test_ubuntu_esm_does_not_reach_the_official_image():
    cfg = Config(select=["DW150"], settings=RuleSettings(today=date(2026, 12, 1)))
    (d,) = findings("DW150", "FROM ubuntu:20.04\nRUN apt-get update\n", config=cfg)
    assert d.severity.label == "warning"
    assert d.message.startswith("`ubuntu:20.04` standard support ended on 2025-05-31; its extended support "
                                "(until 2030-04-02) needs an Ubuntu Pro subscription")


def test_every_window_ended():
    cfg = Config(select=["DW150"], settings=RuleSettings(today=date(2026, 12, 1)))
    (d,) = findings("DW150", "FROM ubuntu:14.04\n", config=cfg)
    assert d.message.startswith("`ubuntu:14.04` reached its end of life: standard support ended on 2019-04-02 and "
                                "extended support on 2024-04-02: no more security fixes")


def _lint_tree(tmp_path, files, dockerfile):
    """DW150 on `dockerfile` of a repository tree, with the context chosen as `dockwise check` does."""
    from dockwise.buildcontext import load_context
    from dockwise.buildcontext.infer import RepoBuilds, choose_context, find_repo_root
    from dockwise.engine.check import check
    from rules.context_trees import make_tree
    make_tree(tmp_path, {".git/HEAD": "ref: refs/heads/master\n", **files})
    path = str(tmp_path / dockerfile)
    root = find_repo_root(str((tmp_path / dockerfile).parent))
    choice = choose_context(path, repo=RepoBuilds(root), root=root)
    view = load_context(choice.directory, path)
    view.choice = choice
    return [d for d in check(files[dockerfile], path, Config(select=["DW150"]), context=view) if d.code == "DW150"]


# apache/spark-docker: one folder per published Spark release, each a frozen record
SPARK_OLD = "FROM eclipse-temurin:11-focal\nENTRYPOINT [\"/opt/entrypoint.sh\"]\n"
SPARK_NEW = "FROM eclipse-temurin:11-jammy\nENTRYPOINT [\"/opt/entrypoint.sh\"]\n"


def test_an_older_release_folder_with_a_newer_sibling_is_a_record(tmp_path):
    files = {"3.5.2/scala2.12-java11-ubuntu/Dockerfile": SPARK_OLD,
             "3.5.8/scala2.12-java11-ubuntu/Dockerfile": SPARK_NEW,
             "3.5.8/scala2.12-java17-ubuntu/Dockerfile": SPARK_NEW.replace("11", "17")}
    assert _lint_tree(tmp_path, files, "3.5.2/scala2.12-java11-ubuntu/Dockerfile") == []


@pytest.mark.parametrize("files,dockerfile", [
    # the newest release folder is the one to move on
    ({"3.5.2/scala2.12-java11-ubuntu/Dockerfile": SPARK_NEW, "3.5.8/scala2.12-java11-ubuntu/Dockerfile": SPARK_OLD},
     "3.5.8/scala2.12-java11-ubuntu/Dockerfile"),
    # the newer release has no such variant: this one is still the latest of its kind
    ({"3.5.2/scala2.12-java11-ubuntu/Dockerfile": SPARK_OLD, "4.0.0/scala2.13-java17-ubuntu/Dockerfile": SPARK_NEW},
     "3.5.2/scala2.12-java11-ubuntu/Dockerfile"),
    # a different variant of the release name (`-bullseye` vs `-trixie`) is another line
    ({"20.18.1-bullseye/Dockerfile": "FROM node:16-buster\n", "20.18.3-trixie/Dockerfile": "FROM node:22\n"},
     "20.18.1-bullseye/Dockerfile"),
    # adoptium/containers: `3.21` is Alpine's version, not a release of the project
    ({"25/jre/alpine/3.21/Dockerfile": "FROM alpine:3.21\n", "25/jre/alpine/3.22/Dockerfile": "FROM alpine:3.22\n"},
     "25/jre/alpine/3.21/Dockerfile"),
])
def test_the_latest_of_a_release_line_is_reported(tmp_path, files, dockerfile):
    assert _lint_tree(tmp_path, files, dockerfile)


# cypress-docker-images base-internal/releases: one folder per published image
@pytest.mark.parametrize("dockerfile,text", [
    # the image of Node 20.18.3 on bullseye: neither Node 20's nor bullseye's end is news to it
    ("releases/node-20/20.18.3-bullseye/Dockerfile", "FROM node:20.18.3-bullseye-slim\n"),
    ("releases/node-20/20.18.3-yarn-berry/Dockerfile", "FROM node:20.18.3-bookworm-slim\n"),
    # built for glibc 2.31, which Ubuntu 20.04 ships
    ("releases/node-24/24.15.0-glibc-2.31/Dockerfile",
     "# Ubuntu 20.04 LTS ships glibc 2.31.\nFROM ubuntu:20.04\nENV NODE_VERSION=24.15.0\n"),
])
def test_the_record_of_a_release_made_on_its_base_is_not_reported(dockerfile, text):
    assert_passes("DW150", text, path=dockerfile)


@pytest.mark.parametrize("dockerfile,text", [
    # the folder names another release than the base's: the base is a choice to revisit
    ("releases/node-20/20.18.3-bullseye/Dockerfile", "FROM node:16.20.2-bullseye-slim\n"),
    ("releases/node-24/24.15.0-glibc-2.35/Dockerfile", "FROM ubuntu:20.04\n"),
    # a release folder that does not name the base at all
    ("releases/3.5.2/Dockerfile", "FROM python:3.8-slim\n"),
    ("docker/ubuntu20-node16/Dockerfile", "FROM ubuntu:20.04\n"),
])
def test_a_release_folder_naming_something_else_is_reported(dockerfile, text):
    assert_catches("DW150", text, path=dockerfile)


# adoptium/containers: one folder per Alpine release the JRE is built on
ADOPTIUM = {"8/jre/alpine/3.21/Dockerfile": "FROM alpine:3.21\nCMD [\"java\"]\n",
            "8/jre/alpine/3.22/Dockerfile": "FROM alpine:3.22\nCMD [\"java\"]\n",
            "8/jre/alpine/3.24/Dockerfile": "FROM alpine:3.24\nCMD [\"java\"]\n"}


def test_a_variant_whose_supported_sibling_exists_is_to_retire(tmp_path):
    (d,) = _lint_tree(tmp_path, ADOPTIUM, "8/jre/alpine/3.21/Dockerfile")
    assert d.message.endswith("; `alpine/3.24/Dockerfile` beside it builds on a supported release: retire this variant"), \
        d.message


@pytest.mark.parametrize("files", [
    # no sibling on a supported release: move this one on
    {"8/jre/alpine/3.21/Dockerfile": ADOPTIUM["8/jre/alpine/3.21/Dockerfile"], "8/jre/alpine/3.20/Dockerfile": "FROM alpine:3.20\n"},
    # the sibling folder does not hold this file (a JDK, not this JRE)
    {"8/jre/alpine/3.21/Dockerfile": ADOPTIUM["8/jre/alpine/3.21/Dockerfile"], "8/jre/alpine/3.24/README.md": "x"},
    # the folder is not named for the base's release
    {"8/jre/alpine/current/Dockerfile": "FROM alpine:3.21\n", "8/jre/alpine/3.24/Dockerfile": "FROM alpine:3.24\n"},
])
def test_without_a_supported_sibling_the_message_says_where_to_move(tmp_path, files):
    (d,) = _lint_tree(tmp_path, files, next(iter(files)))
    assert "retire" not in d.message and "move to `alpine:" in d.message, d.message
