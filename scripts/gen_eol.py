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
    x  end of extended support (`eoes`: Debian LTS, Ubuntu ESM, vendors' paid support):
       ISO date or true; absent when the product has none

The output is deterministic for a given source except the ``generated`` date, which is
today (UTC) unless ``--generated`` or ``SOURCE_DATE_EPOCH`` says otherwise.

Usage (from the repository root)::

    python scripts/gen_eol.py [--source DIR] [--output FILE] [--generated YYYY-MM-DD]
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also when loaded by path (tests)
import _tables

DEFAULT_SOURCE = _tables.SHARED / "endoflife"
DEFAULT_OUTPUT = _tables.DATA / "eol.json"


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
    extended = raw.get("eoes")
    if extended is not None and extended is not False:
        value = _date_or_bool(extended)
        if value:
            out["x"] = value
    lts = raw.get("lts")
    if lts:
        out["t"] = _date_or_bool(lts)
    return out


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
    source_info = _tables.read_source_info(source, "endoflife-date/endoflife.date")
    return {"format": _tables.FORMAT, "source": source_info, "generated": generated, "products": products}


def main(argv: list[str] | None = None) -> int:
    return _tables.main(
        argv,
        doc=__doc__,
        default_source=DEFAULT_SOURCE,
        default_output=DEFAULT_OUTPUT,
        source_help="endoflife.date checkout",
        build=build_table,
        rows_key="products",
    )


if __name__ == "__main__":
    raise SystemExit(main())
