import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DW300"
CATCHES = [
    'FROM node\nCOPY . .\nRUN npm ci\n',
    'FROM python\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n',
    'FROM python\nADD . /app\nRUN pip install .\n',
    'FROM golang\nCOPY ./ /src\nRUN go mod download\n',
]
PASSES = [
    'FROM node\nCOPY package*.json .\nRUN npm ci\nCOPY . .\n',
    'FROM node\nCOPY . .\nRUN npm install express\n',
    'FROM node AS b\nCOPY . .\nFROM node\nRUN npm ci\n',
    'FROM node\nCOPY --from=b . .\nRUN npm ci\n',
    'FROM python\nCOPY . .\nRUN pip install flask\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)
