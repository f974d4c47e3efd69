"""Configuration: `[tool.dockwise]` in pyproject.toml or `.dockwise.toml`, nearest to each file.

When neither exists but `.hadolint.yaml` does, its `ignored`, `override`, `trustedRegistries`,
`failure-threshold` and `label-schema` are honoured so hadolint users keep their settings.
Configuration is data only: TOML/YAML are parsed with safe loaders and nothing is executed.
"""

from __future__ import annotations

import os
from pathlib import Path

from .engine.diagnostic import FIX_KINDS, Severity
from .engine.rule import MERGE_STYLES, RuleSettings
from .engine.settings import Config  # the settings type lives below the engine; this module reads the files


class ConfigError(Exception):
    """A bad configuration: names the file and the key."""

    def __init__(self, path: str, key: str, problem: str) -> None:
        super().__init__(f"{path}: {key}: {problem}" if key else f"{path}: {problem}")
        self.path, self.key, self.problem = path, key, problem


KEYS = {"select", "extend-select", "ignore", "per-file-ignores", "severity", "failure-threshold",
        "trusted-registries", "preview", "label-schema", "strict-labels", "eol-warning-days",
        "context", "shellcheck", "allowed-users", "target", "prefer-fixes", "merge-style"}


def _str_list(path: str, key: str, value) -> list[str]:
    if isinstance(value, str):  # `ignore = "DL3007"`: most likely meant as a list, say so
        raise ConfigError(path, key, f"expected a list of strings, got the string {value!r} (write [\"{value}\"])")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, key, "expected a list of strings")
    return list(value)


def rule_selectors() -> list[str]:
    """Every code and name a rule can be selected by (for "did you mean")."""
    from .rules.registry import all_rules
    out = []
    for code, rule in all_rules().items():
        out += [code, rule.name] + ([rule.buildkit_name] if rule.buildkit_name else [])
    return out


def unknown_selector(value: str) -> str:
    return f"unknown rule or prefix {value!r}{did_you_mean(value, rule_selectors())}"


def _check_selectors(path: str, key: str, values: list[str]) -> list[str]:
    from .rules.registry import is_known
    for v in values:
        if not is_known(v):
            raise ConfigError(path, key, unknown_selector(v))
    return values


def fix_kinds(path: str, key: str, values: list[str]) -> tuple[str, ...]:
    """Alternative fix styles to prefer, each one of FIX_KINDS."""
    for v in values:
        if v not in FIX_KINDS:
            raise ConfigError(path, key, f"unknown fix kind {v!r}{did_you_mean(v, list(FIX_KINDS))}"
                                         f" (known: {', '.join(FIX_KINDS)})")
    return tuple(values)


def _severity(path: str, key: str, value) -> Severity:
    if not isinstance(value, str):
        raise ConfigError(path, key, f"expected one of \"error\", \"warning\", \"info\", \"style\", got {value!r}")
    try:
        return Severity.parse(value)
    except ValueError as e:
        raise ConfigError(path, key, f"{e}{did_you_mean(value, ['error', 'warning', 'info', 'style'])}") from None


def merge_style(path: str, key: str, value) -> str:
    """How merged RUNs are written: "and" (`a && \\` chains) or "heredoc" (`RUN <<EOF`)."""
    if value not in MERGE_STYLES:
        hint = did_you_mean(value, MERGE_STYLES) if isinstance(value, str) else ""
        raise ConfigError(path, key, f"expected \"and\" or \"heredoc\", got {value!r}{hint}")
    return value


def from_mapping(data: dict, path: str) -> Config:
    if not isinstance(data, dict):
        raise ConfigError(path, "tool.dockwise", "expected a table")
    cfg = Config(source=path, root=str(Path(path).parent))
    unknown = set(data) - KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(path, key, f"unknown key{did_you_mean(key, KEYS)} (known: {', '.join(sorted(KEYS))})")
    if "select" in data:
        cfg.select = _check_selectors(path, "select", _str_list(path, "select", data["select"]))
    if "extend-select" in data:
        cfg.extend_select = _check_selectors(path, "extend-select", _str_list(path, "extend-select", data["extend-select"]))
    if "ignore" in data:
        cfg.ignore = _check_selectors(path, "ignore", _str_list(path, "ignore", data["ignore"]))
    if "per-file-ignores" in data:
        pfi = data["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise ConfigError(path, "per-file-ignores", "expected a table of glob = [codes]")
        cfg.per_file_ignores = {g: _check_selectors(path, f"per-file-ignores.{g}", _str_list(path, f"per-file-ignores.{g}", v)) for g, v in pfi.items()}
    if "severity" in data:
        sev = data["severity"]
        if not isinstance(sev, dict):
            raise ConfigError(path, "severity", "expected a table of CODE = \"error\"|\"warning\"|\"info\"|\"style\"")
        for code, name in sev.items():
            _check_selectors(path, f"severity.{code}", [code])
            from .rules.registry import canonical
            cfg.severity[canonical(code)] = _severity(path, f"severity.{code}", name)  # a redirect: its new code
    if "failure-threshold" in data:
        cfg.failure_threshold = _severity(path, "failure-threshold", data["failure-threshold"])
    if "prefer-fixes" in data:
        cfg.prefer_fixes = fix_kinds(path, "prefer-fixes", _str_list(path, "prefer-fixes", data["prefer-fixes"]))
    for key, attr in (("preview", "preview"), ("shellcheck", "shellcheck")):
        if key in data:
            if not isinstance(data[key], bool):
                raise ConfigError(path, key, "expected true or false")
            setattr(cfg, attr, data[key])
    settings = RuleSettings()
    if "trusted-registries" in data:
        settings.trusted_registries = tuple(_str_list(path, "trusted-registries", data["trusted-registries"]))
    if "allowed-users" in data:
        settings.allowed_users = tuple(_str_list(path, "allowed-users", data["allowed-users"]))
    if "label-schema" in data:
        ls = data["label-schema"]
        if not isinstance(ls, dict) or not all(isinstance(v, str) for v in ls.values()):
            raise ConfigError(path, "label-schema", "expected a table of label = type (text, url, semver, hash, rfc3339, spdx, email)")
        settings.label_schema = dict(ls)
    if "strict-labels" in data:
        if not isinstance(data["strict-labels"], bool):
            raise ConfigError(path, "strict-labels", "expected true or false")
        settings.strict_labels = data["strict-labels"]
    if "eol-warning-days" in data:
        v = data["eol-warning-days"]
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise ConfigError(path, "eol-warning-days", "expected a whole number of days >= 0")
        settings.eol_warning_days = v
    if "target" in data:
        if not isinstance(data["target"], str) or not data["target"].strip():
            raise ConfigError(path, "target", "expected the name of the stage `docker build --target` builds")
        settings.target = data["target"].strip().lower()
    if "merge-style" in data:
        settings.merge_style = merge_style(path, "merge-style", data["merge-style"])
    cfg.settings = settings
    if "context" in data:
        ctx = data["context"]
        if not isinstance(ctx, dict) or not all(isinstance(v, str) for v in ctx.values()):
            raise ConfigError(path, "context", "expected a table of Dockerfile glob = context directory")
        cfg.context = dict(ctx)
    cfg.warnings = tuple(_selector_warnings(path, cfg))
    return cfg


def _selector_warnings(path: str, cfg: Config) -> list[str]:
    """Removed, redirected and deprecated codes work (or do nothing) with a warning, never an error."""
    from .rules.registry import selector_warnings
    named = [("select", cfg.select or []), ("extend-select", cfg.extend_select), ("ignore", cfg.ignore)]
    named += [(f"per-file-ignores.{glob}", codes) for glob, codes in cfg.per_file_ignores.items()]
    named += [(f"severity.{code}", [code]) for code in cfg.severity]
    return [f"{path}: {key}: {w}" for key, values in named for w in selector_warnings(values)]


def _read_text(path: Path) -> str:
    """A configuration file's text: a regular file (never a FIFO), at most 1 MB, UTF-8."""
    from .files import read_regular
    try:
        return read_regular(str(path), 1024 * 1024).decode("utf-8")
    except UnicodeDecodeError as e:
        raise ConfigError(str(path), "", f"not valid UTF-8 (byte {e.start})") from None
    except OSError as e:
        raise ConfigError(str(path), "", f"cannot read: {e.strerror or e}") from None


def _read_toml(path: Path) -> dict:
    try:  # imported here: most checked folders have no configuration file
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    text = _read_text(path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(str(path), "", f"invalid TOML: {e}") from None
    except RecursionError:
        raise ConfigError(str(path), "", "invalid TOML: nested too deeply") from None


def _tool_table(path: Path, data: dict, whole_if_absent: bool) -> dict:
    """`[tool.dockwise]` of a TOML file (`data` itself for a .dockwise.toml without one)."""
    if "tool" not in data:
        return data if whole_if_absent else {}
    tool = data["tool"]
    if not isinstance(tool, dict):
        raise ConfigError(str(path), "tool", "expected a table ([tool.dockwise])")
    section = tool.get("dockwise", data if whole_if_absent else {})
    if not isinstance(section, dict):
        raise ConfigError(str(path), "tool.dockwise", "expected a table")
    return section


def _from_hadolint(path: Path) -> Config:
    import yaml
    text = _read_text(path)
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise ConfigError(str(path), "", f"invalid YAML: {e}") from None
    except RecursionError:
        raise ConfigError(str(path), "", "invalid YAML: nested too deeply") from None
    if not isinstance(data, dict):
        raise ConfigError(str(path), "", "expected a mapping")
    warnings = _hadolint_key_warnings(str(path), data)
    mapped: dict = {}
    if "ignored" in data:
        mapped["ignore"] = [c for c in _str_list(str(path), "ignored", data["ignored"])]
    override = data.get("override") or {}
    if not isinstance(override, dict):
        raise ConfigError(str(path), "override", "expected a mapping of severity → [codes]")
    sev = {}
    for level, codes in override.items():
        for code in _str_list(str(path), f"override.{level}", codes or []):
            sev[code] = level
    if sev:
        mapped["severity"] = sev
    if "trustedRegistries" in data:
        mapped["trusted-registries"] = data["trustedRegistries"]
    if "failure-threshold" in data and str(data["failure-threshold"]) != "none":
        mapped["failure-threshold"] = data["failure-threshold"]
    if "label-schema" in data:
        mapped["label-schema"] = data["label-schema"]
    if "strict-labels" in data:
        mapped["strict-labels"] = data["strict-labels"]
    # hadolint codes we do not implement (e.g. ShellCheck's SC codes) are not an error here
    from .rules.registry import is_known
    for key in ("ignore",):
        if key in mapped:
            mapped[key] = [c for c in mapped[key] if is_known(c)]
    if "severity" in mapped:
        mapped["severity"] = {c: s for c, s in mapped["severity"].items() if is_known(c)}
    cfg = from_mapping(mapped, str(path))
    cfg.warnings = tuple(warnings) + cfg.warnings
    return cfg


HADOLINT_KEYS = {"ignored", "override", "trustedRegistries", "failure-threshold", "label-schema", "strict-labels"}
# hadolint's own keys that mean nothing to dockwise, and what to use instead
HADOLINT_UNUSED = {"format": "use --format", "no-color": "set NO_COLOR", "no-fail": "use --exit-zero",
                   "disable-ignore-pragma": "dockwise always honours `# hadolint ignore=`",
                   "verbose": "dockwise has no verbose mode"}


def _hadolint_key_warnings(path: str, data: dict) -> list[str]:
    """A key hadolint does not know is most likely a typo: it is ignored, with a warning."""
    out = []
    for key in data:
        if key in HADOLINT_KEYS:
            continue
        if key in HADOLINT_UNUSED:
            out.append(f"{path}: {key}: not used by dockwise ({HADOLINT_UNUSED[key]})")
        else:
            hint = did_you_mean(str(key), sorted(HADOLINT_KEYS | set(HADOLINT_UNUSED)))
            out.append(f"{path}: {key}: unknown key, ignored{hint}")
    return out


_cache: dict[str, Config] = {}


def find_config(start: str | os.PathLike) -> Config:
    """The configuration nearest to a file (or directory), walking up; defaults when none."""
    p = Path(start).resolve()
    directory = p if p.is_dir() else p.parent
    visited: list[str] = []
    found = None
    for d in (directory, *directory.parents):
        key = str(d)
        if key in _cache:
            found = _cache[key]
            break
        visited.append(key)
        found = _config_in(d)
        if found is not None:
            break
    result = found if found is not None else Config()
    for key in visited:  # every folder on the way resolves the same: look each up once
        _cache[key] = result
    return result


def _config_in(d: Path) -> Config | None:
    dot = d / ".dockwise.toml"
    if dot.is_file():
        data = _read_toml(dot)
        return from_mapping(_tool_table(dot, data, True), str(dot))
    py = d / "pyproject.toml"
    if py.is_file():
        data = _read_toml(py)
        tool = data.get("tool", {})
        if isinstance(tool, dict) and "dockwise" in tool:
            return from_mapping(_tool_table(py, data, False), str(py))
    for name in (".hadolint.yaml", ".hadolint.yml"):
        h = d / name
        if h.is_file():
            return _from_hadolint(h)
    return None


def load_file(path: str) -> Config:
    """An explicit `--config FILE`."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(path, "", "no such file")
    if p.suffix in (".yaml", ".yml"):
        return _from_hadolint(p)
    data = _read_toml(p)
    return from_mapping(_tool_table(p, data, p.name != "pyproject.toml"), str(p))


def did_you_mean(value: str, known) -> str:
    """`; did you mean 'x'?` for a near miss (a typo: the fewest edits, at most a third of the
    word), else ''."""
    by_lower = {str(k).lower(): k for k in known}
    word = str(value).lower()
    limit = max(1, len(word) // 3)
    scored = [(d, k) for k in by_lower if (d := _edits(word, k, limit)) <= limit]
    if not scored:
        return ""
    least = min(d for d, _ in scored)
    best = sorted(k for d, k in scored if d == least)[:3]
    return "; did you mean " + " or ".join(repr(by_lower[k]) for k in best) + "?"


def _edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance (a swap of neighbours counts as one), or limit + 1 when larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]
