import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DL3025"
CATCHES = [
    'FROM alpine\nCMD echo hi\n',
    'FROM alpine\nENTRYPOINT /bin/app\n',
    'FROM alpine\nCMD a && b\n',
    # hadolint's spec cases
    'FROM node as foo\nENTRYPOINT something\n',
    'FROM node as foo\nCMD something\n',
]
PASSES = [
    'FROM alpine\nCMD ["echo", "hi"]\n',
    'FROM alpine\nSHELL ["/bin/bash", "-c"]\nCMD echo hi\n',
    'FROM alpine AS b\nSHELL ["/bin/ash", "-c"]\nFROM b\nCMD echo hi\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nCMD Write-Host hi\n',
    # hadolint's spec cases
    'FROM scratch as build\nENTRYPOINT ["foo", "bar"]\n',
    'FROM scratch as build\nCMD ["foo", "bar"]\nCMD [ "foo", "bar" ]\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_fix_plain_argv_is_safe_json():
    from rule_harness import findings
    text = "FROM alpine\nCMD gunicorn --bind \"0.0.0.0:8000\" 'a b' app:app\n"
    assert fixed(CODE, text, unsafe=False) == 'FROM alpine\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "a b", "app:app"]\n'
    assert findings(CODE, "FROM alpine\nENTRYPOINT /bin/app -x\n")[0].fix.applicability.value == "unsafe"


@pytest.mark.parametrize("cmd", ["echo $HOME", "a && b", "a | b", "a > f", "ls *.py", "cd /x", "X=1 app", "echo ~", "a \\; b", "exec app"])
def test_no_fix_when_shell_needed(cmd):
    from rule_harness import findings
    assert findings(CODE, f"FROM alpine\nCMD {cmd}\n")[0].fix is None


def test_healthcheck_cmd_is_not_this_rule_where_hadolint_2_15_flags_it():
    """BuildKit's JSONArgsRecommended is about CMD and ENTRYPOINT: a shell-form HEALTHCHECK CMD is fine."""
    assert_passes("DL3025", "FROM alpine:3.20\nHEALTHCHECK CMD wget -q -O- http://localhost/ || exit 1\n")
