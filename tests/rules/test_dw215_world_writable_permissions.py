import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a\nRUN chmod 777 /app\n',
    'FROM a\nRUN chmod -R 0777 /app\n',
    'FROM a\nRUN chmod o+w /app\n',
    'FROM a\nRUN chmod a+rwx /x\n',
    'FROM a\nRUN chmod 666 /f\n',
    'FROM a\nCOPY --chmod=777 a /a\n',
]
PASSES = [
    'FROM a\nRUN chmod 755 /app\n',
    'FROM a\nRUN chmod 1777 /tmp\n',
    'FROM a\nRUN chmod +x /app\n',
    'FROM a\nRUN chmod ugo+rwx,o+t /run/x\n',
    'FROM a\nRUN chmod g+w /app\n',
    'FROM a\nRUN chmod -R go-w /app\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW215', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW215', text)
