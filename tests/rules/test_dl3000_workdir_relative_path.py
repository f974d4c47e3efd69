import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM debian:12\nWORKDIR app\n',
    'FROM debian:12\nWORKDIR ./app\n',
    'FROM debian:12\nWORKDIR "app"\n',
    'FROM debian:12\nWORKDIR x\n',
    # hadolint's spec cases
    'FROM debian:12\nWORKDIR relative/dir\n',
    "FROM debian:12\nWORKDIR 'relative/dir'\n",
    'FROM debian:12\nWORKDIR "relative/dir"\n',
]
PASSES = [
    'FROM debian:12\nWORKDIR /app\n',
    'FROM debian:12\nWORKDIR $HOME\n',
    'FROM debian:12\nWORKDIR ${APP_DIR}/src\n',
    'FROM debian:12\nWORKDIR "/app"\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\app\n',
    # hadolint's spec cases
    'FROM debian:12\nWORKDIR /usr/local\n',
    'FROM debian:12\nWORKDIR ${work}\n',
    "FROM debian:12\nWORKDIR '/usr/local'\n",
    'FROM debian:12\nWORKDIR "/usr/local"\n',
    'FROM debian:12\nWORKDIR "${dir}"\n',
    "FROM debian:12\nWORKDIR 'C:\\'\n",
    'FROM debian:12\nWORKDIR "C:\\"\n',
    'FROM debian:12\nWORKDIR C:/\n',
    'FROM debian:12\nWORKDIR "C:/"\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3000', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3000', text)


def test_one_letter_relative_path_hadolint_crashes_on():
    # hadolint 2.15 aborts with `Data.Text.index: Index too large` on a one-character path
    assert_catches("DL3000", "FROM debian:12\nWORKDIR x\n")
