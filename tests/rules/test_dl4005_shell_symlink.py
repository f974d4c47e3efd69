import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nRUN ln -sf /bin/bash /bin/sh\n',
    'FROM x\nRUN ln -s -f bash /bin/sh\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN ln -sfv /bin/bash /bin/sh\n',
    'FROM debian:12\nONBUILD RUN ln -sfv /bin/bash /bin/sh\n',
]
PASSES = [
    'FROM x\nRUN ln -s /a /b\n',
    'FROM x\nSHELL ["/bin/bash", "-c"]\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN ln -sf /bin/true /sbin/initctl\n',
    'FROM debian:12\nONBUILD RUN ln -sf /bin/true /sbin/initctl\n',
    'FROM debian:12\nRUN ln -s foo bar && unrelated && something_with /bin/sh\n',
    'FROM debian:12\nONBUILD RUN ln -s foo bar && unrelated && something_with /bin/sh\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL4005", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL4005", text)
