import pytest

from rule_harness import assert_catches, assert_passes, findings

CATCHES = ["FROM python:3.21-slim\n", "FROM python:3.12-slimm\n", "FROM node:24-alpine-foo\n"]
PASSES = ["FROM python:3.12-slim\n", "FROM python:3.8-slim-buster\n", "FROM ubuntu:focal\n", "FROM node:12\n",
          "FROM myorg/python:3.21\n", "ARG T\nFROM python:${T}\n", "FROM python\n",
          # a digest decides what is pulled, whatever the (dated, rotated-out) tag says
          "FROM docker.io/debian:bullseye-20200610-slim@sha256:" + "f" * 64 + " AS final\n",
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
