import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    "FROM alpine\nRUNN echo hi\n",
    "FROM alpine\nRUN <<EOF\necho\n",
    "FROM alpine\nCMD [\"a\", 1]\n",
    "FROM alpine\nENV PATH\n",
    "FROM alpine\nENV A=1 B\n",
    "# escape=x\nFROM alpine\n",
    "# syntax=a\n# syntax=b\nFROM alpine\n",
    "FROM alpine\nLABEL a=\ufffd\n",
]
PASSES = [
    "FROM alpine\nRUN echo hi\n",
    "FROM alpine\nRUN <<EOF\necho\nEOF\n",
    "# escape=`\nFROM alpine\n",
    "FROM alpine\nENV PATH /x\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW400", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW400", text)


def test_rest_of_file_still_checked():
    from dockwise.config import Config
    from dockwise.engine.check import check
    codes = {d.code for d in check("FROM python\nRUNN x\nRUN pip install flask\n", config=Config(select=["DW400", "DL3042"]))}
    assert codes == {"DW400", "DL3042"}
