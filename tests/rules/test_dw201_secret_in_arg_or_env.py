import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DW201"
CATCHES = [
    'FROM a\nARG NPM_TOKEN\n',
    'FROM a\nENV DB_PASSWORD=x\n',
    'FROM a\nENV aws_secret_access_key=x\n',
    'FROM a\nARG API-KEY\n',
    'FROM a\nENV X=AKIAIOSFODNN7EXAMPLE\n',
    'ARG GITHUB_AUTH\nFROM a\n',
]
PASSES = [
    'FROM a\nENV KEYBOARD=us\n',
    'FROM a\nENV TOKENIZER=bpe\n',
    'FROM a\nENV STRIPE_PUBLIC_KEY=pk\n',
    'FROM a\nENV GPG_KEY=ABCDEF\n',
    'FROM a\nENV MINIO_ACCESS_KEY_FILE=/run/secrets/k\n',
    'FROM a\nENV PATH=/x\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_values_shorter_than_any_secret_pattern_are_not_searched():
    """secret_value_kind skips values shorter than the shortest text a secret pattern matches:
    that length must stay the smallest minimum width of the patterns."""
    import re._parser

    from dockwise.rules.support import secret_names as dw201

    widths = [re._parser.parse(pattern.pattern).getwidth()[0] for _, pattern in dw201._SECRET_VALUES]
    assert min(widths) == dw201._SHORTEST_SECRET
    assert dw201.secret_value_kind("xoxb-1234567890") == "a Slack token"  # exactly the shortest
    assert dw201.secret_value_kind("xoxb-123456789") is None
