import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a\nRUN curl -k https://x\n',
    'FROM a\nRUN curl -fsSLk https://x\n',
    'FROM a\nRUN wget --no-check-certificate https://x\n',
    'FROM a\nRUN pip install --trusted-host pypi.org x\n',
    'FROM a\nRUN npm config set strict-ssl false\n',
    'FROM a\nRUN yarn config set strict-ssl false\n',
    'FROM a\nRUN git config --global http.sslVerify false\n',
    'FROM a\nRUN git -c http.sslVerify=false clone https://x\n',
    'FROM a\nRUN yum-config-manager --save --setopt=sslverify=0\n',
]
PASSES = [
    'FROM a\nRUN curl -fsSL https://x\n',
    'FROM a\nRUN npm config set strict-ssl true\n',
    'FROM a\nRUN git config --global http.sslVerify true\n',
    'FROM a\nRUN wget -q https://x\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW210', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW210', text)
