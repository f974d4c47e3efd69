import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'ARG V=1\nFROM alpine\nLABEL v=$V\n',
    'FROM alpine\nWORKDIR $HOME/app\n',
    'FROM python:3.12\nCOPY a ${DEST}\n',
    'FROM mycorp/base\nENV APP_HOME=/app\nWORKDIR ${APP_HOM}/src\n',
    'FROM scratch\nUSER $UID\n',
]
PASSES = [
    # a dev container template: its tool fills ${templateOption:…} in before any build
    'FROM debian:12\nARG UPGRADE_PACKAGES="${templateOption:upgradePackages}"\n',
    'FROM alpine\nARG V=1\nLABEL v=$V\n',
    'FROM alpine\nENV A=1\nENV B=$A\n',
    'FROM alpine\nRUN echo $UNDEFINED\n',
    'FROM python:3.12\nENV P=$PYTHON_VERSION\n',
    'FROM mycorp/base\nWORKDIR $APP_HOME\n',
    'FROM alpine\nENV X=${Y:-1}\n',
    'FROM alpine AS a\nENV D=/x\nFROM a\nWORKDIR $D\n',
    'FROM alpine\nONBUILD COPY . $DEST\n',
    'FROM alpine\nENV P=$PATH:/x\n',
    'FROM alpine\nARG TARGETARCH\nLABEL a=$TARGETARCH\n',
    'FROM alpine\nLABEL a=$TARGETARCH\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW417', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW417', text)
