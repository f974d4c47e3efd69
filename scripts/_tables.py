"""Plumbing shared by the table generators (``gen_image_index.py``, ``gen_eol.py``).

Both read a copy of an upstream repository from ``../shared``, record where it came from and
when, and write one compact JSON table into ``server/dockwise/data``. This module holds that
common part (command line, source info, generation date, serialisation) so the two stay
byte-for-byte alike in how they write; each script keeps only its own parsing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
DATA = REPO_ROOT / "server" / "dockwise" / "data"
FORMAT = 1
_SOURCE_RE = re.compile(r"\bcommit\s+([0-9a-f]{40})\s*\((\d{4}-\d{2}-\d{2})\)")


def read_source_info(source: Path, repo: str) -> dict[str, str]:
    readme = source / "README.md"
    info = {"repo": repo}
    if readme.is_file():
        match = _SOURCE_RE.search(" ".join(readme.read_text(encoding="utf-8").split()))
        if match:
            info["commit"], info["date"] = match.group(1), match.group(2)
    return info


def generation_date(explicit: str | None) -> str:
    if explicit:
        return dt.date.fromisoformat(explicit).isoformat()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.datetime.now(dt.timezone.utc).date().isoformat()


def dump_table(table: dict, rows_key: str) -> str:
    """Serialise compactly: each header key on its own line (in the table's order), then
    ``rows_key`` last with one row per line so that updates diff well."""

    def compact(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    head = [f"{compact(key)}:{compact(value)}" for key, value in table.items() if key != rows_key]
    rows = [f"{compact(name)}:{compact(row)}" for name, row in table[rows_key].items()]
    return "{" + ",\n".join(head) + f",\n{compact(rows_key)}:{{\n" + ",\n".join(rows) + "\n}}\n"


def main(
    argv: list[str] | None,
    *,
    doc: str,
    default_source: Path,
    default_output: Path,
    source_help: str,
    build: Callable[[Path, str], dict],
    rows_key: str,
) -> int:
    """Parse the common options, build the table with ``build(source, generated)``, write it."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--source", type=Path, default=default_source, help=source_help)
    parser.add_argument("--output", type=Path, default=default_output)
    parser.add_argument("--generated", help="generation date to record (default: today, UTC)")
    args = parser.parse_args(argv)
    table = build(args.source, generation_date(args.generated))
    text = dump_table(table, rows_key)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.output} ({len(text.encode())} bytes, {len(table[rows_key])} {rows_key})", file=sys.stderr)
    return 0
