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
