"""`severity` keys are selectors, as in `select`: a code, a name, a prefix, in any case; when
several apply to one finding the narrowest wins. Before, only exact codes took effect and the
others were accepted by the configuration check and silently ignored."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dockwise.config import Config
from dockwise.engine.check import check
from dockwise.engine.diagnostic import Severity

APT = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n"


def severities(overrides: dict[str, Severity]) -> dict[str, str]:
    return {d.code: d.severity.name for d in check(APT, "Dockerfile", Config(severity=overrides))
            if d.code in ("DL3009", "DL3015")}


def test_without_overrides_both_are_info():
    assert severities({}) == {"DL3009": "INFO", "DL3015": "INFO"}


@pytest.mark.parametrize("key", ["DL3015", "dl3015", "apt-get-install-recommends", "DL301"])
def test_a_code_name_or_prefix_sets_the_severity(key):
    assert severities({key: Severity.ERROR}) == {"DL3009": "INFO", "DL3015": "ERROR"}


@pytest.mark.parametrize("overrides", [
    {"DL": Severity.STYLE, "DL3015": Severity.ERROR},
    {"DL3015": Severity.ERROR, "DL": Severity.STYLE},
    {"ALL": Severity.STYLE, "DL30": Severity.WARNING, "apt-get-install-recommends": Severity.ERROR},
])
def test_the_narrowest_selector_wins_whatever_the_order(overrides):
    assert severities(overrides)["DL3015"] == "ERROR"
    assert severities(overrides)["DL3009"] in ("STYLE", "WARNING")
    assert severities(overrides)["DL3009"] == ("WARNING" if "DL30" in overrides else "STYLE")


def test_a_prefix_in_the_config_file_fails_the_run(tmp_path):
    (tmp_path / "Dockerfile").write_text(APT)
    (tmp_path / ".dockwise.toml").write_text('severity = { "apt-get-install-recommends" = "error" }\n')
    done = subprocess.run([sys.executable, "-m", "dockwise", "check", "--format", "json", "Dockerfile"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    found = {d["code"]: d["severity"] for d in json.loads(done.stdout)}
    assert found["DL3015"] == "error" and found["DL3009"] == "info"
    assert done.returncode == 1  # an error fails the run (failure-threshold "warning")
