import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nRUN ln -sf /bin/bash /bin/sh\n',
    'FROM x\nRUN ln -s -f bash /bin/sh\n',
]
PASSES = [
    'FROM x\nRUN ln -s /a /b\n',
    'FROM x\nSHELL ["/bin/bash", "-c"]\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL4005", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL4005", text)
