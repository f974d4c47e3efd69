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

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also when loaded by path (tests)
import _tables

DEFAULT_SOURCE = _tables.SHARED / "official-images"
DEFAULT_OUTPUT = _tables.DATA / "image_index.json"
# bashbrew's default when neither the entry nor the file header lists architectures.
DEFAULT_ARCHITECTURES = ("amd64",)


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
        "format": _tables.FORMAT,
        "source": _tables.read_source_info(source, "docker-library/official-images"),
        "generated": generated,
        "arch": arch_names,
        "images": images,
    }


def main(argv: list[str] | None = None) -> int:
    return _tables.main(
        argv,
        doc=__doc__,
        default_source=DEFAULT_SOURCE,
        default_output=DEFAULT_OUTPUT,
        source_help="official-images checkout",
        build=build_index,
        rows_key="images",
    )


if __name__ == "__main__":
    raise SystemExit(main())
