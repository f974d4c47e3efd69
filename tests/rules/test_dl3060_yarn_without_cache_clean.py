import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM x\nRUN yarn install\n',
    'FROM x AS a\nRUN yarn install\nFROM a\n',
    'FROM x\nRUN <<EOF\nyarn install\nEOF\n',
]
PASSES = [
    'FROM x\nRUN yarn install && yarn cache clean\n',
    'FROM x AS build\nRUN yarn install\nFROM y\nCOPY --from=build /a /a\n',
    'FROM x\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n',
    'FROM x\nRUN yarn build\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3060", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3060", text)


def test_fix():
    assert fixed("DL3060", 'FROM x\nRUN yarn install\n') == 'FROM x\nRUN yarn install && yarn cache clean\n'
