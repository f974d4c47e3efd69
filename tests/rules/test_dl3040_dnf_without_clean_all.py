import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM x\nRUN dnf install -y x\n',
    'FROM x\nRUN dnf -y upgrade\n',
    'FROM x\nRUN microdnf install -y x\n',
    'FROM x\nRUN <<EOF\ndnf install -y x\nEOF\n',
]
PASSES = [
    'FROM x\nRUN dnf install -y x && dnf clean all\n',
    'FROM x\nRUN dnf install -y x && rm -rf /var/cache/dnf\n',
    'FROM x\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y x\n',
    'FROM x\nRUN dnf remove -y x\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3040", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3040", text)


def test_fix():
    assert fixed("DL3040", 'FROM x\nRUN microdnf install -y x\n') == 'FROM x\nRUN microdnf install -y x && microdnf clean all\n'
