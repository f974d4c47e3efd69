"""Property tests: the parser and check() never raise, and every range lies inside the text."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockwise.config import Config
from dockwise.dockerfile import parse
from dockwise.engine.check import run
from dockwise.engine.fixer import fix_text

from shared_data import corpus_dockerfiles

ALL = Config(select=["ALL"], preview=True)
KEYWORDS = ["FROM", "RUN", "COPY", "ADD", "ENV", "ARG", "LABEL", "CMD", "ENTRYPOINT", "USER", "WORKDIR",
            "EXPOSE", "VOLUME", "HEALTHCHECK", "ONBUILD", "SHELL", "STOPSIGNAL", "MAINTAINER", "from", "run"]
PIECES = KEYWORDS + [" ", "\n", "\r\n", "\\\n", "\\", "`", "#", "# escape=`\n", "<<EOF", "<<-EOF", "EOF",
                     "\t", "'", '"', "[", "]", ",", "--mount=type=cache,target=/x", "--from=a", "=", "$",
                     "${A:-b}", "&&", "|", ";", "apt-get install", "pip install", "\ufeff", "é", "🐳", "\x00"]

dockerfile_text = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def assert_ranges_inside(text: str, config=ALL) -> None:
    result = run(text, "Dockerfile", config)
    for d in result.diagnostics:
        assert 0 <= d.start <= d.end <= len(text), d
        if d.fix is not None:
            for e in d.fix.edits:
                assert 0 <= e.start <= e.end <= len(text), (d.code, e)
    df = result.model
    for ins in df.instructions:
        assert 0 <= ins.start <= ins.end <= len(text)
        for w in ins.words:
            assert 0 <= w.start <= w.end <= len(text)
        for f in ins.flags:
            assert 0 <= f.start <= f.end <= len(text)
    assert not result.crashed, f"rules crashed: {result.crashed}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dockerfile_text)
def test_check_never_raises_on_token_soup(text):
    assert_ranges_inside(text)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_parse_never_raises_on_any_text(text):
    parse(text)
    assert_ranges_inside(text)


def _mutations(seed: int, count: int):
    rng = random.Random(seed)
    files = corpus_dockerfiles()
    for _ in range(count):
        text = rng.choice(files).read_bytes().decode("utf-8", errors="replace")
        for _ in range(rng.randint(1, 5)):
            i = rng.randrange(len(text) + 1)
            j = min(len(text), i + rng.randint(0, 40))
            text = text[:i] + rng.choice(PIECES) * rng.randint(0, 3) + text[j:]
        yield text


def test_check_and_fix_never_raise_on_mutated_corpus_files():
    for text in _mutations(seed=7, count=150):
        assert_ranges_inside(text)
        fix_text(text, "Dockerfile", ALL, unsafe=True)
