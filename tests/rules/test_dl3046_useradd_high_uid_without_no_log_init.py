import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nRUN useradd -u 123456 app\n',
    'FROM x\nRUN useradd --uid 1234567 app\n',
    'FROM x\nRUN useradd -u1234567 app\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN useradd -u 123456 luser\n',
]
PASSES = [
    'FROM x\nRUN useradd -l -u 123456 a\n',
    'FROM x\nRUN useradd --no-log-init -u 123456 a\n',
    'FROM x\nRUN useradd -u 1000 a\n',
    'FROM x\nRUN useradd a\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN useradd luser\n',
    'FROM debian:12\nRUN useradd -u 12345 luser\n',
    'FROM debian:12\nRUN useradd -l -u 123456 luser\n',
    'FROM debian:12\nRUN useradd -l luser\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3046", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3046", text)


def test_uid_from_a_variable_is_judged_by_its_default():
    # we used to measure the length of the text `${spark_uid}` itself (apache/spark-docker)
    assert_passes("DL3046", "FROM x\nARG spark_uid=185\nRUN useradd --system --uid=${spark_uid} spark\n")
    assert_passes("DL3046", 'FROM x\nARG USER_UID=1000\nRUN useradd --uid "$USER_UID" app\n')
    assert_passes("DL3046", "FROM x\nRUN useradd -u ${UNKNOWN_UID} app\n")
    assert_catches("DL3046", "FROM x\nARG UID=123456789\nRUN useradd -u ${UID} app\n")
