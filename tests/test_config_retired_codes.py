"""Codes that no longer name a rule of their own, in configurations and pragmas: a removed code
warns (never an error) and selects nothing; a redirected code applies to its new code; a
deprecated rule runs only when named. The engine takes its rules from the catalog it is given."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dockwise.config import find_config, load_file
from dockwise.engine.check import run
from dockwise.engine.diagnostic import Severity
from dockwise.engine.rule import Status
from dockwise.engine.settings import Config
from dockwise.rules import registry

# A multi-platform build that names the platform it is already built for (DL3065, once DW420).
CROSS_BUILD = """\
FROM --platform=$TARGETPLATFORM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
"""


def codes(text: str, config: Config, **kw) -> list[str]:
    return [d.code for d in run(text, "Dockerfile", config, **kw).diagnostics]


def test_a_removed_code_in_a_config_is_a_warning_and_selects_nothing(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.dockwise]\nignore = ["DL3006", "DW508"]\n'
                                             '[tool.dockwise.per-file-ignores]\n"docker/*" = ["dw508"]\n')
    cfg = find_config(tmp_path)
    assert cfg.ignore == ["DL3006", "DW508"]
    assert len(cfg.warnings) == 2
    assert cfg.warnings[0].endswith("pyproject.toml: ignore: DW508 was removed in 0.1.0 and does nothing: "
                                    + registry.REMOVED["DW508"])
    assert "per-file-ignores.docker/*: DW508 was removed" in cfg.warnings[1]


def test_the_cli_prints_the_warning_and_still_lints(tmp_path):
    (tmp_path / ".dockwise.toml").write_text('select = ["DL3007", "DW508"]\n')
    (tmp_path / "Dockerfile").write_text("FROM node:latest\nCMD [\"node\", \"server.js\"]\n")
    out = subprocess.run([sys.executable, "-m", "dockwise", "check", str(tmp_path / "Dockerfile")],
                         capture_output=True, text=True)
    assert out.returncode == 1, out.stderr
    assert "DL3007" in out.stdout and "DW508" not in out.stdout.replace("warning:", "").split("select:")[0]
    assert "select: DW508 was removed in 0.1.0 and does nothing" in out.stdout + out.stderr
    assert "Traceback" not in out.stderr


def test_a_redirected_code_applies_to_its_new_code(tmp_path):
    (tmp_path / ".dockwise.toml").write_text('select = ["DW420"]\n[severity]\nDW420 = "error"\n')
    cfg = load_file(str(tmp_path / ".dockwise.toml"))
    found = run(CROSS_BUILD, "Dockerfile", cfg).diagnostics
    assert [(d.code, d.severity) for d in found] == [("DL3065", Severity.ERROR)]
    assert any("DW420 is now DL3065" in w for w in cfg.warnings)
    ignoring = Config(ignore=["DW420"])
    assert "DL3065" in codes(CROSS_BUILD, Config()) and "DL3065" not in codes(CROSS_BUILD, ignoring)


def test_old_pragmas_still_resolve():
    # a pragma naming the old code silences the new one, and is used
    redirected = "# hadolint ignore=DW420\n" + CROSS_BUILD
    assert codes(redirected, Config()) == [c for c in codes(CROSS_BUILD, Config()) if c != "DL3065"]
    # a pragma naming a removed rule is known (not DW491) but suppresses nothing any more (DW490)
    removed = CROSS_BUILD.replace("COPY . .", "# dockwise: ignore=DW508\nCOPY . .")
    found = run(removed, "Dockerfile", Config()).diagnostics
    assert "DW491" not in [d.code for d in found]
    unused = [d for d in found if d.code == "DW490"]
    assert len(unused) == 1 and unused[0].line == 2  # 0-based: the pragma on the third line
    assert unused[0].message.startswith("Unused suppression of DW508: that rule was removed (always-sent-file")
    # DW490 off: nothing said about it
    assert "DW490" not in codes(removed, Config(ignore=["DW490"]))


class DeprecatingCatalog:
    """The registry's rules, with one rule deprecated: what the engine is handed is all it uses."""

    def __init__(self, code: str):
        base = type(registry.all_rules()[code])
        deprecated = type(base.__name__, (base,), {"status": Status.DEPRECATED, "default_enabled": False})
        self._rules = dict(registry.all_rules()) | {code: deprecated()}

    def rules(self):
        return self._rules

    resolve = staticmethod(registry.resolve)
    removed = staticmethod(registry.removed)

    def extra_findings(self, df, config):
        return []


APT = "FROM debian:bookworm\nRUN apt-get update && apt-get install curl && rm -rf /var/lib/apt/lists/*\n"


def test_a_deprecated_rule_runs_only_when_named_exactly():
    catalog = DeprecatingCatalog("DL3014")
    assert "DL3014" in codes(APT, Config())                      # the package's own registry
    assert "DL3014" not in codes(APT, Config(), catalog=catalog)  # not in the default set
    assert "DL3014" not in codes(APT, Config(select=["DL30"]), catalog=catalog)
    assert "DL3014" not in codes(APT, Config(select=["ALL"], preview=True), catalog=catalog)
    assert "DL3014" in codes(APT, Config(select=["DL3014"]), catalog=catalog)
    assert "DL3014" in codes(APT, Config(extend_select=["DL3014"]), catalog=catalog)


def test_a_deprecated_rule_in_a_config_warns(tmp_path, monkeypatch):
    entry = registry.ENTRIES["DL3014"]
    monkeypatch.setitem(registry.ENTRIES, "DL3014", type(entry)("DL3014", Status.DEPRECATED, entry.since,
                                                                   False, entry.where))
    (tmp_path / ".dockwise.toml").write_text('extend-select = ["DL3014"]\n')
    cfg = load_file(str(tmp_path / ".dockwise.toml"))
    assert cfg.extend_select == ["DL3014"]
    assert cfg.warnings == (f"{tmp_path / '.dockwise.toml'}: extend-select: DL3014 is deprecated and will be "
                            "removed: see `dockwise rule DL3014`",)


def test_an_unknown_code_is_still_an_error(tmp_path):
    from dockwise.config import ConfigError
    (tmp_path / ".dockwise.toml").write_text('ignore = ["DW509"]\n')
    with pytest.raises(ConfigError, match="unknown rule or prefix 'DW509'"):
        load_file(str(tmp_path / ".dockwise.toml"))


def test_a_retired_code_on_the_command_line_is_said_once(tmp_path):
    for sub in ("api", "worker"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "Dockerfile").write_text(CROSS_BUILD)
    out = subprocess.run([sys.executable, "-m", "dockwise", "check", "--ignore", "DW508,DW420", str(tmp_path)],
                         capture_output=True, text=True)
    assert "DL3065" not in out.stdout and "Traceback" not in out.stderr
    assert out.stderr.count("--ignore: DW508 was removed in 0.1.0 and does nothing") == 1, out.stderr
    assert out.stderr.count("--ignore: DW420 is now DL3065") == 1, out.stderr
