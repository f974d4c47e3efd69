import pytest

from rule_harness import assert_catches, assert_passes, fixed

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
