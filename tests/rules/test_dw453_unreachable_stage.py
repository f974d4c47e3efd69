import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    "FROM alpine AS a\nRUN x\nFROM alpine\nRUN y\nFROM alpine\nCOPY --from=a /x /x\n",
    "FROM golang:1.22\nRUN go build .\nFROM alpine:3.20\nCMD [\"/app\"]\n",
]
PASSES = [
    "FROM golang:1.22\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=0 /app /app\n",
    "FROM alpine\nRUN x\nFROM 0\n" if False else "FROM alpine AS base\nFROM base\nRUN y\n",
    "FROM alpine\nRUN x\nFROM alpine\nRUN --mount=from=0,target=/m true\n",
    # named: DW455's business
    "FROM alpine AS test\nRUN x\nFROM alpine\nRUN y\n",
    # a build argument picks the stage
    "ARG V=a\nFROM alpine\nRUN x\nFROM alpine\nARG V\nCOPY --from=${V} /x /x\n",
    "FROM alpine\nRUN x\nFROM ${TARGETARCH}-base\n",
    "FROM alpine\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW453", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW453", text)
