import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM ruby\nRUN gem install rails\n',
    'FROM ruby\nRUN gem i rails --no-document\n',
    # hadolint's spec cases
    # hadolint's spec says pass; differs because `--use-system-libraries` is a build option that
    # belongs after `--`; written before it, `true` is an operand of `gem install`, a gem name
    'FROM ruby:3.3\nRUN gem install bundler:2.0.1 --use-system-libraries true\n',
    # hadolint's spec says pass; differs because `--use-system-libraries` is a build option that
    # belongs after `--`; written before it, `true` is an operand of `gem install`, a gem name
    'FROM ruby:3.3\nONBUILD RUN gem install bundler:2.0.1 --use-system-libraries true\n',
    'FROM ruby:3.3\nRUN gem i bundler\n',
    'FROM ruby:3.3\nONBUILD RUN gem i bundler\n',
    'FROM ruby:3.3\nRUN gem i bunlder:1 nokogiri\n',
    'FROM ruby:3.3\nONBUILD RUN gem i bunlder:1 nokogiri\n',
    'FROM ruby:3.3\nRUN gem install bundler\n',
    'FROM ruby:3.3\nONBUILD RUN gem install bundler\n',
]
PASSES = [
    'FROM ruby\nRUN gem install rails:7.1.3\n',
    'FROM ruby\nRUN gem install bundler -v 2.5.6\n',
    'FROM ruby\nRUN gem install bundler --version=2.5\n',
    'FROM ruby\nRUN gem install $GEMS\n',
    'FROM ruby\nRUN gem update --system\n',
    # hadolint's spec cases
    'FROM ruby:3.3\nRUN gem i bundler:1\n',
    'FROM ruby:3.3\nONBUILD RUN gem i bundler:1\n',
    'FROM ruby:3.3\nRUN gem i bunlder:1 nokogirii:1\n',
    'FROM ruby:3.3\nONBUILD RUN gem i bunlder:1 nokogirii:1\n',
    'FROM ruby:3.3\nRUN gem i bunlder:1 nokogiri:1\n',
    'FROM ruby:3.3\nONBUILD RUN gem i bunlder:1 nokogiri:1\n',
    'FROM ruby:3.3\nRUN gem install bundler:1\n',
    'FROM ruby:3.3\nONBUILD RUN gem install bundler:1\n',
    "FROM ruby:3.3\nRUN gem install bundler -v '2.0.1'\n",
    "FROM ruby:3.3\nONBUILD RUN gem install bundler -v '2.0.1'\n",
    "FROM ruby:3.3\nRUN gem install bundler --version '2.0.1'\n",
    "FROM ruby:3.3\nONBUILD RUN gem install bundler --version '2.0.1'\n",
    "FROM ruby:3.3\nRUN gem install bundler --version='2.0.1'\n",
    "FROM ruby:3.3\nONBUILD RUN gem install bundler --version='2.0.1'\n",
    'FROM ruby:3.3\nRUN gem install bundler:2.0.1 -- --use-system-libraries=true\n',
    'FROM ruby:3.3\nONBUILD RUN gem install bundler:2.0.1 -- --use-system-libraries=true\n',
    'FROM ruby:3.3\nRUN gem install bundler:2.0.1 -- --use-system-libraries true\n',
    'FROM ruby:3.3\nONBUILD RUN gem install bundler:2.0.1 -- --use-system-libraries true\n',
    'FROM ruby:3.3\nRUN gem install bundler:2.0.1 --use-system-libraries=true\n',
    'FROM ruby:3.3\nONBUILD RUN gem install bundler:2.0.1 --use-system-libraries=true\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3028', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3028', text)
