import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    "FROM alpine\n# hadolint ignore=DL3O08\nRUN echo\n",
    "FROM alpine\n# dockwise: ignore=nonsense-rule\nRUN echo\n",
    "# dockwise: global ignore=XX1\nFROM alpine\n",
]
PASSES = [
    "FROM alpine\n# hadolint ignore=SC2086\nRUN echo $x\n",
    "FROM alpine\n# hadolint ignore=DL3042\nRUN echo\n",
    "FROM alpine\n# just a comment = with equals\nRUN echo\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW491", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW491", text)
