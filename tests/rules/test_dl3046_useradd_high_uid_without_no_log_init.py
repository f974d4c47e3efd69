import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nRUN useradd -u 123456 app\n',
    'FROM x\nRUN useradd --uid 1234567 app\n',
    'FROM x\nRUN useradd -u1234567 app\n',
]
PASSES = [
    'FROM x\nRUN useradd -l -u 123456 a\n',
    'FROM x\nRUN useradd --no-log-init -u 123456 a\n',
    'FROM x\nRUN useradd -u 1000 a\n',
    'FROM x\nRUN useradd a\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3046", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3046", text)
