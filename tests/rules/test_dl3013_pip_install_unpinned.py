import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM python\nRUN pip install flask\n',
    'FROM python\nRUN python3 -m pip install -U pip\n',
    'FROM python\nRUN pipx install black\n',
    'FROM python\nRUN pip install "tensorflow${SUFFIX}"\n',
    'FROM python\nRUN /opt/venv/bin/pip install flask\n',
]
PASSES = [
    'FROM python\nRUN pip install flask==3.0\n',
    "FROM python\nRUN pip install 'flask>=3,<4'\n",
    'FROM python\nRUN pip install -r req.txt\n',
    'FROM python\nRUN pip install --requirement=req.txt\n',
    'FROM python\nRUN pip install .\n',
    'FROM python\nRUN pip install -e ./pkg\n',
    'FROM python\nRUN pip install -c constraints.txt flask\n',
    'FROM python\nRUN pip install $PKGS\n',
    'FROM python\nRUN pip install https://x.org/a.whl\n',
    'FROM python\nRUN pip install git+https://github.com/a/b@v1\n',
    'FROM python\nRUN pip install dist/a-1.0-py3-none-any.whl\n',
    'FROM python\nRUN pip install -i https://idx flask==1\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3013', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3013', text)
