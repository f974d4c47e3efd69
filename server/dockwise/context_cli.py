"""`dockwise context [DIR] [-f DOCKERFILE] [--context CTX] [--format json] [--list]`: what a build would send.

The Dockerfile is `-f` (relative to DIR when it is not found as given) or `DIR/Dockerfile`.
The context is DIR when both DIR and `-f` are given (as in `docker build -f FILE DIR`) or
`--context`; otherwise it is inferred as `dockwise check` does (configuration, compose, bake,
CI and build scripts, the Dockerfile's COPY sources, its folder) and the report says which
and where from. An undecided context is reported with its reason (exit 2).

Reports the files and bytes sent with the current ignore file, the largest top-level
directories and files, what is sent that no COPY/ADD uses (only when every COPY names its
sources explicitly: `COPY . .` uses everything), and what each suggested pattern would save.
"""

from __future__ import annotations

import json
import os
import sys

from .buildcontext import DEFAULT_CANDIDATES, candidate_savings, load_context
from .rules.support.dockerignore import copy_sources, covering_source, human_bytes, scan_context


def _fail(message: str) -> int:
    print(f"dockwise context: {message}", file=sys.stderr)
    return 2


def _rejection(view) -> str | None:
    """Why Docker would fail the build before sending anything, or None."""
    ign = view.ignore
    if ign is not None and ign.errors:
        e = ign.errors[0]
        where = f"line {e.line + 1}: " if e.line >= 0 else ""
        return f"{view.ignore_path}: {where}{e.message} (Docker rejects this ignore file and fails the build)"
    errors = view.snapshot.match_errors
    if errors:
        path, message = sorted(errors.items())[0]
        return f"{view.ignore_path}: Docker's matcher fails on {path}: {message} (the build fails)"
    return None


def _unused(view, dockerfile: str) -> tuple[list[str] | None, int]:
    """(sent files no COPY/ADD uses, their bytes); None when the Dockerfile copies everything
    or cannot be read."""
    from .dockerfile import parse
    from .files import read_regular
    try:
        df = parse(read_regular(dockerfile).decode("utf-8", "replace"))
    except OSError:  # FileProblem too: a FIFO or device is never read
        return None, 0
    sources = copy_sources(df)
    if any(s.everything for s in sources):
        return None, 0
    snap = view.snapshot
    unused = [p for p in sorted(snap.files) if covering_source(sources, p) is None
              and p not in (view.dockerfile_relpath, view.ignore_relpath)]
    return unused, sum(snap.files[p] for p in unused)


def _candidates(snap) -> list[str]:
    found = scan_context(snap, secrets=True) + scan_context(snap, secrets=False)
    return list(dict.fromkeys([f.pattern for f in found] + list(DEFAULT_CANDIDATES)))


def build_report(directory: str, dockerfile: str, choice=None) -> dict:
    view = load_context(directory, dockerfile)
    snap = view.snapshot
    per_top: dict[str, list[int]] = {}
    for path, size in snap.files.items():
        i = path.find("/")
        acc = per_top.setdefault("." if i < 0 else path[:i] + "/", [0, 0])
        acc[0] += 1
        acc[1] += size
    ign = view.ignore
    unused, unused_bytes = _unused(view, dockerfile)
    return {
        "root": view.root,
        "context": choice.as_json() if choice is not None else None,
        "dockerfile": os.path.abspath(dockerfile),
        "ignore_file": view.ignore_path,
        "ignore_errors": [{"line": e.line + 1, "message": e.message} for e in (ign.errors if ign else [])],
        "files_sent": snap.file_count,
        "bytes_sent": snap.total_bytes,
        "symlinks_sent": snap.symlink_count,
        "excluded_entries": len(snap.ignored),
        "largest_dirs": [{"path": p, "files": v[0], "bytes": v[1]}
                         for p, v in sorted(per_top.items(), key=lambda kv: (-kv[1][1], kv[0]))[:10]],
        "largest_files": [{"path": p, "bytes": s} for p, s in snap.largest_files(10)],
        "unused": None if unused is None else {"files": len(unused), "bytes": unused_bytes, "paths": unused[:50]},
        "suggestions": [c for c in candidate_savings(snap, _candidates(snap)) if c.get("files")],
        "match_errors": [{"path": p, "message": m} for p, m in sorted(snap.match_errors.items())],
        "problems": [{"path": p.path, "kind": p.kind, "message": p.message} for p in snap.problems],
    }


def _chosen(c: dict | None) -> str:
    if c is None:
        return ""
    if c["source"] == "cli":
        return "set by the command line"
    if c["source"] == "config":
        return f"set by the `context` table of {c['where']}"
    if c["source"] == "evidence":
        return "inferred: the Dockerfile's COPY sources only exist there"
    if c["source"] == "folder":
        return "the Dockerfile's folder (nothing in the repository names another context)"
    return f"{_KIND_NAMES.get(c['source'], c['source'])}: {c['where']}"


_KIND_NAMES = {"compose": "compose file", "bake": "bake file", "ci": "CI workflow", "script": "build script"}


def _text(r: dict) -> str:
    c = r.get("context")
    out = [f"Build context: {r['root']}"]
    if c is not None:
        out.append(f"  chosen by:   {_chosen(c)}")
    out += [f"Dockerfile:    {r['dockerfile']}",
           f"Ignore file:   {r['ignore_file'] or '(none)'}",
           f"Sent:          {r['files_sent']} files, {human_bytes(r['bytes_sent'])} ({r['bytes_sent']} bytes)"
           + (f", {r['symlinks_sent']} symlinks" if r["symlinks_sent"] else "")]
    for e in r["ignore_errors"]:
        out.append(f"  error: ignore file line {e['line']}: {e['message']} (Docker fails the build)")
    if r["largest_dirs"]:
        out.append("\nLargest directories:")
        out += [f"  {human_bytes(d['bytes']):>10}  {d['files']:>6} files  {d['path']}" for d in r["largest_dirs"]]
    if r["largest_files"]:
        out.append("\nLargest files:")
        out += [f"  {human_bytes(f['bytes']):>10}  {f['path']}" for f in r["largest_files"]]
    u = r["unused"]
    if u is None:
        out.append("\nUnused by COPY/ADD: (the Dockerfile copies the whole context, or could not be read)")
    else:
        out.append(f"\nSent but not used by any COPY/ADD: {u['files']} files, {human_bytes(u['bytes'])}")
        out += [f"  {p}" for p in u["paths"][:10]]
        if u["files"] > 10:
            out.append(f"  … and {u['files'] - 10} more")
    if r["suggestions"]:
        out.append("\nSuggested patterns (what each would save if added to the ignore file):")
        out += [f"  {s['pattern']:<18} {s['files']:>6} files  {human_bytes(s['bytes'])}" for s in r["suggestions"]]
    for m in r["match_errors"]:
        out.append(f"error: Docker's matcher fails on {m['path']}: {m['message']}")
    for p in r["problems"]:
        out.append(f"warning: {p['path']}: {p['message']}")
    return "\n".join(out) + "\n"


def _undecided(choice, dockerfile: str, fmt: str) -> int:
    if fmt == "json":
        sys.stdout.write(json.dumps({"root": None, "context": choice.as_json(),
                                     "dockerfile": os.path.abspath(dockerfile)}, indent=2) + "\n")
    else:
        lines = [f"Build context: undecided for {dockerfile}",
                 f"  reason:      {choice.reason}"]
        lines += [f"  candidate:   {c}" for c in choice.candidates]
        lines.append("Context rules (DW502, DW505, DW520, DW522-DW524) stay silent for this Dockerfile. "
                     "Say which context it is built with: `dockwise context DIR -f DOCKERFILE`, "
                     "`dockwise check --context DIR`, or the `context` table of the configuration.")
        sys.stdout.write("\n".join(lines) + "\n")
    return 2


def _choose(args, directory: str, dockerfile: str):
    from .buildcontext.infer import ContextChoice, find_repo_root
    from .config import ConfigError, find_config
    from .project import ProjectView, handed_trees
    explicit = getattr(args, "context", None)
    if args.file and args.directory is not None and not explicit:
        explicit = directory  # `dockwise context DIR -f FILE`, as `docker build -f FILE DIR`
    if explicit:
        root = find_repo_root(os.path.dirname(os.path.abspath(dockerfile)), handed_trees([directory]))
        if not os.path.isdir(explicit):
            return None, _fail(f"{explicit}: no such directory")
        return ContextChoice(os.path.abspath(explicit), "cli", repo_root=root), 0
    try:
        cfg = find_config(dockerfile)
    except ConfigError as e:
        return None, _fail(str(e))
    trees = handed_trees([args.directory] if args.directory is not None else [dockerfile])
    return ProjectView(stable=True, trees=trees).context_choice(dockerfile, cfg), 0


def run_context(args) -> int:
    directory = args.directory if args.directory is not None else "."
    if not os.path.isdir(directory):
        return _fail(f"{directory}: no such directory")
    dockerfile = args.file or os.path.join(directory, "Dockerfile")
    if args.file and not os.path.isabs(args.file) and not os.path.exists(args.file):
        dockerfile = os.path.join(directory, args.file)
    if not os.path.isfile(dockerfile):
        return _fail(f"{args.file or dockerfile}: no such Dockerfile")
    choice, code = _choose(args, directory, dockerfile)
    if choice is None:
        return code
    if not choice.decided:
        return _undecided(choice, dockerfile, args.format)
    if args.list:
        view = load_context(choice.directory, dockerfile)
        rejected = _rejection(view)
        if rejected:  # Docker fails such a build: it sends nothing
            return _fail(rejected)
        for p in view.snapshot.sent_paths():
            sys.stdout.write(p + "\n")
        return 0
    report = build_report(choice.directory, dockerfile, choice)
    if args.format == "json":
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        sys.stdout.write(_text(report))
    return 0
