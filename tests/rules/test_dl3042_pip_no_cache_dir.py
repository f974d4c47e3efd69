import pytest

from rule_harness import assert_catches, assert_passes, findings, fixed

CATCHES = [
    "FROM python\nRUN pip install flask\n",
    "FROM python\nRUN pip3 install -r requirements.txt\n",
    "FROM python\nRUN python3 -m pip install x\n",
    "FROM python\nRUN apt-get update && sudo pip install x\n",
    "FROM python\nRUN <<EOF\npip install x\nEOF\n",
    # a prefix assignment of another variable, or one that leaves the cache on
    "FROM python\nRUN PIP_INDEX_URL=https://pypi.example pip install x\n",
    "FROM python\nRUN PIP_NO_CACHE_DIR=0 pip install x\n",
    # the assignment belongs to the first command only
    "FROM python\nRUN PIP_NO_CACHE_DIR=1 pip install x && pip install y\n",
]
PASSES = [
    "FROM python\nRUN pip install --no-cache-dir flask\n",
    "FROM python\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n",
    # the cache switched off for the one command (hadolint's spec case)
    "FROM python\nRUN PIP_NO_CACHE_DIR=1 pip install flask\n",
    "FROM python\nRUN PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=true \\\n    pip install flask\n",
    "FROM python\nRUN env PIP_NO_CACHE_DIR=1 python3 -m pip install flask\n",
    "FROM python\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n",
    "FROM python\nRUN --mount=type=cache,target=/root/.cache pip install flask\n",
    "FROM python\nRUN pip download flask\n",
    "FROM python\nRUN [\"pip\", \"install\", \"x\"]\n",
    "FROM python\nSHELL [\"powershell\", \"-Command\"]\nRUN pip install flask\n",
    "FROM python\nRUN <<EOF\n#!/usr/bin/env python3\nprint('pip install x')\nEOF\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3042", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3042", text)


def test_fix_inserts_flag_after_install():
    assert fixed("DL3042", "FROM python\nRUN pip install -U x\n") == "FROM python\nRUN pip install --no-cache-dir -U x\n"


# The cache-mount alternative (issue #19): instead of --no-cache-dir, pip's cache in a mount
CACHE_MOUNT_FIXES = [
    ("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
     "FROM python:3.12-slim\nCOPY requirements.txt .\n"
     "RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n"),
    # two installs in one RUN share one mount
    ("FROM python:3.12\nRUN pip install -U pip && python -m pip install flask\n",
     "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install -U pip && python -m pip install flask\n"),
    # another install of the RUN loses its --no-cache-dir, which would keep it from the mount
    ("FROM python:3.12\nRUN pip install --no-cache-dir -U pip \\\n    && pip install -r requirements.txt\n",
     "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install -U pip \\\n"
     "    && pip install -r requirements.txt\n"),
    # the Dockerfile moves the cache
    ("FROM python:3.12\nENV PIP_CACHE_DIR=/var/cache/pip\nRUN pip install flask\n",
     "FROM python:3.12\nENV PIP_CACHE_DIR=/var/cache/pip\nRUN --mount=type=cache,target=/var/cache/pip pip install flask\n"),
]


@pytest.mark.parametrize("before,after", CACHE_MOUNT_FIXES)
def test_cache_mount_fix(before, after):
    assert fixed("DL3042", before, prefer="cache-mount") == after


NO_CACHE_MOUNT = [
    # another user: BuildKit would create the directory for root, and pip could not write it
    "FROM python:3.12\nRUN useradd -m app\nUSER app\nRUN pip install --user flask\n",
    # a base image whose user is unknown
    "FROM ghcr.io/example/python-runtime:3\nRUN pip install flask\n",
    # the RUN also runs pip as another user, whose cache a mount on root's would not hold
    "FROM python:3.12\nRUN pip install -U pip && useradd -m app && su app -c 'pip install --user flask'\n",
    # the cache path comes from a build argument
    "FROM python:3.12\nARG PIP_CACHE_DIR=/tmp/pip\nRUN pip install flask\n",
]


@pytest.mark.parametrize("text", NO_CACHE_MOUNT)
def test_no_cache_mount_when_the_cache_directory_is_not_sure(text):
    (d,) = findings("DL3042", text)
    assert d.alternatives == ()


def test_a_mount_on_the_moved_cache_passes():
    assert_passes("DL3042", "FROM python:3.12\nENV PIP_CACHE_DIR=/pc\nRUN --mount=type=cache,target=/pc pip install x\n")
