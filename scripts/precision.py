"""The judged precision corpus: sample findings for judging, and report judged precision per rule.

Findings come from `dockwise check --format json` (the default rules, as users run it) over
`../shared/contexts/` (real repository trees, so context rules see the real build context) and
over the Dockerfiles of `../shared/corpus/` that the context trees do not hold (each linted at
its path in its repository, from `corpus/MANIFEST.tsv`, as its users lint it). Verdicts live
in `tests/precision/verdicts.tsv` (file, line, code, verdict, reason):

- `right`, `wrong`, `debatable`: a judgement of a finding dockwise makes;
- `fixed`: a finding that was judged wrong and that dockwise no longer makes.

`tests/precision/test_precision.py` fails when a `right` finding disappears or a `fixed` one
comes back. A DL finding counts as dockwise-only when hadolint does not report the same code on
the same instruction (`tests/precision/hadolint.tsv`, made by the `hadolint` command here).

    python scripts/precision.py report [--markdown]     per rule: fired, judged, right, wrong, …
    python scripts/precision.py sample [--per-rule 10] [CODE ...]   unjudged findings to judge
    python scripts/precision.py hadolint                  re-make tests/precision/hadolint.tsv
    python scripts/precision.py reconcile                 after a rule change: wrong findings no
        longer made become `fixed`, debatable ones no longer made are dropped; right ones no longer
        made are listed (a regression to look at, or a finding another rule now reports)
    python scripts/precision.py fixes CODE ... [--prefer KIND] [--setting 'merge-style = "heredoc"']
        [--diffs]   what `check --diff --unsafe-fixes` with only these rules changes over the same
        files: files changed, and with --diffs the diffs themselves (to judge the fixes)
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VERDICTS = ROOT / "tests" / "precision" / "verdicts.tsv"
# Judged fixes (file, line, code, fix, verdict, reason): `fix` is `own` for the finding's own fix
# or the kind of an alternative (`cache-mount`); the verdict is for the fix as applied.
FIX_VERDICTS = ROOT / "tests" / "precision" / "fix-verdicts.tsv"
HADOLINT = ROOT / "tests" / "precision" / "hadolint.tsv"
VERDICT_KINDS = ("right", "wrong", "debatable", "fixed")

sys.path.insert(0, str(ROOT / "server"))


def run_dockwise(paths: list[Path], timeout: float | None = None, options: tuple[str, ...] = ()) -> list[dict]:
    """Findings of the default rules (or as `args` select), as `dockwise check --format json` reports them. Corpus
    files are linted where their repository keeps them (see `at_original_paths`), and their
    findings are named by the corpus file again."""
    with tempfile.TemporaryDirectory(prefix="dockwise-precision-") as tmp:
        lint, back = at_original_paths(paths, Path(tmp))
        done = subprocess.run([sys.executable, "-m", "dockwise", "check", "--format", "json", "--exit-zero",
                               "--jobs", "2", *options, *map(str, lint)],
                              capture_output=True, text=True, cwd=SHARED, timeout=timeout)
        if done.returncode != 0:
            raise SystemExit(f"dockwise failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
        found = json.loads(done.stdout)
        for f in found:
            f["path"] = str(back.get(os.path.realpath(f["path"]), f["path"]))
    return found


def at_original_paths(paths: list[Path], tmp: Path) -> tuple[list[Path], dict[str, Path]]:
    """The corpus flattens each file's path into its name (`debian__sid__curl__Dockerfile`);
    users lint it as `debian/sid/curl/Dockerfile`, and rules read folder names (a release
    folder, `.devcontainer`, a parser's `testfiles`). Each corpus file is copied to
    `<tmp>/<owner__repo>/<original path>`, and those repository folders are linted instead
    (each is then its file's repository root). Returns (paths to lint, copy → corpus file)."""
    manifest = corpus_manifest()
    out, back, repos = [], {}, set()
    for path in paths:
        rel = Path(path).resolve().relative_to(SHARED.resolve()) if Path(path).is_absolute() else Path(path)
        row = manifest.get(rel.as_posix())
        if row is None:
            out.append(path)
            continue
        repo = tmp / row["repo"].replace("/", "__")
        copy = repo / row["original_path"]
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SHARED / rel, copy)
        back[os.path.realpath(copy)] = SHARED / rel
        repos.add(repo)
    return out + sorted(repos), back


def corpus_manifest() -> dict[str, dict]:
    """corpus/<file> → its MANIFEST.tsv row (repository, original path)."""
    with open(SHARED / "corpus" / "MANIFEST.tsv", newline="") as f:
        return {f"corpus/{row['file']}": row for row in csv.DictReader(f, delimiter="\t")}


def corpus_files_outside_contexts() -> list[Path]:
    """Corpus Dockerfiles whose repository tree is not in contexts/ (the trees hold the rest)."""
    out = []
    for name, row in corpus_manifest().items():
        tree = SHARED / "contexts" / row["repo"].replace("/", "__")
        if not (tree / row["original_path"]).is_file():
            out.append(SHARED / name)
    return sorted(out)


def key_of(finding: dict) -> tuple[str, int, str]:
    path = Path(finding["path"])
    rel = path.resolve().relative_to(SHARED.resolve()) if path.is_absolute() else path
    return rel.as_posix(), int(finding["line"]), finding["code"]


def all_findings() -> dict[tuple[str, int, str], dict]:
    trees = sorted(p for p in (SHARED / "contexts").iterdir() if p.is_dir())
    found = run_dockwise(trees + corpus_files_outside_contexts())
    return {key_of(f): f for f in found}


def read_verdicts() -> dict[tuple[str, int, str], tuple[str, str]]:
    verdicts = {}
    if VERDICTS.exists():
        with open(VERDICTS, newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row["verdict"] not in VERDICT_KINDS:
                    raise SystemExit(f"{VERDICTS}: unknown verdict {row['verdict']!r} in {row}")
                verdicts[(row["file"], int(row["line"]), row["code"])] = (row["verdict"], row["reason"])
    return verdicts


def read_fix_verdicts() -> dict[tuple[str, int, str, str], tuple[str, str]]:
    with open(FIX_VERDICTS, newline="") as f:
        return {(r["file"], int(r["line"]), r["code"], r["fix"]): (r["verdict"], r["reason"])
                for r in csv.DictReader(f, delimiter="\t")}


def fixes_offered(finding: dict) -> set[str]:
    """The fixes a finding of `check --format json` offers: `own`, and its alternatives' kinds."""
    return ({"own"} if finding.get("fix") else set()) | {a["kind"] for a in finding.get("alternatives", ())}


def read_hadolint() -> set[tuple[str, int, str]]:
    with open(HADOLINT, newline="") as f:
        return {(r["file"], int(r["line"]), r["code"]) for r in csv.DictReader(f, delimiter="\t")}


def instruction_start_line(file: str, line: int, cache: dict) -> int:
    """1-based first line of the instruction that holds `line` (hadolint reports that line)."""
    if file not in cache:
        from dockwise.dockerfile.parser import parse
        from dockwise.source import decode
        df = parse(decode((SHARED / file).read_bytes()).text)
        cache[file] = [(df.source.line_of(i.start) + 1, df.source.line_of(max(i.start, i.end - 1)) + 1)
                       for i in df.instructions]
    for first, last in cache[file]:
        if first <= line <= last:
            return first
    return line


def dockwise_only(key: tuple[str, int, str], hadolint: set, cache: dict) -> bool:
    file, line, code = key
    if not code.startswith("DL"):
        return True
    return (file, instruction_start_line(file, line, cache), code) not in hadolint


def repository(file: str) -> str:
    return "/".join(file.split("/")[:2])


def report(markdown: bool) -> None:
    findings, verdicts = all_findings(), read_verdicts()
    hadolint, cache = read_hadolint(), {}
    fired = Counter(code for _, _, code in findings)
    rows = defaultdict(Counter)
    only = Counter()
    for key, (verdict, _) in verdicts.items():
        present = key in findings
        if verdict == "fixed":
            rows[key[2]]["fixed_back" if present else "fixed"] += 1
            continue
        if not present:
            rows[key[2]]["gone"] += 1
            continue
        rows[key[2]][verdict] += 1
        if dockwise_only(key, hadolint, cache):
            only[verdict] += 1
    codes = sorted(set(fired) | set(rows))
    head = ["code", "fired", "judged", "right", "wrong", "debatable", "fixed", "gone"]
    lines = [head]
    for code in codes:
        r = rows[code]
        judged = r["right"] + r["wrong"] + r["debatable"]
        lines.append([code, fired[code], judged, r["right"], r["wrong"], r["debatable"], r["fixed"],
                      r["gone"] + r["fixed_back"]])
    total = [sum(int(l[i]) for l in lines[1:]) for i in range(1, len(head))]
    lines.append(["total", *total])
    if markdown:
        print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
        for line in lines[1:]:
            print("| " + " | ".join(map(str, line)) + " |")
    else:
        for line in lines:
            print("\t".join(map(str, line)))
    judged_only = only["right"] + only["wrong"] + only["debatable"]
    print(f"\ndockwise-only findings judged: {judged_only}; right {only['right']}, wrong {only['wrong']}, "
          f"debatable {only['debatable']}; precision {only['right'] / max(judged_only, 1):.1%} "
          f"(right / judged), {only['right'] / max(only['right'] + only['wrong'], 1):.1%} (right / right+wrong)")
    worst = [(code, r["wrong"]) for code, r in rows.items() if r["wrong"] > 1]
    print("rules with more than one wrong finding in their sample:", worst or "none")
    stale = sum(r["gone"] for r in rows.values())
    if stale:
        print(f"{stale} judged findings are no longer made (re-judge or mark them fixed)")
    fixes = defaultdict(Counter)
    for (_, _, code, fix), (verdict, _) in read_fix_verdicts().items():
        fixes[(code, fix)][verdict] += 1
    print("\njudged fixes (fix-verdicts.tsv; `none`: judged to need none)\ncode\tfix\tright\twrong\tdebatable\tfixed")
    for (code, fix), c in sorted(fixes.items()):
        print(f"{code}\t{fix}\t{c['right']}\t{c['wrong']}\t{c['debatable']}\t{c['fixed']}")


def sample(per_rule: int, codes: list[str]) -> None:
    """Up to `per_rule` findings per rule, judged ones first, spread over repositories."""
    findings, verdicts = all_findings(), read_verdicts()
    by_code = defaultdict(list)
    for key in findings:
        by_code[key[2]].append(key)
    rng = random.Random(14)
    for code in sorted(by_code):
        if codes and code not in codes:
            continue
        keys = sorted(by_code[code])
        have = sum(1 for k in keys if k in verdicts)
        need = per_rule - have
        if need <= 0:
            continue
        rng.shuffle(keys)
        per_repo = defaultdict(list)
        for k in keys:
            if k not in verdicts:
                per_repo[repository(k[0])].append(k)
        picked = []
        while len(picked) < need and any(per_repo.values()):  # round-robin over repositories
            for repo in sorted(per_repo):
                if per_repo[repo] and len(picked) < need:
                    picked.append(per_repo[repo].pop())
        for key in picked:
            show(key, findings[key])


def show(key: tuple[str, int, str], finding: dict) -> None:
    file, line, code = key
    lines = (SHARED / file).read_bytes().decode("utf-8", "replace").splitlines()
    lo, hi = max(1, line - 3), min(len(lines), finding.get("end_line", line) + 3)
    print(f"=== {file}\t{line}\t{code}\n    {finding['message']}")
    for n in range(lo, hi + 1):
        print(f"{'>' if n == line else ' '}{n:5} {lines[n - 1][:200]}")


def reconcile() -> None:
    findings = all_findings()
    with open(VERDICTS, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    kept = []
    for row in rows:
        key = (row["file"], int(row["line"]), row["code"])
        if key not in findings and row["verdict"] == "wrong":
            row["verdict"] = "fixed"
        elif key not in findings and row["verdict"] == "debatable":
            print(f"dropped (no longer made): {key} {row['reason']}")
            continue
        elif key not in findings and row["verdict"] == "right":
            print(f"RIGHT FINDING NO LONGER MADE: {key} {row['reason']}")
        elif key in findings and row["verdict"] == "fixed":
            print(f"WRONG FINDING IS BACK: {key} {row['reason']}")
        kept.append(row)
    with open(VERDICTS, "w", newline="") as f:
        f.write("file\tline\tcode\tverdict\treason\n")
        for row in kept:
            f.write("\t".join(row[c] for c in ("file", "line", "code", "verdict", "reason")) + "\n")


def make_hadolint_table() -> None:
    files = sorted({key[0] for key in all_findings()
                    if not key[0].endswith("ignore")})
    rows = set()
    for i in range(0, len(files), 100):
        chunk = files[i:i + 100]
        done = subprocess.run(["hadolint", "--no-fail", "-f", "json", *chunk], capture_output=True, text=True,
                              cwd=SHARED)
        for f in json.loads(done.stdout or "[]"):
            rows.add((f["file"], f["line"], f["code"]))
    HADOLINT.parent.mkdir(parents=True, exist_ok=True)
    with open(HADOLINT, "w", newline="") as f:
        f.write("file\tline\tcode\n")
        for row in sorted(rows):
            f.write("\t".join(map(str, row)) + "\n")
    print(f"{len(rows)} hadolint findings over {len(files)} files -> {HADOLINT}")


def fixes(codes: list[str], prefer: list[str], settings: list[str], show: bool) -> None:
    """Apply only `codes`' fixes (unsafe ones too; `prefer`: those alternatives instead) over the
    trees and corpus files, through the CLI's `--diff` (writes nothing), and count the files changed."""
    trees = sorted(p for p in (SHARED / "contexts").iterdir() if p.is_dir())
    with tempfile.TemporaryDirectory(prefix="dockwise-fixes-") as tmp:
        args, back = at_original_paths(trees + corpus_files_outside_contexts(), Path(tmp))
        config = Path(tmp) / "dockwise.toml"
        config.write_text("\n".join([f"select = {json.dumps(codes)}", "preview = true",
                                      f"prefer-fixes = {json.dumps(prefer)}", *settings]) + "\n")
        done = subprocess.run([sys.executable, "-m", "dockwise", "check", "--diff", "--unsafe-fixes", "--config",
                               str(config), "--jobs", "2", *map(str, args)],
                              capture_output=True, text=True, cwd=SHARED)
        if done.returncode not in (0, 1):
            raise SystemExit(f"dockwise failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
        by_copy = {os.path.realpath(copy): corpus for copy, corpus in back.items()}
        changed = []
        for line in done.stdout.splitlines():
            if line.startswith("+++ b/"):
                shown = (SHARED / line[len("+++ b/"):]).resolve()
                changed.append(str(by_copy.get(str(shown), shown)))
        if show:
            print(done.stdout)
        print(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "")
        print(f"{len(set(changed))} files changed by {', '.join(codes)}"
              + (f" preferring {', '.join(prefer)}" if prefer else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report")
    rep.add_argument("--markdown", action="store_true")
    sam = sub.add_parser("sample")
    sam.add_argument("--per-rule", type=int, default=10)
    sam.add_argument("codes", nargs="*")
    sub.add_parser("hadolint")
    sub.add_parser("reconcile")
    fx = sub.add_parser("fixes")
    fx.add_argument("codes", nargs="+")
    fx.add_argument("--prefer", action="append", default=[])
    fx.add_argument("--setting", action="append", default=[], help="a configuration line, e.g. 'merge-style = \"heredoc\"'")
    fx.add_argument("--diffs", action="store_true")
    args = parser.parse_args()
    if args.command == "report":
        report(args.markdown)
    elif args.command == "sample":
        sample(args.per_rule, args.codes)
    elif args.command == "reconcile":
        reconcile()
    elif args.command == "fixes":
        fixes(args.codes, args.prefer, args.setting, args.diffs)
    else:
        make_hadolint_table()


if __name__ == "__main__":
    main()
