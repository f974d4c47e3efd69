import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM a\nRUN <<EOF\napt-get update\napt-get install -y x\nEOF\n',
    'FROM a\nRUN <<EOF\nfalse; true\nEOF\n',
    'FROM a\nRUN <<EOF\n#!/bin/bash\nfalse\ntrue\nEOF\n',
]
PASSES = [
    'FROM a\nRUN <<EOF\nset -e\nfalse\ntrue\nEOF\n',
    'FROM a\nRUN <<EOF\nset -euo pipefail\nfalse\ntrue\nEOF\n',
    'FROM a\nRUN <<EOF\nfalse && true\nEOF\n',
    'FROM a\nRUN <<EOF\necho one\nEOF\n',
    'FROM a\nRUN <<EOF\n#!/bin/sh -e\nfalse\ntrue\nEOF\n',
    'FROM a\nRUN bash -e <<EOF\nfalse\ntrue\nEOF\n',
    'FROM a\nRUN <<EOF\nset -o errexit\nfalse\ntrue\nEOF\n',
    'FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nprint(1)\nEOF\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW411', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW411', text)


FIXES = [
    ('FROM a\nRUN <<EOF\nfalse\ntrue\nEOF\n', 'FROM a\nRUN <<EOF\nset -e\nfalse\ntrue\nEOF\n'),
    ('FROM a\nRUN <<EOF\n#!/bin/bash\nfalse\ntrue\nEOF\n', 'FROM a\nRUN <<EOF\n#!/bin/bash\nset -e\nfalse\ntrue\nEOF\n'),
]


@pytest.mark.parametrize(("before", "after"), FIXES)
def test_fix(before, after):
    assert fixed('DW411', before) == after
