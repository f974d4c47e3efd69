"""The one registry: code → rule, assembled from literal per-family tables.

Each family table (`dockwise.rules.table_*`) is a literal tuple of rule classes. Codes are
never reused: a removed rule stays in REMOVED, a renamed code redirects through RENAMED.
"""

from __future__ import annotations

from functools import lru_cache

from ..rules import TABLES
from .rule import Rule

REMOVED: dict[str, str] = {      # code → why it was removed
    "DW508": "always-sent-file-excluded: listing the Dockerfile or .dockerignore in .dockerignore does keep "
             "them out of COPY/ADD (both builders still read them); it is good practice, not a mistake",
}
RENAMED: dict[str, str] = {      # old code → new code
    "DW420": "DL3065",  # RedundantTargetPlatform: the same check as hadolint's DL3065
}


@lru_cache(maxsize=1)
def all_rules() -> dict[str, Rule]:
    table: dict[str, Rule] = {}
    for family in TABLES:
        for cls in family:
            if cls.code in table:
                raise RuntimeError(f"rule code {cls.code} is registered twice")
            table[cls.code] = cls()
    return dict(sorted(table.items(), key=lambda kv: _code_key(kv[0])))


def _code_key(code: str):
    letters = code.rstrip("0123456789")
    digits = code[len(letters):]
    return (letters, int(digits) if digits else 0, code)


@lru_cache(maxsize=1)
def aliases() -> dict[str, list[str]]:
    """Every name a user may write for a rule, lower-cased → codes: codes, kebab names, BuildKit
    check names (one BuildKit check may span several codes, e.g. MultipleInstructionsDisallowed)."""
    out: dict[str, list[str]] = {}
    for code, rule in all_rules().items():
        out.setdefault(code.lower(), []).append(code)
        out.setdefault(rule.name.lower(), []).append(code)
        if rule.buildkit_name:
            out.setdefault(rule.buildkit_name.lower(), []).append(code)
    for old, new in RENAMED.items():
        out[old.lower()] = [new]
    return out


def resolve(selector: str) -> list[str]:
    """Codes meant by a selector: an exact code/name/BuildKit name, a code prefix, or ALL."""
    key = selector.strip()
    if not key:
        return []
    if key.upper() == "ALL":
        return list(all_rules())
    hit = aliases().get(key.lower())
    if hit:
        return list(hit)
    up = key.upper()
    return [code for code in all_rules() if code.startswith(up)]


def canonical(code: str) -> str:
    return RENAMED.get(code.upper(), code)


def is_known(selector: str) -> bool:
    return bool(resolve(selector)) or selector.strip().upper() in REMOVED
