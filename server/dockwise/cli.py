"""The `dockwise` command: check, rule, rules, context and lsp. A thin adapter over the core."""

from __future__ import annotations

import argparse
import difflib
import gc
import os
import signal
import stat
import sys
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .config import Config, ConfigError, find_config, load_file
from .engine.check import exceeds, run
from .engine.diagnostic import Applicability, Severity
from .engine.fixer import fix_text
from .engine.registry import all_rules, is_known
from .files import FileProblem, create_inside, discover, is_lintable_name, load, write_atomic
from .output import FileReport, format_names, formatter
from .output.text import use_colour

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dockwise", description="Lint and safely fix Dockerfiles and .dockerignore files.")
    p.add_argument("--version", action="version", version=f"dockwise {__version__}")
    sub = p.add_subparsers(dest="command")

    c = sub.add_parser("check", help="lint files (default: the current directory)")
    c.add_argument("paths", nargs="*", help="files or directories; '-' reads standard input")
    c.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    c.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes that may change behaviour")
    c.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    c.add_argument("--select", help="comma-separated rules/prefixes to enable instead of the defaults")
    c.add_argument("--extend-select", help="comma-separated rules/prefixes to enable in addition")
    c.add_argument("--ignore", help="comma-separated rules/prefixes to disable")
    c.add_argument("--format", default="text", help="output format: " + ", ".join(format_names()))
    c.add_argument("--output-file", help="write the report to a file instead of standard output")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    c.add_argument("--failure-threshold", help="lowest severity that fails: error, warning, info, style")
    c.add_argument("--statistics", action="store_true", help="count findings per rule")
    c.add_argument("--quiet", "-q", action="store_true", help="findings only, no code frames or summary")
    c.add_argument("--stdin-filename", help="the file name standard input stands for")
    c.add_argument("--config", help="use this configuration file instead of the nearest one")
    c.add_argument("--context", help="build context directory for the Dockerfiles (default: each one's folder)")
    c.add_argument("--preview", action="store_true", help="enable preview rules")
    c.add_argument("--pin-digests", action="store_true", help="with --fix/--diff: pin base images to registry digests (network)")
    c.add_argument("--jobs", "-j", type=int, default=0, help="parallel workers for many files (default: all cores)")

    r = sub.add_parser("rule", help="print a rule's documentation")
    r.add_argument("code")
    rs = sub.add_parser("rules", help="list all rules")
    rs.add_argument("--format", choices=["text", "json", "markdown"], default="text")

    ctx = sub.add_parser("context", help="report what a build would send as its context")
    ctx.add_argument("directory", nargs="?", default=".")
    ctx.add_argument("-f", "--file", help="the Dockerfile (default: DIRECTORY/Dockerfile)")
    ctx.add_argument("--format", choices=["text", "json"], default="text")
    ctx.add_argument("--list", action="store_true", help="print every path the build would send")

    lsp = sub.add_parser("lsp", help="run the language server (stdio)")
    lsp.add_argument("--stdio", action="store_true", help="(default) talk over standard input/output")
    lsp.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead, for debugging")
    return p


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _config_for(args, path: str, cache: dict) -> Config:
    # Files of one folder share their configuration; a symlinked file is looked up from its
    # target's folder (find_config resolves it), so it is not cached by its link's folder.
    try:
        plain_file = stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        plain_file = False
    key = ("folder", os.path.dirname(path)) if plain_file else ("path", path)
    cfg = cache.get(key)
    if cfg is None:
        cfg = cache[key] = _make_config(args, path, cache)
    return cfg


def _make_config(args, path: str, cache: dict) -> Config:
    if args.config:
        if "explicit" not in cache:
            cache["explicit"] = load_file(args.config)
        cfg = cache["explicit"]
    else:
        cfg = find_config(path if path != "-" else os.getcwd())
    over = {}
    for name in ("select", "extend_select", "ignore"):
        values = _split(getattr(args, name))
        for v in values:
            if not is_known(v):
                raise UsageError(f"--{name.replace('_', '-')}: unknown rule or prefix {v!r}")
        if values:
            over[name] = values if name != "ignore" and name != "extend_select" else getattr(cfg, name) + values
    if args.failure_threshold:
        try:
            over["failure_threshold"] = Severity.parse(args.failure_threshold)
        except ValueError as e:
            raise UsageError(f"--failure-threshold: {e}") from None
    if args.preview:
        over["preview"] = True
    return cfg.with_overrides(**over) if over else cfg


def _targets(args) -> list[str]:
    paths = args.paths or ["."]
    out: list[str] = []
    for raw in paths:
        if raw == "-":
            out.append("-")
            continue
        p = Path(raw)
        if p.is_dir():
            found = discover(p)
            if not found:
                raise UsageError(f"{raw}: no Dockerfiles or .dockerignore files found")
            out.extend(str(f) for f in found)
        else:
            out.append(raw)
    return out


PARALLEL_MIN_FILES = 64  # below this, starting workers costs more than it saves


@dataclass
class FileOutcome:
    report: FileReport
    failing: bool = False
    changed: bool = False
    diff: str = ""
    messages: list[str] = field(default_factory=list)


def _process(target: str, args, project, cache: dict) -> FileOutcome:
    """Lint (and maybe fix) one file; everything printed later, in input order."""
    name = (args.stdin_filename or "Dockerfile") if target == "-" else target
    if target == "-":
        from .source import decode
        dec = decode(sys.stdin.buffer.read())
        if dec.binary:
            return FileOutcome(FileReport(name, "", problem="skipped: binary input (contains NUL bytes)"), failing=True)
        text, invalid = dec.text, dec.invalid_utf8
    else:
        try:
            loaded = load(target)
        except FileProblem as e:
            return FileOutcome(FileReport(target, "", problem=str(e)), failing=True)
        text, invalid = loaded.text, loaded.invalid_utf8
    cfg = _config_for(args, os.getcwd() if target == "-" else target, cache)
    extra = project.for_file(name if target != "-" else "-", text, cfg)
    result = FileOutcome(FileReport(name, text))
    diags = None
    if (args.fix or args.diff) and not invalid:
        outcome = fix_text(text, name, cfg, unsafe=args.unsafe_fixes, **extra)
        new_text = outcome.text
        if args.pin_digests:
            from .pinning import pin_digests
            pinned, problems = pin_digests(new_text, name)
            result.messages.extend(f"{name}: {m}" for m in problems)
            result.failing |= bool(problems)
            if pinned != new_text:
                new_text = pinned
                outcome.remaining = run(new_text, name, cfg, **extra).diagnostics
        if outcome.other_files:
            _other_file_changes(outcome.other_files, args, result, name)
        if new_text != text:
            result.changed = True
            if args.diff:
                result.diff = "".join(difflib.unified_diff(text.splitlines(True), new_text.splitlines(True), name, name)) + result.diff
            elif target == "-":
                sys.stdout.write(new_text)
            else:
                try:
                    write_atomic(target, new_text, expected=text)
                except OSError as e:
                    # the findings stay in the report: those of the text as it is on disk
                    result.messages.append(f"{name}: fix not written: {e}")
                    result.failing = True
                    result.changed = False
                    result.report.text = text
                    result.report.diagnostics = run(text, name, cfg, **extra).diagnostics
                    return result
        if not args.diff:
            diags = outcome.remaining
            result.report.text = new_text
    if diags is None:
        diags = run(text, name, cfg, **extra).diagnostics
    result.report.diagnostics = diags
    result.failing |= exceeds(diags, cfg.failure_threshold)
    return result


def _other_file_changes(file_edits, args, result: "FileOutcome", origin: str) -> None:
    """Write (or, with --diff, show) fixes that edit another file, such as `.dockerignore`."""
    from .engine.fixer import apply_edits, merged_file_edits
    for path, (create, edits) in merged_file_edits(file_edits).items():
        exists = os.path.exists(path)
        if not exists and not create:
            result.messages.append(f"{origin}: fix for {path} not applied: the file is missing")
            continue
        try:
            before = load(path).text if exists else ""
        except FileProblem as e:
            result.messages.append(f"{origin}: fix for {path} not applied: {e}")
            continue
        if exists and create:
            edits = [e for e in edits if not (e.start == e.end == 0)]  # it exists now: nothing to create
        after = apply_edits(before, edits) if edits else before
        if after == before:
            continue
        result.changed = True
        if args.diff:
            result.diff += "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True),
                                                        path if exists else "/dev/null", path))
            continue
        try:
            if exists:
                write_atomic(path, after, expected=before)
            else:
                create_inside(path, after)
        except OSError as e:
            result.messages.append(f"{origin}: fix for {path} not written: {e}")
            result.failing = True


def _project_view(args):
    from .project import ProjectView
    writes = args.fix and not args.diff  # a fix may write an ignore file later checks read
    return ProjectView(context_override=args.context, stable=not writes)


def _worker_outcome(target: str, args, project, cache: dict) -> FileOutcome:
    try:
        return _process(target, args, project, cache)
    except (UsageError, ConfigError) as e:
        return FileOutcome(FileReport(target, "", problem=f"error: {e}"), failing=True)


# Each file's model is cyclic garbage (instructions <-> stages). Collecting the young generation
# after each file (gc.collect(0)) frees it at little cost; collections triggered by allocation
# counts would also rescan, again and again, the reports kept until the end. A high threshold
# keeps them as a safety net only.
GC_YOUNG_THRESHOLD = 100_000


@contextmanager
def _collections_per_file():
    old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


MIN_CHUNK = 8


def _chunks(targets: list[str], jobs: int) -> list[list[str]]:
    """Big chunks first, so that the files of a folder mostly go to one worker (its caches:
    context walks, image tables); smaller ones towards the end, so that workers finish together."""
    chunks, i = [], 0
    while i < len(targets):
        size = max(MIN_CHUNK, (len(targets) - i) // (2 * jobs))
        chunks.append(targets[i:i + size])
        i += size
    return chunks


def _work(chunks: list[list[str]], args, counter, lock, conn) -> None:
    """A worker process: takes the next chunk until none is left, sends (index, outcomes or an
    exception) for each, then None."""
    gc.freeze()  # what the parent had stays untouched: no copy-on-write from collecting it
    project, cache = _project_view(args), {}
    try:
        with _collections_per_file():
            while True:
                with lock:
                    i = counter.value
                    counter.value = i + 1
                if i >= len(chunks):
                    break
                try:
                    outcomes = []
                    for target in chunks[i]:
                        outcomes.append(_worker_outcome(target, args, project, cache))
                        gc.collect(0)
                    conn.send((i, outcomes, None))
                except Exception as e:  # noqa: BLE001 - raised again in the parent, at this chunk
                    conn.send((i, None, e))
        conn.send(None)
    except KeyboardInterrupt:  # Ctrl-C reaches every process: the parent reports it
        pass
    conn.close()


def _prepare_workers() -> None:
    """Imports and tables every worker would otherwise load for itself: done once, before forking."""
    from . import project  # noqa: F401
    from .buildcontext import view  # noqa: F401
    from .knowledge import eol, images
    eol.preload()
    images.preload()


def _parallel_outcomes(targets: list[str], args, jobs: int):
    """Outcomes in input order from `jobs` worker processes that take the next chunk of files
    when they are free (a shared counter, no pool: this process only reads their results)."""
    import multiprocessing
    from multiprocessing.connection import wait
    fork = sys.platform != "win32"
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    if fork:
        _prepare_workers()
    chunks = _chunks(targets, jobs)
    counter, lock = ctx.RawValue("i", 0), ctx.Lock()
    workers, readers = [], []
    try:
        for _ in range(min(jobs, len(chunks))):
            reader, writer = ctx.Pipe(duplex=False)
            w = ctx.Process(target=_work, args=(chunks, args, counter, lock, writer), daemon=True)
            w.start()
            writer.close()
            workers.append(w)
            readers.append(reader)
        ready: dict[int, tuple] = {}
        for i in range(len(chunks)):
            while i not in ready:
                if not readers:
                    raise RuntimeError("a worker process stopped before checking all files")
                for reader in wait(readers):
                    try:
                        message = reader.recv()
                    except EOFError:
                        message = None
                    if message is None:
                        readers.remove(reader)
                    else:
                        ready[message[0]] = message[1:]
            outcomes, error = ready.pop(i)
            if error is not None:
                raise error
            yield from outcomes
        for w in workers:
            w.join()
    finally:  # all at once: a stop (Ctrl-C, SIGTERM) must not wait for one worker after another
        alive = [w for w in workers if w.is_alive()]
        for w in alive:
            w.terminate()
        for w in alive:
            w.join()
        for reader in readers:
            reader.close()


def _outcomes(targets: list[str], args):
    jobs = args.jobs or os.cpu_count() or 1
    if jobs > 1 and len(targets) >= PARALLEL_MIN_FILES and "-" not in targets:
        yield from _parallel_outcomes(targets, args, jobs)
        return
    project, cache = _project_view(args), {}
    with _collections_per_file():
        for target in targets:
            outcome = _process(target, args, project, cache)
            gc.collect(0)
            yield outcome


def _stop_on_sigterm() -> None:
    """SIGTERM stops a run as Ctrl-C does: the exception unwinds, each write in progress
    finishes or removes its temporary file, and the workers are terminated (they inherit this
    handler, so they stop the same way)."""
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _raise_interrupt)


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def cmd_check(args) -> int:
    _stop_on_sigterm()
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (all cores) or more")
    fmt = formatter(args.format)
    if fmt is None:
        raise UsageError(f"--format: unknown format {args.format!r} (known: {', '.join(format_names())})")
    report_out = None if args.diff else _open_report(args)  # a bad --output-file fails before any work
    targets = _targets(args)
    from .project import expand_ignore_targets
    targets = expand_ignore_targets(targets, args.context)  # an ignore file re-checks its Dockerfiles
    _config_for(args, targets[0] if targets and targets[0] != "-" else os.getcwd(), {})  # bad config/flags: fail fast
    reports: list[FileReport] = []
    failing = False
    changed = 0
    diffs: list[str] = []
    streamed = _streamed_writer(args, report_out)
    for outcome in _outcomes(targets, args):
        if streamed is not None:  # written now; only what the exit code needs is kept
            streamed.add(outcome.report)
            outcome.report = FileReport(outcome.report.path, "", problem=outcome.report.problem)
        reports.append(outcome.report)
        failing |= outcome.failing
        changed += outcome.changed
        diffs.append(outcome.diff)
        for m in outcome.messages:
            print(m, file=sys.stderr)
    if args.diff:
        sys.stdout.write("".join(diffs))
        total = sum(len(r.diagnostics) for r in reports)
        print(f"{changed} file(s) would be changed; {total} finding(s) in all", file=sys.stderr)
        if args.exit_zero:
            return EXIT_CLEAN
        return EXIT_FINDINGS if changed or failing else EXIT_CLEAN
    if streamed is not None:
        streamed.close()
        report_out.finish()
        return EXIT_CLEAN if args.exit_zero else EXIT_FINDINGS if failing or (args.fix and changed) else EXIT_CLEAN
    colour = use_colour() and not args.output_file
    out = fmt(reports, colour=colour, quiet=args.quiet)
    if args.statistics and args.format == "text":
        counts = Counter(d.code for r in reports for d in r.diagnostics)
        rules = all_rules()
        out += "".join(f"{n:5d}  {code:8s} {rules[code].name if code in rules else ''}\n" for code, n in counts.most_common())
    if args.format == "text" and not args.quiet:
        out += _summary(reports, changed, args)
    report_out.write(out)
    report_out.finish()
    if args.exit_zero:
        return EXIT_CLEAN
    if failing or (args.fix and changed):
        return EXIT_FINDINGS
    return EXIT_CLEAN


class OutputError(Exception):
    """The report cannot be written (a missing folder, a full disk, a closed standard output)."""


class _ReportOut:
    """Where the report goes: a write that fails is one line naming the destination, exit 2."""

    def __init__(self, stream, name: str, owned: bool) -> None:
        self.stream, self.name, self.owned = stream, name, owned

    def write(self, text: str) -> None:
        try:
            self.stream.write(text)
        except OSError as e:
            raise OutputError(f"cannot write the report to {self.name}: {e.strerror or e}") from None

    def finish(self) -> None:
        try:
            self.stream.flush()
            if self.owned:
                self.stream.close()
        except OSError as e:
            raise OutputError(f"cannot write the report to {self.name}: {e.strerror or e}") from None


def _open_report(args) -> _ReportOut:
    # surrogateescape: a file name that is not UTF-8 is written back as the bytes it was
    if args.output_file:
        try:
            fh = open(args.output_file, "w", encoding="utf-8", errors="surrogateescape")
        except OSError as e:
            raise OutputError(f"--output-file {args.output_file}: {e.strerror or e}") from None
        return _ReportOut(fh, args.output_file, True)
    if sys.stdout is None:
        raise OutputError("standard output is closed")
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="surrogateescape")
    return _ReportOut(sys.stdout, "standard output", False)


def _streamed_writer(args, report_out):
    """A writer that takes each file's findings as they come (JSON), or None (built at the end)."""
    if args.diff or args.format != "json":
        return None
    from .output.json_format import JsonWriter
    return JsonWriter(report_out)


def _summary(reports: list[FileReport], changed: int, args) -> str:
    out = ""
    total = sum(len(r.diagnostics) for r in reports)
    safe = sum(1 for r in reports for d in r.diagnostics if d.fix and d.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for r in reports for d in r.diagnostics if d.fix and d.fix.applicability is Applicability.UNSAFE)
    if args.fix and changed:
        out += f"Fixed {changed} file(s).\n"
    if total:
        hint = ""
        if safe or unsafe:
            hint = f" ({safe} fixable with --fix" + (f", {unsafe} more with --unsafe-fixes" if unsafe else "") + ")"
        out += f"Found {total} problem(s) in {len(reports)} file(s){hint}.\n"
    elif not any(r.problem for r in reports):
        out += f"All checks passed ({len(reports)} file(s)).\n"
    return out


def cmd_rule(args) -> int:
    from .engine.registry import resolve
    codes = resolve(args.code)
    rules = all_rules()
    exact = [c for c in codes if c.lower() == args.code.lower() or rules[c].name == args.code.lower()
             or (rules[c].buildkit_name or "").lower() == args.code.lower()]
    if not codes:
        raise UsageError(f"unknown rule {args.code!r}; `dockwise rules` lists them")
    for code in exact or codes:
        r = rules[code]
        extra = f"  (BuildKit: {r.buildkit_name})" if r.buildkit_name else ""
        print(f"# {code} {r.name}{extra}\n")
        print(f"Category: {r.category.value}. Default severity: {r.severity.label}. Fix: {r.fix_availability.value}."
              + (" Off by default." if not r.default_enabled else "") + (" Preview." if r.preview else "") + "\n")
        print(r.docs() + "\n")
    return EXIT_CLEAN


def cmd_rules(args) -> int:
    rules = all_rules()
    if args.format == "json":
        import json
        print(json.dumps([{"code": c, "name": r.name, "category": r.category.value, "severity": r.severity.label,
                           "fix": r.fix_availability.value, "default": r.default_enabled, "preview": r.preview,
                           "buildkit": r.buildkit_name, "summary": r.summary(), "url": r.url()}
                          for c, r in rules.items()], indent=2))
        return EXIT_CLEAN
    if args.format == "markdown":
        print("| Code | Name | Category | Severity | Fix | Default |\n|---|---|---|---|---|---|")
        for c, r in rules.items():
            bk = f" ({r.buildkit_name})" if r.buildkit_name else ""
            print(f"| [{c}](docs/rules/{c}.md) | {r.name}{bk} | {r.category.value} | {r.severity.label} | "
                  f"{r.fix_availability.value} | {'on' if r.default_enabled and not r.preview else 'off'} |")
        return EXIT_CLEAN
    for c, r in rules.items():
        flags = ("fix" if r.fix_availability.value != "never" else "   ") + ("  off" if not r.default_enabled or r.preview else "")
        print(f"{c:8s} {r.category.value:15s} {r.severity.label:8s} {flags:8s} {r.name}")
    return EXIT_CLEAN


def cmd_context(args) -> int:
    from .context_cli import run_context
    return run_context(args)


def cmd_lsp(args) -> int:
    if args.tcp:
        _check_tcp_address(args.tcp)
    from .lsp.server import serve
    return serve(tcp=args.tcp)


def _check_tcp_address(address: str) -> None:
    """HOST:PORT with a port that exists, before the server tries to listen there."""
    _, _, port = address.rpartition(":")
    if not port.isdigit():
        raise UsageError(f"--tcp expects HOST:PORT, got {address!r}")
    if not 0 <= int(port) <= 65535:
        raise UsageError(f"--tcp {address}: the port must be between 0 and 65535")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    handler = {"check": cmd_check, "rule": cmd_rule, "rules": cmd_rules, "context": cmd_context,
               "lsp": cmd_lsp}[args.command]
    try:
        code = handler(args)
        if sys.stdout is not None and not sys.stdout.closed:
            sys.stdout.flush()  # here, where a full disk is reported, not at the interpreter's exit
        return code
    except (UsageError, ConfigError) as e:
        print(f"dockwise: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except OutputError as e:
        _quiet_stdout()
        print(f"dockwise: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("dockwise: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_CLEAN
    except OSError as e:  # e.g. standard output on a full disk
        _quiet_stdout()
        where = f"{e.filename}: " if e.filename else ""
        print(f"dockwise: error: {where}{e.strerror or e}", file=sys.stderr)
        return EXIT_ERROR


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of text that
    could not be written does not print a traceback of its own."""
    try:
        if sys.stdout is not None:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
