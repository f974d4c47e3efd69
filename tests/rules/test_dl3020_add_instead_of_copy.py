import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DL3020"
CATCHES = [
    'FROM alpine\nADD a.txt /x/\n',
    'FROM alpine\nADD --chown=1 dir/ /x\n',
    'FROM alpine\nADD ["a b.txt", "/x/"]\n',
    # hadolint's spec cases
    'FROM debian:12\nADD file /usr/src/app/\n',
    'FROM debian:12\nADD file.zip /usr/src/app/\n',
    'FROM debian:12\nADD "file.zip" /usr/src/app/\n',
]
PASSES = [
    'FROM alpine\nADD rootfs.tar.gz /\n',
    'FROM alpine\nADD a.tgz b.txt /\n',
    'FROM alpine\nADD https://x/y.txt /y\n',
    'FROM alpine\nADD git@github.com:a/b.git /src\n',
    'FROM alpine\nADD ${FILE} /x\n',
    'FROM alpine\nADD --checksum=sha256:00 https://x /y\n',
    'FROM alpine\nADD <<EOF /x\nhi\nEOF\n',
    'FROM alpine\nCOPY a /b\n',
    # hadolint's spec cases
    'FROM debian:12\nADD file.tar /usr/src/app/\n',
    'FROM debian:12\nADD file.gz /usr/src/app/\n',
    'FROM debian:12\nADD file.bz2 /usr/src/app/\n',
    'FROM debian:12\nADD file.xz /usr/src/app/\n',
    'FROM debian:12\nADD file.tgz /usr/src/app/\n',
    'FROM debian:12\nADD http://file.com /usr/src/app/\n',
    'FROM debian:12\nADD "file.tgz" /usr/src/app/\n',
    'FROM debian:12\nADD "http://file.com" /usr/src/app/\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


@pytest.mark.parametrize("before,after", [("ADD a /b\n", "COPY a /b\n"), ("add a /b\n", "copy a /b\n"), ("Add a /b\n", "Copy a /b\n")])
def test_fix_keeps_case(before, after):
    assert fixed(CODE, "FROM alpine\n" + before) == "FROM alpine\n" + after
