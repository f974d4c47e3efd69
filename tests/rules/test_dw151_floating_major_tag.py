import re

import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = ["FROM node:lts\n", "FROM node:alpine\n", "FROM python:3\n", "FROM python:3-slim\n",
           "FROM docker.io/library/node:lts-alpine\n",
           "FROM buildpack-deps:sid\n"]  # sid is Debian's rolling unstable release
PASSES = ["FROM node:24-alpine\n", "FROM python:3.12-slim\n", "FROM python\n", "FROM python:latest\n",
          "FROM ghcr.io/x/node:lts\n", "FROM node:lts@sha256:" + "a" * 64 + "\n", "FROM debian:bookworm\n",
          # buildpack-deps has only release names: `trixie` is Debian 13, not a floating line
          "FROM buildpack-deps:trixie\n", "FROM buildpack-deps:bullseye-curl\n", "FROM buildpack-deps:jammy\n"]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW151", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW151", text)


def test_fix_pins_keeping_the_variant_and_spelling():
    out = fixed("DW151", "FROM docker.io/library/node:lts-alpine AS web\n")
    assert re.fullmatch(r"FROM docker\.io/library/node:\d+\.\d+\.\d+-alpine AS web\n", out), out


def test_fix_is_unsafe_only():
    assert fixed("DW151", "FROM node:lts\n", unsafe=False) == "FROM node:lts\n"
