import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    # deleting only one of the two paths leaves the other world-writable
    'FROM a\nRUN chmod 777 /scratch /app && rm -rf /scratch\n',
    'FROM a\nRUN chmod 777 /app\n',
    'FROM a\nRUN chmod -R 0777 /app\n',
    'FROM a\nRUN chmod o+w /app\n',
    'FROM a\nRUN chmod a+rwx /x\n',
    'FROM a\nRUN chmod 666 /f\n',
    'FROM a\nCOPY --chmod=777 a /a\n',
]
PASSES = [
    # nginx's official image: a scratch directory for APT's _apt user, deleted in the same RUN
    'FROM a\nRUN tempDir="$(mktemp -d)" && chmod 777 "$tempDir" && cd "$tempDir" && make \\\n'
    '    && rm -rf "$tempDir" /etc/apt/sources.list.d/temp.list\n',
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
