import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\n',
    'FROM x AS a\nHEALTHCHECK NONE\nFROM y\n',
    # hadolint's spec cases
    'FROM scratch\n',
    'FROM scratch AS base\nHEALTHCHECK CMD /bin/bla\nFROM scratch\n',
]
PASSES = [
    'FROM x\nHEALTHCHECK CMD true\n',
    'FROM x AS a\nHEALTHCHECK CMD true\nFROM a\n',
    # hadolint's spec cases
    'FROM scratch\nHEALTHCHECK CMD /bin/bla\n',
    'FROM scratch AS base\nHEALTHCHECK CMD /bin/bla\nFROM base\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3057", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3057", text)


def test_builder_stages_need_no_healthcheck_where_hadolint_flags_every_stage():
    from rule_harness import findings
    text = "FROM golang:1.24 AS build\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=build /app /app\nCMD [\"/app\"]\n"
    found = findings("DL3057", text)
    assert [f.line for f in found] == [2]  # only the final stage
