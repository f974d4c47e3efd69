import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n',
    'FROM a\nENV GIT_SSL_NO_VERIFY=true\n',
    'FROM a\nARG PYTHONHTTPSVERIFY=0\n',
    'FROM a\nRUN export GIT_SSL_NO_VERIFY=1 && git clone x\n',
    'FROM a\nRUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci\n',
    'FROM a\nENV NPM_CONFIG_STRICT_SSL=false\n',
    'FROM a\nENV PIP_TRUSTED_HOST=pypi.org\n',
]
PASSES = [
    'FROM a\nENV NODE_TLS_REJECT_UNAUTHORIZED=1\n',
    'FROM a\nENV PYTHONHTTPSVERIFY=1\n',
    'FROM a\nENV MY_GIT_SSL_NO_VERIFY=1\n',
    'FROM a\nENV GIT_SSL_NO_VERIFY=\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW211', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW211', text)
