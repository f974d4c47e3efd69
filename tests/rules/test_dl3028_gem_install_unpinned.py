import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM ruby\nRUN gem install rails\n',
    'FROM ruby\nRUN gem i rails --no-document\n',
]
PASSES = [
    'FROM ruby\nRUN gem install rails:7.1.3\n',
    'FROM ruby\nRUN gem install bundler -v 2.5.6\n',
    'FROM ruby\nRUN gem install bundler --version=2.5\n',
    'FROM ruby\nRUN gem install $GEMS\n',
    'FROM ruby\nRUN gem update --system\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3028', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3028', text)
