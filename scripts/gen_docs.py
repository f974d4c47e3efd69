#!/usr/bin/env python3
"""Generate rule documentation from the rules themselves.

Writes docs/rules/<CODE>.md (each rule's docstring) and the rule table in README.md between
the `<!-- rules:start -->` and `<!-- rules:end -->` markers. `--check` fails when they are stale.

    python scripts/gen_docs.py [--check]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

from dockwise.rules.registry import CODES, Redirect, Removed, all_rules  # noqa: E402

START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def rule_page(code: str, rule) -> str:
    extra = f" · BuildKit check `{rule.buildkit_name}`" if rule.buildkit_name else ""
    default = "on" if rule.default_enabled and not rule.preview else ("preview" if rule.preview else "off")
    return (f"# {code} `{rule.name}`\n\n"
            f"Category: {rule.category.value} · Severity: {rule.severity.label} · Fix: {rule.fix_availability.value}"
            f" · Default: {default} · Status: {rule.status.value} · Since: {rule.since}{extra}\n\n{rule.docs()}\n")


def retired_page(entry: Removed | Redirect) -> str:
    """A page for a code that no longer names a rule of its own, so old links still answer."""
    if isinstance(entry, Redirect):
        return (f"# {entry.code} → {entry.target}\n\nStatus: redirected · Since: {entry.since}\n\n"
                f"{entry.code} is now [{entry.target}]({entry.target}.md): pragmas and configuration entries "
                f"naming {entry.code} apply to {entry.target}.\n")
    return (f"# {entry.code} (removed)\n\nStatus: removed in {entry.removed_in} · Since: {entry.since}\n\n"
            f"Why it was removed: {entry.reason}.\n\nThe code is never reused: pragmas naming it are reported "
            f"as unused, and configurations naming it get a warning.\n")


def retired_lines() -> str:
    lines = []
    for e in CODES:
        if isinstance(e, Redirect):
            lines.append(f"- [{e.code}](docs/rules/{e.code}.md): redirects to {e.target} (since {e.since})")
        elif isinstance(e, Removed):
            lines.append(f"- [{e.code}](docs/rules/{e.code}.md): removed in {e.removed_in}")
    return "Retired codes (kept so that old pragmas and configurations still resolve):\n\n" + "\n".join(lines) + "\n"


def judged_precision() -> dict[str, str]:
    """Per rule, `right/judged` from tests/precision/verdicts.tsv (findings judged by reading
    them over ../shared's real repositories; `fixed` verdicts are findings no longer made)."""
    path = ROOT / "tests" / "precision" / "verdicts.tsv"
    counts: dict[str, list[int]] = {}
    if path.exists():
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row["verdict"] != "fixed":
                    right_judged = counts.setdefault(row["code"], [0, 0])
                    right_judged[0] += row["verdict"] == "right"
                    right_judged[1] += 1
    return {code: f"{right}/{judged}" for code, (right, judged) in counts.items()}


def rule_table() -> str:
    lines = ["| Code | Rule | Category | Severity | Fix | Default | Status | Since | Judged right |",
             "|---|---|---|---|---|---|---|---|---|"]
    judged = judged_precision()
    for code, r in all_rules().items():
        bk = f" ({r.buildkit_name})" if r.buildkit_name else ""
        default = "on" if r.default_enabled and not r.preview else ("preview" if r.preview else "off")
        lines.append(f"| [{code}](docs/rules/{code}.md) | {r.summary().rstrip('.')}{bk} | {r.category.value} | "
                     f"{r.severity.label} | {r.fix_availability.value} | {default} | {r.status.value} | {r.since} | "
                     f"{judged.get(code, '')} |")
    return "\n".join(lines)


def expected() -> dict[Path, str]:
    out = {ROOT / "docs" / "rules" / f"{code}.md": rule_page(code, r) for code, r in all_rules().items()}
    out |= {ROOT / "docs" / "rules" / f"{e.code}.md": retired_page(e) for e in CODES if isinstance(e, (Removed, Redirect))}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    if START in readme and END in readme:
        head, rest = readme.split(START, 1)
        _, tail = rest.split(END, 1)
        out[ROOT / "README.md"] = f"{head}{START}\n{len(all_rules())} rules.\n\n{rule_table()}\n\n{retired_lines()}{END}{tail}"
    import gen_rule_inputs  # what each rule reads, for the registry (scripts/gen_rule_inputs.py)
    out[gen_rule_inputs.TABLE] = gen_rule_inputs.render()
    return out


def main() -> int:
    check = "--check" in sys.argv
    stale = []
    want = expected()
    rules_dir = ROOT / "docs" / "rules"
    extra = [p for p in rules_dir.glob("*.md") if p not in want] if rules_dir.exists() else []
    for path, text in want.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    for p in extra:
        stale.append(p)
        if not check:
            p.unlink()
    if check and stale:
        print("stale generated docs: " + ", ".join(str(p.relative_to(ROOT)) for p in stale))
        print("run: python scripts/gen_docs.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
