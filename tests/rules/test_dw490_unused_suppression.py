import pytest

from dockwise.config import Config
from dockwise.engine.check import check

BOTH = Config(select=["DL3042", "DW490"])


def codes(text, cfg=BOTH):
    return [d.code for d in check(text, config=cfg)]


def test_unused_local_pragma_is_reported():
    assert codes("FROM python\n# dockwise: ignore=DL3042\nRUN pip install --no-cache-dir x\n") == ["DW490"]


def test_used_pragma_suppresses_and_is_not_reported():
    assert codes("FROM python\n# dockwise: ignore=DL3042\nRUN pip install x\n") == []


@pytest.mark.parametrize("pragma", ["# hadolint ignore=DL3042", "# dockwise: ignore=pip-install-without-no-cache-dir",
                                    "# hadolint ignore=DL3008,DL3042"])
def test_hadolint_and_name_forms(pragma):
    assert "DL3042" not in codes(f"FROM python\n{pragma}\nRUN pip install x\n")


@pytest.mark.parametrize("pragma", ["# dockwise: global ignore=DL3042", "# hadolint global ignore=DL3042"])
def test_global_pragmas(pragma):
    assert codes(f"{pragma}\nFROM python\nRUN pip install x\nRUN pip install y\n") == []


def test_buildkit_check_skip_directive():
    assert codes("# check=skip=DL3042\nFROM python\nRUN pip install x\n") == []
    assert codes("# check=skip=all\nFROM python\nRUN pip install x\n") == []


def test_pragma_applies_only_to_next_instruction():
    assert codes("FROM python\n# dockwise: ignore=DL3042\nRUN pip install x\nRUN pip install y\n") == ["DL3042"]


def test_disabled_rule_makes_no_unused_report():
    assert codes("FROM python\n# dockwise: ignore=DL3042\nRUN echo\n", Config(select=["DW490"])) == []
