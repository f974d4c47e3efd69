"""Compare dockwise with hadolint rule by rule on a corpus of Dockerfiles.

    python benchmarks/parity_hadolint.py [CODES...] [--corpus DIR] [--markdown]
                                         [--hadolint-json FILE] [--show CODE]

CODES are hadolint codes or prefixes (`DL3008`, `DL30`); none means every DL code dockwise
registers. Both tools run once over the same files (hadolint with `--no-fail -f json`, every
rule enabled; dockwise with `--select CODES --format json --exit-zero`). A finding is keyed by
(file, code, line), where the line is the 1-based start line of the instruction holding it
(hadolint's convention; dockwise positions are mapped back to their instruction). Prints, per
code, how many findings both tools report, only hadolint, only dockwise, and the share of
hadolint's findings dockwise also reports. `--show CODE` lists the disagreements of one code.
`--hadolint-json` reuses (or, when missing, writes) hadolint's output to skip its ~70 s run.
`--trusted-registry R` (repeatable) feeds DL3026's allowed registries to both tools.
Files hadolint cannot parse are left out of both sides.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from dockwise.dockerfile.parser import parse
from dockwise.rules.registry import all_rules

DEFAULT_CORPUS = "/work/shared/corpus"
# Rules hadolint ships with severity "ignore" (off by default there): given `--info` so both
# tools run them. dockwise's own off-by-default rules are covered by `--select`.
HADOLINT_OPT_IN = ("DL1001", "DL3057", "DL3063")


def corpus_files(root: str) -> list[str]:
    """The corpus's real-world Dockerfiles (BuildKit's parser tests in parser-edge/ left out)."""
    # Corpus file names are flattened paths (`3.12__slim__Dockerfile`), which dockwise's
    # directory discovery does not recognise, so both tools get the list explicitly.
    out = []
    for p in sorted(Path(root).rglob("*")):
        low = p.name.lower()
        if p.is_file() and ("dockerfile" in low or "containerfile" in low) \
                and "dockerignore" not in low and "parser-edge" not in p.parts:
            out.append(str(p))
    return out


def wanted_codes(selectors: list[str]) -> list[str]:
    ours = [c for c in all_rules() if c.startswith("DL")]
    if not selectors:
        return ours
    out = []
    for sel in selectors:
        sel = sel.upper()
        out.extend(c for c in ours if c.startswith(sel) and c not in out)
    return out


def run_hadolint(files: list[str], cache: str | None, trusted: list[str] = ()) -> list[dict]:
    if cache and os.path.exists(cache):
        with open(cache, encoding="utf-8") as fh:
            return json.load(fh)
    cmd = ["hadolint", "--no-fail", "--no-color", "-f", "json"]
    for registry in trusted:
        cmd += ["--trusted-registry", registry]
    for code in HADOLINT_OPT_IN:
        cmd += ["--info", code]
    results: list[dict] = []
    # hadolint aborts the whole batch on some inputs; run in chunks and retry one by one.
    chunk = 100
    for i in range(0, len(files), chunk):
        part = files[i:i + chunk]
        proc = subprocess.run(cmd + part, capture_output=True, text=True, check=False)
        try:
            results.extend(json.loads(proc.stdout or "[]"))
        except json.JSONDecodeError:
            for f in part:
                one = subprocess.run(cmd + [f], capture_output=True, text=True, check=False)
                try:
                    results.extend(json.loads(one.stdout or "[]"))
                except json.JSONDecodeError:
                    results.append({"file": f, "code": "DL1000", "line": 1, "message": "hadolint crashed"})
    if cache:
        with open(cache, "w", encoding="utf-8") as fh:
            json.dump(results, fh)
    return results


def run_dockwise(files: list[str], codes: list[str], trusted: list[str] = ()) -> list[dict]:
    cmd = [sys.executable, "-m", "dockwise", "check", "--select", ",".join(codes),
           "--format", "json", "--exit-zero"]
    with tempfile.TemporaryDirectory() as tmp:
        if trusted:  # DL3026 needs the allowed registries, which only a config file can give
            cfg = os.path.join(tmp, "dockwise.toml")
            with open(cfg, "w", encoding="utf-8") as fh:
                fh.write(f"trusted-registries = [{', '.join(json.dumps(r) for r in trusted)}]\n")
            cmd += ["--config", cfg]
        proc = subprocess.run(cmd + files, capture_output=True, text=True, check=False)
    return json.loads(proc.stdout or "[]")


class LineMap:
    """Maps any 1-based line of a file to the start line of the instruction holding it."""

    def __init__(self) -> None:
        self._cache: dict[str, list[tuple[int, int]]] = {}

    def start_line(self, path: str, line: int) -> int:
        spans = self._cache.get(path)
        if spans is None:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
            df = parse(text)
            spans = []
            for ins in df.instructions:
                a = text.count("\n", 0, ins.start) + 1
                b = text.count("\n", 0, ins.end) + 1
                spans.append((a, b))
            self._cache[path] = spans
        for a, b in spans:
            if a <= line <= b:
                return a
        return line


def compare(codes: list[str], files: list[str], hadolint_json: str | None, trusted: list[str] = ()):
    wanted = set(codes)
    hl = run_hadolint(files, hadolint_json, trusted)
    unparsable = {r["file"] for r in hl if r["code"] in ("DL1000",)}
    theirs = {(os.path.abspath(r["file"]), r["code"], r["line"]) for r in hl
              if r["code"] in wanted and r["file"] not in unparsable}
    lines = LineMap()
    ours = set()
    for d in run_dockwise(files, codes, trusted):
        if d["path"] in unparsable or d["code"] not in wanted:
            continue
        p = os.path.abspath(d["path"])
        ours.add((p, d["code"], lines.start_line(p, d["line"])))
    rows = []
    for code in codes:
        h = {k for k in theirs if k[1] == code}
        o = {k for k in ours if k[1] == code}
        rows.append((code, len(h & o), len(h - o), len(o - h), h - o, o - h))
    return rows, len(unparsable)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("codes", nargs="*")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--hadolint-json")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--show", action="append", default=[])
    ap.add_argument("--trusted-registry", action="append", default=[],
                    help="allowed registry for DL3026, given to both tools (repeatable)")
    args = ap.parse_args(argv)
    codes = wanted_codes(args.codes)
    files = corpus_files(args.corpus)
    rows, skipped = compare(codes, files, args.hadolint_json, args.trusted_registry)
    version = subprocess.run(["hadolint", "--version"], capture_output=True, text=True,
                             check=False).stdout.strip()
    print(f"{version}; {len(files)} files, {skipped} that hadolint cannot parse left out; "
          f"{date.today().isoformat()}\n")
    if args.markdown:
        print("| code | both | only hadolint | only dockwise | found by us |")
        print("|---|---:|---:|---:|---:|")
    else:
        print(f"{'code':8} {'both':>6} {'only-hl':>8} {'only-dw':>8} {'recall':>7}")
    for code, both, only_h, only_o, _, _ in rows:
        total = both + only_h
        recall = f"{100 * both / total:.1f}%" if total else "-"
        if args.markdown:
            print(f"| {code} | {both} | {only_h} | {only_o} | {recall} |")
        else:
            print(f"{code:8} {both:6} {only_h:8} {only_o:8} {recall:>7}")
    for code, _, _, _, hs, os_ in rows:
        if code in [c.upper() for c in args.show]:
            print(f"\n{code} only hadolint:")
            for k in sorted(hs):
                print(f"  {k[0]}:{k[2]}")
            print(f"{code} only dockwise:")
            for k in sorted(os_):
                print(f"  {k[0]}:{k[2]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
