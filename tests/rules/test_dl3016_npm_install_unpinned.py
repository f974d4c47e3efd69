import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM node\nRUN npm install express\n',
    'FROM node\nRUN npm i -g @scope/pkg\n',
    'FROM node\nRUN npm install git+https://github.com/a/b\n',
]
PASSES = [
    'FROM node\nRUN npm install\n',
    'FROM node\nRUN npm ci\n',
    'FROM node\nRUN npm install express@4\n',
    'FROM node\nRUN npm install @scope/pkg@1.2\n',
    'FROM node\nRUN npm install ./local\n',
    'FROM node\nRUN npm install a.tgz\n',
    'FROM node\nRUN npm install git+https://github.com/a/b#v1\n',
    'FROM node\nRUN npm install $PKG\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3016', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3016', text)
