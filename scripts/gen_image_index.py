#!/usr/bin/env python3
"""Generate ``server/dockwise/data/image_index.json`` from Docker Official Images manifests.

The source is a copy of docker-library/official-images: ``<source>/library/<image>`` holds
one tag manifest per image, and ``<source>/README.md`` names the commit and date it was
taken from. The index keeps, per image and in manifest order, one row per manifest entry:

    [tags, shared_tags, arch_mask]

``tags`` and ``shared_tags`` are space-separated; ``arch_mask`` is a bit mask over the
top-level ``arch`` list. Tags listed in one entry are aliases of one build; a SharedTag
names every entry that lists it (typically a Linux build plus Windows builds).

The output is deterministic for a given source except the ``generated`` date, which is
today (UTC) unless ``--generated`` or ``SOURCE_DATE_EPOCH`` says otherwise.

Usage (from the repository root)::

    python scripts/gen_image_index.py [--source DIR] [--output FILE] [--generated YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "official-images"
DEFAULT_OUTPUT = REPO_ROOT / "server" / "dockwise" / "data" / "image_index.json"
FORMAT = 1
# bashbrew's default when neither the entry nor the file header lists architectures.
DEFAULT_ARCHITECTURES = ("amd64",)
_SOURCE_RE = re.compile(r"\bcommit\s+([0-9a-f]{40})\s*\((\d{4}-\d{2}-\d{2})\)")


def _split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def parse_manifest(text: str) -> list[dict[str, list[str]]]:
    """Return the manifest's entries as ``{"Tags", "SharedTags", "Architectures"}`` lists."""
    header: dict[str, str] = {}
    entries: list[dict[str, list[str]]] = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        fields: dict[str, str] = {}
        last_key = None
        for line in paragraph.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line[0] in " \t" and last_key is not None:
                # RFC 2822 continuation line (used by Maintainers).
                fields[last_key] += " " + line.strip()
                continue
            key, sep, value = line.partition(":")
            if not sep:
                continue
            last_key = key.strip()
            fields[last_key] = value.strip()
        if not fields:
            continue
        if "Tags" not in fields and "SharedTags" not in fields:
            if not entries:
                header = fields
            continue
        arches = fields.get("Architectures") or header.get("Architectures")
        entries.append(
            {
                "Tags": _split_list(fields.get("Tags", "")),
                "SharedTags": _split_list(fields.get("SharedTags", "")),
                "Architectures": _split_list(arches) if arches else list(DEFAULT_ARCHITECTURES),
            }
        )
    return entries


def read_source_info(source: Path) -> dict[str, str]:
    readme = source / "README.md"
    info = {"repo": "docker-library/official-images"}
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


def build_index(source: Path, generated: str) -> dict:
    library = source / "library"
    if not library.is_dir():
        raise SystemExit(f"error: {library} is not a directory")
    manifests: dict[str, list[dict[str, list[str]]]] = {}
    for path in sorted(library.iterdir(), key=lambda p: p.name):
        if path.is_file() and not path.name.startswith("."):
            entries = parse_manifest(path.read_text(encoding="utf-8"))
            if entries:
                manifests[path.name] = entries
    arch_names = sorted({a for entries in manifests.values() for e in entries for a in e["Architectures"]})
    bit = {name: 1 << i for i, name in enumerate(arch_names)}
    images = {}
    for name, entries in manifests.items():
        images[name] = [
            [" ".join(e["Tags"]), " ".join(e["SharedTags"]), sum(bit[a] for a in set(e["Architectures"]))]
            for e in entries
        ]
    return {
        "format": FORMAT,
        "source": read_source_info(source),
        "generated": generated,
        "arch": arch_names,
        "images": images,
    }


def dump_index(index: dict) -> str:
    """Serialise compactly, one image per line so that updates diff well."""

    def compact(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    head = [f"{compact(key)}:{compact(index[key])}" for key in ("format", "source", "generated", "arch")]
    rows = [f"{compact(name)}:{compact(entries)}" for name, entries in index["images"].items()]
    return "{" + ",\n".join(head) + ',\n"images":{\n' + ",\n".join(rows) + "\n}}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="official-images checkout")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--generated", help="generation date to record (default: today, UTC)")
    args = parser.parse_args(argv)
    index = build_index(args.source, generation_date(args.generated))
    text = dump_index(index)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.output} ({len(text.encode())} bytes, {len(index['images'])} images)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
