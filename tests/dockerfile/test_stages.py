"""Stages, base images and build arguments."""

from dockwise.dockerfile import parse


def stages(text):
    return parse(text).stages


def test_arg_default_resolves_the_base_image():
    (s,) = stages("ARG PY=3.12\nFROM python:${PY}-slim\n")
    assert s.image == "python:3.12-slim" and s.ref.tag == "3.12-slim" and not s.unresolved


def test_arg_without_default_and_platform_args_leave_the_base_unresolved():
    a, b = stages("ARG PY\nFROM python:${PY}\nFROM ${TARGETARCH}-archive\n")
    assert a.ref is None and a.unresolved == {"PY"}
    assert b.ref is None and b.unresolved == {"TARGETARCH"}


def test_default_operator_with_unset_arg_is_still_a_build_time_value():
    (s,) = stages("ARG V\nFROM alpine:${V:-3.20}\n")
    assert s.image == "alpine:3.20" and s.unresolved == {"V"}


def test_stage_references_and_names_are_case_insensitive():
    a, b = stages("FROM alpine:3.20 AS Build\nFROM build\n")
    assert a.name == "build" and b.base_stage is a and b.ref is None


def test_windows_bases_are_recognised():
    (s,) = stages("FROM mcr.microsoft.com/windows/servercore:ltsc2022\n")
    assert s.windows
