import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nENV A=1 B=$A\n',
    'FROM x\nENV A=1 B=${A}/x\n',
    'FROM x\nENV B=$A A=1\n',
    # hadolint's spec cases
    'FROM debian:12\nENV BLA="blubb" BLUBB="$BLA/$BLAFOO/blubb"\n',
    'FROM debian:12\nENV PATH=/bla:${PATH} PATH=/blubb:${PATH}\n',
    'FROM debian:12\nENV BLA="blubb" BLUBB="${BLA}/blubb"\n',
    'FROM debian:12\nENV BLA="blubb" BLUBB="$BLA/blubb"\n',
    'FROM debian:12\nENV BLA="blubb" BLUBB="$BLA"\n',
    'FROM debian:12\nENV BLA="blubb" BLUBB="${BLA}"\n',
]
PASSES = [
    'FROM x\nENV A=1\nENV B=$A\n',
    'FROM x\nENV A=1 B=$AB\n',
    'FROM x\nARG A\nENV A=${A} B=$A\n',
    'FROM x\nENV PATH=/x:$PATH\n',
    # hadolint's spec cases
    'FROM debian:12\nENV BLA="blubb"\nENV BLUBB="${BLA}/blubb"\n',
    'FROM debian:12\nENV BLA="blubb" BLUBB="${FOOBLA}/blubb"\n',
    'FROM debian:12\nENV BLA="blubb" BLUBB="${BLAFOO}/blubb"\n',
    'FROM debian:12\nENV BLA="blubb" BLUBB="$FOOBLA/blubb"\n',
    'FROM debian:12\nENV BLA="blubb" BLUBB="$BLAFOO/blubb"\n',
    'FROM debian:12\nENV BLA="blubb" BLUBB="BLA/$BLAFOO/BLA"\n',
    'FROM debian:12\nARG BLA\nENV BLA=${BLA}\n',
    'FROM debian:12\nENV BLA blubb\nENV BLA=${BLA}\n',
    'FROM debian:12\nENV PATH=/bla:${PATH}\n',
    'FROM debian:12\nENV PATH=/bla:${PATH}\nENV PATH=/blubb:${PATH}\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3044", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3044", text)
