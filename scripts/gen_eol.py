#!/usr/bin/env python3
"""Generate ``server/dockwise/data/eol.json`` from endoflife.date product files.

The source is a copy of endoflife-date/endoflife.date's ``products/`` folder:
``<source>/products/<product>.md`` with YAML front matter holding ``releases:``, and
``<source>/README.md`` naming the commit and date. Per product, releases are kept in
file order as objects with short keys:

    c  release cycle ("3.12")           r  release date (ISO) or null
    e  end of life: ISO date, true (ended, date unknown) or false (not announced)
    l  latest version in the cycle     n  codename, lower-case first word (debian, ubuntu)
    t  true when the cycle is an LTS (on an LTS date, that date)

The output is deterministic for a given source except the ``generated`` date, which is
today (UTC) unless ``--generated`` or ``SOURCE_DATE_EPOCH`` says otherwise.

Usage (from the repository root)::

    python scripts/gen_eol.py [--source DIR] [--output FILE] [--generated YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "endoflife"
DEFAULT_OUTPUT = REPO_ROOT / "server" / "dockwise" / "data" / "eol.json"
FORMAT = 1
_SOURCE_RE = re.compile(r"\bcommit\s+([0-9a-f]{40})\s*\((\d{4}-\d{2}-\d{2})\)")


def front_matter(text: str) -> dict:
    match = re.match(r"\A---\s*\n(.*?)\n---\s*(\n|\Z)", text, re.S)
    if not match:
        return {}
    data = yaml.safe_load(match.group(1))
    return data if isinstance(data, dict) else {}


def _date_or_bool(value):
    if isinstance(value, bool) or value is None:
        return bool(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return bool(text)


def _release(raw: dict) -> dict | None:
    cycle = raw.get("releaseCycle")
    if cycle is None:
        return None
    out: dict = {"c": str(cycle)}
    released = _date_or_bool(raw.get("releaseDate"))
    out["r"] = released if isinstance(released, str) else None
    out["e"] = _date_or_bool(raw.get("eol", False))
    if raw.get("latest") is not None:
        out["l"] = str(raw["latest"])
    if raw.get("codename"):
        out["n"] = str(raw["codename"]).split()[0].lower()
    lts = raw.get("lts")
    if lts:
        out["t"] = _date_or_bool(lts)
    return out


def read_source_info(source: Path) -> dict[str, str]:
    readme = source / "README.md"
    info = {"repo": "endoflife-date/endoflife.date"}
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


def build_table(source: Path, generated: str) -> dict:
    products_dir = source / "products"
    if not products_dir.is_dir():
        raise SystemExit(f"error: {products_dir} is not a directory")
    products = {}
    for path in sorted(products_dir.glob("*.md"), key=lambda p: p.name):
        data = front_matter(path.read_text(encoding="utf-8"))
        releases = [r for r in map(_release, data.get("releases") or []) if r]
        if releases:
            products[path.stem] = releases
    return {"format": FORMAT, "source": read_source_info(source), "generated": generated, "products": products}


def dump_table(table: dict) -> str:
    """Serialise compactly, one product per line so that updates diff well."""

    def compact(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    head = [f"{compact(key)}:{compact(table[key])}" for key in ("format", "source", "generated")]
    rows = [f"{compact(name)}:{compact(releases)}" for name, releases in table["products"].items()]
    return "{" + ",\n".join(head) + ',\n"products":{\n' + ",\n".join(rows) + "\n}}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="endoflife.date checkout")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--generated", help="generation date to record (default: today, UTC)")
    args = parser.parse_args(argv)
    table = build_table(args.source, generation_date(args.generated))
    text = dump_table(table)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.output} ({len(text.encode())} bytes, {len(table['products'])} products)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
