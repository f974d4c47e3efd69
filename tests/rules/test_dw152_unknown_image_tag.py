import pytest

from rule_harness import assert_catches, assert_passes, findings

CATCHES = ["FROM python:3.21-slim\n", "FROM python:3.12-slimm\n", "FROM node:24-alpine-foo\n",
           # a snapshot newer than the index's, or of a series the image never had
           "FROM ubuntu:noble-20990101\n", "FROM debian:bookworm-20240101-tiny\n"]
PASSES = ["FROM python:3.12-slim\n", "FROM python:3.8-slim-buster\n", "FROM ubuntu:focal\n", "FROM node:12\n",
          "FROM myorg/python:3.21\n", "ARG T\nFROM python:${T}\n", "FROM python\n",
          # a pre-release, which the index (a snapshot of current releases) may not hold
          "FROM spark:4.2.0-preview5-scala2.13-java17-ubuntu\n", "FROM python:3.15.0rc1-slim\n",
          # a retired release's codename with a current variant word: DW150's business
          "FROM buildpack-deps:plucky-scm\n",
          # a digest decides what is pulled, whatever the (dated, rotated-out) tag says
          "FROM docker.io/debian:bullseye-20200610-slim@sha256:" + "f" * 64 + " AS final\n",
          # an older dated snapshot of a current series (SeleniumHQ/docker-selenium Base): Docker
          # Hub keeps it; the index lists only the series' newest
          "FROM ubuntu:noble-20240904.1\n", "FROM debian:bookworm-20240110-slim\n",
          # a devcontainer template whose placeholder is filled in before the build
          'ARG VARIANT_DEBIAN="${templateOption:imageVariant}"\nFROM buildpack-deps:${VARIANT_DEBIAN}-curl\n']


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW152", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW152", text)


def test_suggests_close_tags():
    (d,) = findings("DW152", "FROM python:3.12-slimm\n")
    assert "`3.12-slim`" in d.message
