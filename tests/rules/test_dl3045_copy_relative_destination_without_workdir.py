import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nCOPY a b\n',
    'FROM x\nCOPY a .\n',
    'FROM x\nCOPY ["a", "b"]\n',
    # hadolint's spec cases
    'FROM debian:12\nCOPY bla.sh blubb.sh\n',
    'FROM debian:12\nCOPY bla.sh "blubb.sh"\n',
    'FROM debian:buster as stage1\nWORKDIR /usr\nFROM debian:buster\nCOPY foo bar\n',
    'FROM microsoft/windowsservercore as stage1\nWORKDIR c:\\system32\nFROM microsoft/windowsservercore\nCOPY foo bar\n',
    'FROM debian:12\nCOPY a b\n',
]
PASSES = [
    'FROM x\nCOPY a /b\n',
    'FROM x\nWORKDIR /w\nCOPY a b\n',
    'FROM x\nCOPY a $DEST\n',
    'FROM x AS a\nWORKDIR /w\nFROM a\nCOPY a b\n',
    'FROM x\nCOPY a C:\\\\app\n',
    # hadolint's spec cases
    'FROM debian:12\nCOPY bla.sh "/usr/local/bin/blubb.s"\n',
    'FROM debian:12\nCOPY bla.sh "/usr/local/bin/blubb.sh"\n',
    '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY bla.sh c:\\system32\\blubb.sh\n',
    '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY bla.sh d:\\mypath\\blubb.sh\n',
    'FROM debian:12\nCOPY bla.sh "c:\\system32\\blubb.sh"\n',
    'FROM debian:12\nCOPY bla.sh "d:\\mypath\\blubb.sh"\n',
    'FROM debian:12\nCOPY bla.sh c:/system32/blubb.sh\n',
    'FROM debian:12\nCOPY bla.sh d:/mypath/blubb.sh\n',
    'FROM debian:buster\nONBUILD WORKDIR /usr/local/lib\nONBUILD COPY foo bar\n',
    'FROM debian:12\nCOPY bla.sh /usr/local/bin/blubb.sh\n',
    'FROM scratch\nWORKDIR /usr\nCOPY bla.sh blubb.sh\n',
    'FROM scratch\nWORKDIR c:\\system32\nCOPY bla.sh blubb.sh\n',
    'FROM debian:12\nCOPY src.sh ${SRC_BASE_ENV}\n',
    'FROM debian:12\nCOPY src.sh $SRC_BASE_ENV\n',
    'FROM debian:12\nCOPY src.sh "${SRC_BASE_ENV}"\n',
    'FROM debian:12\nCOPY src.sh "$SRC_BASE_ENV"\n',
    'FROM debian:buster as base\nWORKDIR /usr\nFROM debian:buster as stage-inbetween\nRUN foo\nFROM base\nCOPY foo bar\n',
    'FROM microsoft/windowsservercore as base\nWORKDIR c:\\system32\nFROM microsoft/windowsservercore as stage-inbetween\nRUN foo\nFROM base\nCOPY foo bar\n',
    'FROM debian:buster as base1\nWORKDIR /usr\nFROM base1 as base2\nRUN foo\nFROM base2\nCOPY foo bar\n',
    'FROM microsoft/windowsservercore as base1\nWORKDIR c:\\system32\nFROM base1 as base2\nRUN foo\nFROM base2\nCOPY foo bar\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3045", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3045", text)
