import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz\n',
    'FROM debian:12\nCOPY a.zip /tmp/\nRUN unzip /tmp/a.zip\n',
    'FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar xzf /tmp/a.tar.gz\n',
    'FROM debian:12\nCOPY a.tgz /tmp/\nRUN tar -xzf /tmp/a.tgz\nFROM debian:12\nRUN true\n',
    # hadolint's spec cases
    'FROM debian:12\nCOPY packaged-app.tar /usr/src/app\nRUN tar -xf /usr/src/app/packaged-app.tar\n',
    'FROM debian:12\nCOPY packaged-app.tar /usr/src/app\nWORKDIR /usr/src/app\nRUN foo bar && echo something && tar -xf packaged-app.tar\n',
    'FROM debian:12\nCOPY foo/bar/packaged-app.tar /foo.tar\nRUN tar -xf /foo.tar\n',
]
PASSES = [
    'FROM debian:12\nCOPY a.tar.gz /tmp/\n',
    'FROM debian:12\nCOPY --from=build /a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz\n',
    'FROM debian:12\nRUN tar -xzf /tmp/a.tar.gz\nCOPY a.tar.gz /tmp/\n',
    'FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -czf /tmp/a.tar.gz /x\n',
    'FROM debian:12\nCOPY a.tar.gz /tmp/\nFROM debian:12\nRUN tar -xzf /tmp/a.tar.gz\n',
    # hadolint's spec cases
    # hadolint's spec says catch; differs because dockwise does not analyse RUN in a Windows stage
    # (cmd/PowerShell, not a POSIX shell), so no extraction is seen
    '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY build\\foo\\bar.tar.gz "C:\\Program Files\\Foo"\nRUN tar -xf "C:\\Program Files\\Foo\\bar.tar.gz"\n',
    # hadolint's spec says catch; differs because dockwise does not analyse RUN in a Windows stage
    # (cmd/PowerShell, not a POSIX shell), so no extraction is seen
    '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY build\\foo\\bar.tar.gz "C:\\Program Files\\foo.tar.gz"\nRUN tar -xf foo.tar.gz\n',
    'FROM debian:12\nCOPY packaged-app.tar /usr/src/app\nFROM debian:11 as newstage\n',
    'FROM debian:12\nCOPY package.json /usr/src/app\n',
    'FROM debian:12\nCOPY --from=builder /usr/local/share/some.tar /opt/some.tar\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3010', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3010', text)


def test_earlier_stages_are_checked_too():
    # hadolint 2.15 forgets findings from every stage but the last one
    text = "FROM debian:12\nCOPY a.tgz /tmp/\nRUN tar -xzf /tmp/a.tgz\nFROM debian:12\nRUN true\n"
    assert_catches("DL3010", text, count=1)
