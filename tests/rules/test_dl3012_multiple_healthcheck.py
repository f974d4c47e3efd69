import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM debian:12\nHEALTHCHECK CMD true\nHEALTHCHECK NONE\n',
    # hadolint's spec cases
    'FROM scratch\nHEALTHCHECK CMD /bin/bla1\nHEALTHCHECK CMD /bin/bla2\n',
]
PASSES = [
    'FROM debian:12\nHEALTHCHECK CMD true\nFROM debian:12\nHEALTHCHECK CMD true\n',
    'FROM debian:12\nHEALTHCHECK CMD true\n',
    # hadolint's spec cases
    'FROM scratch\n',
    'FROM scratch\nHEALTHCHECK CMD /bin/bla\n',
    'FROM scratch\nHEALTHCHECK CMD /bin/bla1\nFROM scratch\nHEALTHCHECK CMD /bin/bla2\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3012', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3012', text)
