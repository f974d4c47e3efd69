"""Rules about the image's final stage judge the stage the configuration's `target` names
(`docker build --target runtime`), as the size rules do through analysis/shipping.py.

The shape: a `runtime` stage that is the image the repository pushes, and a `debug` stage
after it, built FROM it, that adds a shell and switches back to root for local debugging.
"""

import pytest

from dockwise.config import Config
from dockwise.engine.rule import RuleSettings
from rule_harness import findings

DEBUG_AFTER_RUNTIME = """\
FROM python:3.13-slim AS runtime
LABEL maintainer="platform@example.com"
RUN useradd --create-home app
HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"]
USER app
CMD ["python", "-m", "app"]

FROM runtime AS debug
USER root
RUN apt-get update && apt-get install -y --no-install-recommends strace && rm -rf /var/lib/apt/lists/*
"""


def _lines(code: str, target: str | None) -> list[int]:
    cfg = Config(select=[code], settings=RuleSettings(target=target))
    text = DEBUG_AFTER_RUNTIME
    return [text.count("\n", 0, d.start) + 1 for d in findings(code, text, config=cfg)]


def test_the_last_user_of_the_target_stage_counts():
    assert _lines("DL3002", None) == [9]          # the last stage, debug, ends as root
    assert _lines("DL3002", "runtime") == []      # the image the build makes ends as app
    assert _lines("DL3002", "RUNTIME") == []      # stage names are case-insensitive, as in BuildKit


@pytest.mark.parametrize("code", ["DL3057", "DL3063", "DW220"])
def test_settings_the_target_stage_has_count(code):
    # both stages inherit runtime's HEALTHCHECK and USER: nothing is missing either way
    assert _lines(code, None) == _lines(code, "runtime") == []


def test_a_target_without_what_the_last_stage_has_is_judged_on_its_own():
    text = "FROM python:3.13-slim AS runtime\nCMD [\"python\", \"-m\", \"app\"]\n\n" \
           "FROM runtime AS hardened\nUSER 10001\nHEALTHCHECK CMD [\"true\"]\n"
    for code in ("DL3063", "DL3057"):
        with_target = findings(code, text, config=Config(select=[code], settings=RuleSettings(target="runtime")))
        assert with_target and not findings(code, text), code


def test_an_unknown_target_falls_back_to_the_last_stage():
    assert _lines("DL3002", "no-such-stage") == [9]
