import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nRUN curl a && wget b\n',
    'FROM x\nRUN curl a\nRUN wget b\n',
    # hadolint's spec cases
    'FROM node as foo\nRUN wget my.xyz\nRUN curl localhost\n',
    'FROM node as foo\nRUN wget my.xyz && curl localhost\n',
    'FROM node as foo\nRUN wget my.xyz\nRUN curl localhost\nFROM scratch\nRUN curl localhost\n',
]
PASSES = [
    'FROM x\nRUN curl a\nFROM y\nRUN wget b\n',
    'FROM x\nRUN curl a && curl b\n',
    # hadolint's spec cases
    'FROM node as foo\nRUN wget my.xyz\n',
    'FROM node as foo\nRUN wget my.xyz\nFROM scratch\nRUN curl localhost\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL4001", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL4001", text)


# hadolint's spec cases that count the findings: one per RUN using the other tool
SPEC_COUNTS = [
    ('FROM node as foo\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\n', 1),
    ('FROM node as foo\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\nRUN wget foo.com\n', 2),
]


@pytest.mark.parametrize("text,count", SPEC_COUNTS)
def test_spec_counts(text, count):
    assert_catches("DL4001", text, count=count)
