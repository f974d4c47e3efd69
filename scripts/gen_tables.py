#!/usr/bin/env python3
"""Regenerate every table shipped in the package from ../shared (one command).

    python scripts/gen_tables.py [--official-images DIR] [--endoflife DIR]

Runs scripts/gen_image_index.py and scripts/gen_eol.py; each records its source and date.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--official-images", help="source folder for the tag index")
    ap.add_argument("--endoflife", help="source folder for the end-of-life table")
    args = ap.parse_args()
    jobs = [("gen_image_index.py", args.official_images), ("gen_eol.py", args.endoflife)]
    for script, source in jobs:
        cmd = [sys.executable, str(HERE / script)] + (["--source", source] if source else [])
        if subprocess.run(cmd).returncode != 0:
            print(f"{script} failed", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
