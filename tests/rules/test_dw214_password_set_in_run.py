import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    "FROM a\nRUN echo 'u:p' | chpasswd\n",
    'FROM a\nRUN useradd -p secret u\n',
    'FROM a\nRUN echo p | passwd --stdin u\n',
    "FROM a\nRUN echo -e 'p\\np' | passwd u\n",
]
PASSES = [
    'FROM a\nRUN useradd -m u\n',
    'FROM a\nRUN passwd -l root\n',
    'FROM a\nRUN passwd -d u\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW214', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW214', text)
