"""Editor settings naming retired codes (VS Code's `dockwise.ignore` etc.): a removed code is
reported as a problem but the rest still applies; a redirected code applies to its new code."""

from dockwise.config import Config
from dockwise.engine.check import check
from dockwise.engine.diagnostic import Severity
from dockwise.lsp.settings import parse_settings

CROSS_BUILD = "FROM --platform=$TARGETPLATFORM golang:1.22 AS build\nRUN go build -o /out/app .\n"


def test_a_removed_code_in_editor_settings_is_reported_and_the_rest_applies():
    settings, problems = parse_settings({"ignore": ["DL3006", "DW508"]})
    assert settings.ignore == ("DL3006", "DW508")
    assert problems == ["dockwise.ignore: DW508 was removed in 0.1.0 and does nothing: "
                        "always-sent-file-excluded: listing the Dockerfile or .dockerignore in .dockerignore does "
                        "keep them out of COPY/ADD (both builders still read them); it is good practice, not a mistake"]


def test_a_redirected_code_in_editor_settings_applies_to_its_new_code():
    settings, problems = parse_settings({"extendSelect": ["DW420"], "severityOverrides": {"DW420": "error"}})
    assert problems == ["dockwise.extendSelect: DW420 is now DL3065: it applies to DL3065; write DL3065 instead",
                        "dockwise.severityOverrides: DW420 is now DL3065: it applies to DL3065; write DL3065 instead"]
    found = [d for d in check(CROSS_BUILD, "Dockerfile", settings.apply(Config())) if d.code == "DL3065"]
    assert [d.severity for d in found] == [Severity.ERROR]
