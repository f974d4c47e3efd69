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
]
PASSES = [
    "FROM python:3.13-slim\n",
    "FROM ghcr.io/acme/python:3.8\n",     # not an official image: unknown
    "FROM scratch\n",
    "ARG V\nFROM python:${V}\n",           # unresolved build argument
    "FROM python:3.13 AS base\nFROM base\n",
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
    cfg = Config(select=["DW150"], settings=RuleSettings(today=date(2026, 6, 1), eol_warning_days=90))
    (d,) = findings("DW150", "FROM debian:bookworm\n", config=cfg)   # debian 12 ends 2026-07-11
    assert d.severity.label == "info" and "in 40 days" in d.message
    cfg = Config(select=["DW150"], settings=RuleSettings(today=date(2026, 1, 1), eol_warning_days=90))
    assert not findings("DW150", "FROM debian:bookworm\n", config=cfg)
