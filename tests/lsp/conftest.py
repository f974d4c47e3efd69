"""Fixtures for the language-server tests (helpers live in lsp_harness.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return tmp_path.resolve()
