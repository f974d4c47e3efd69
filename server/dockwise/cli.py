"""The `dockwise` command: check, rule, rules, context and lsp. A thin adapter over the core."""

from __future__ import annotations

import argparse
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
from .engine.check import exceeds, file_kind, run
from .engine.diagnostic import Applicability, Severity
from .engine.fixer import fix_text
from .engine.registry import all_rules, is_known
from .files import FileProblem, create_inside, discover, is_lintable_name, load, write_atomic
from .output import FileReport, format_names, formatter
from .output.text import use_colour

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


def _unknown(what: str, value: str, known) -> str:
    """`what 'value'`, with the nearest known name when one is close (a typo)."""
    from .config import did_you_mean
    return f"{what} {value!r}{did_you_mean(value, known)} (known: {', '.join(known)})"


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
    c.add_argument("--context", help="build context directory for the Dockerfiles (default: inferred from compose, "
                                     "bake, CI and build scripts, else each one's folder)")
    c.add_argument("--preview", action="store_true", help="enable preview rules")
    c.add_argument("--pin-digests", action="store_true", help="with --fix/--diff: pin base images to registry digests (network)")
    c.add_argument("--jobs", "-j", type=int, default=0, help="parallel workers for many files (default: all cores)")

    r = sub.add_parser("rule", help="print a rule's documentation")
    r.add_argument("code")
    rs = sub.add_parser("rules", help="list all rules")
    rs.add_argument("--format", choices=["text", "json", "markdown"], default="text")

    ctx = sub.add_parser("context", help="report what a build would send as its context")
    ctx.add_argument("directory", nargs="?", default=None,
                     help="where the Dockerfile is (default: .); with -f, the build context itself")
    ctx.add_argument("-f", "--file", help="the Dockerfile (default: DIRECTORY/Dockerfile)")
    ctx.add_argument("--context", help="the build context (default: inferred, as `dockwise check` does)")
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
                from .config import unknown_selector
                raise UsageError(f"--{name.replace('_', '-')}: {unknown_selector(v)}")
        if values:
            over[name] = values if name != "ignore" and name != "extend_select" else getattr(cfg, name) + values
    if args.failure_threshold:
        try:
            over["failure_threshold"] = Severity.parse(args.failure_threshold)
        except ValueError as e:
            from .config import did_you_mean
            hint = did_you_mean(args.failure_threshold, ["error", "warning", "info", "style"])
            raise UsageError(f"--failure-threshold: {e}{hint}") from None
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


def _missing(targets: list[str]) -> list[str]:
    """Paths that do not exist: a usage error (exit 2), said on standard error; they stay in the
    report as files that could not be read, so a SARIF or JUnit report is still written."""
    missing = [t for t in targets if t != "-" and not os.path.lexists(t)]
    for t in missing:
        print(f"dockwise: error: {t}: no such file or directory", file=sys.stderr)
    return missing


PARALLEL_MIN_FILES = 64  # below this, starting workers costs more than it saves


@dataclass
class FileOutcome:
    report: FileReport
    failing: bool = False
    changed: bool = False
    fixed: int = 0                 # fixes applied, to this file and to the files they edit
    # Every file the fixes changed, by path as shown: its text before the first fix (None: the
    # fix creates it) and after the last. `--diff` prints one diff per path from these.
    before: dict[str, str | None] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)
    stdout: str | bytes | None = None  # `--fix -`: the (fixed) text, for standard output
    messages: list[str] = field(default_factory=list)


def _read_target(target: str, project) -> tuple[str, bool, bytes | None]:
    """(text, invalid UTF-8, raw bytes of standard input). `--diff` reads what earlier
    fixes would have written."""
    if target == "-":
        from .source import decode
        data = sys.stdin.buffer.read()
        dec = decode(data)
        if dec.binary:
            raise FileProblem("skipped: binary input (contains NUL bytes)")
        return dec.text, dec.invalid_utf8, data
    pending = project.pending.get(os.path.abspath(target))
    if pending is not None:
        return pending, False, None
    loaded = load(target)
    return loaded.text, loaded.invalid_utf8, None


def _process(target: str, args, project, cache: dict) -> FileOutcome:
    """Lint (and maybe fix) one file; everything printed later, in input order."""
    name = (args.stdin_filename or "Dockerfile") if target == "-" else target
    try:
        text, invalid, raw = _read_target(target, project)
    except FileProblem as e:
        return FileOutcome(FileReport(name, "", problem=str(e)), failing=True)
    cfg = _config_for(args, os.getcwd() if target == "-" else target, cache)
    result = FileOutcome(FileReport(name, text), messages=[f"warning: {w}" for w in cfg.warnings])
    if (args.fix or args.diff) and not invalid:
        diags = _fix_file(target, name, text, cfg, args, project, result)
        if diags is None:
            return result
    else:
        diags = run(text, name, cfg, **project.for_file(name if target != "-" else "-", text, cfg)).diagnostics
    if target == "-" and args.fix and not args.diff:
        result.stdout = result.report.text if not invalid else raw  # never lose the input
    result.report.diagnostics = diags
    result.failing |= exceeds(diags, cfg.failure_threshold)
    return result


FIX_ROUNDS = 3  # a fix that writes another file (.dockerignore) can change what later fixes see


def _fix_file(target: str, name: str, text: str, cfg, args, project, result: FileOutcome):
    """Fix one file and the files its fixes edit, then return what is left to report (None
    when the fixed text could not be written). After a fix edits another file, the file is
    checked again against the changed surroundings, as a second `--fix` would."""
    current, remaining = text, None
    key = name if target != "-" else "-"
    for _ in range(FIX_ROUNDS):
        outcome = fix_text(current, name, cfg, unsafe=args.unsafe_fixes, **project.for_file(key, current, cfg))
        result.fixed += len(outcome.applied)
        current, remaining = outcome.text, outcome.remaining
        if not (outcome.other_files and _other_file_changes(outcome.other_files, args, result, name, project)):
            break
        project.forget()
        remaining = None
    if args.pin_digests:
        from .pinning import pin_digests
        pinned, problems = pin_digests(current, name)
        result.messages.extend(f"{name}: {m}" for m in problems)
        result.failing |= bool(problems)
        if pinned != current:
            current, remaining = pinned, None
    if remaining is None:
        remaining = run(current, name, cfg, **project.for_file(key, current, cfg)).diagnostics
    result.report.text = current  # the diagnostics left are positions in the fixed text
    if current == text:
        return remaining
    result.changed = True
    if target != "-" and not args.diff:
        try:
            write_atomic(target, current, expected=text)
        except OSError as e:  # FileProblem too: outside the project, hard links, changed meanwhile
            # the findings stay in the report: those of the text as it is on disk
            result.messages.append(f"{name}: fix not written: {e}")
            result.report.text = text
            result.failing = True
            result.changed = False
            return run(text, name, cfg, **project.for_file(key, text, cfg)).diagnostics
    _record_change(result, name, text, current)
    if target != "-" and args.diff:
        project.pending[os.path.abspath(target)] = current
    if target != "-" and file_kind(target) == "dockerignore":
        project.forget()  # the Dockerfiles checked next see the fixed ignore file
    return remaining


def _record_change(result: FileOutcome, path: str, before: str | None, after: str) -> None:
    result.before.setdefault(path, before)
    result.after[path] = after


def _other_file_changes(file_edits, args, result: "FileOutcome", origin: str, project) -> bool:
    """Write (or, with --diff, keep for the diff) fixes that edit another file, such as
    `.dockerignore`. True when a file changed."""
    from .engine.fixer import apply_edits, merged_file_edits
    changed = False
    for path, (create, edits) in merged_file_edits(file_edits).items():
        pending = project.pending.get(os.path.abspath(path))
        exists = pending is not None or os.path.exists(path)
        if not exists and not create:
            result.messages.append(f"{origin}: fix for {path} not applied: the file is missing")
            continue
        try:
            before = pending if pending is not None else load(path).text if exists else ""
        except FileProblem as e:
            result.messages.append(f"{origin}: fix for {path} not applied: {e}")
            continue
        if exists and create:
            edits = [e for e in edits if not (e.start == e.end == 0)]  # it exists now: nothing to create
        after = apply_edits(before, edits) if edits else before
        if after == before:
            continue
        if args.diff:
            project.pending[os.path.abspath(path)] = after
        else:
            try:
                if exists:
                    write_atomic(path, after, expected=before)
                else:
                    create_inside(path, after)
            except OSError as e:
                result.messages.append(f"{origin}: fix for {path} not written: {e}")
                result.failing = True
                continue
        result.changed = changed = True
        _record_change(result, path, before if exists else None, after)
    return changed


def _project_view(args):
    from .project import ProjectView, handed_trees
    writes = args.fix and not args.diff  # a fix may write an ignore file later checks read
    return ProjectView(context_override=args.context, stable=not writes, trees=handed_trees(args.paths or ["."]))



def _worker_outcome(target: str, args, project, cache: dict) -> FileOutcome:
    try:
        return _process(target, args, project, cache)
    except (UsageError, ConfigError) as e:
        return FileOutcome(FileReport(target, "", problem=f"error: {e}"), failing=True)


# A file's model is freed by reference counting once its report is made (an instruction points
# at its stage weakly): over the corpus, young collections after each file found 104 objects to
# free in 827 files, all in the first. So what a file leaves is frozen instead (`after_file`):
# nothing is walked, and the reports kept until the end are never rescanned, as collections
# triggered by allocation counts would do again and again. A high threshold keeps those as a
# safety net only.
GC_YOUNG_THRESHOLD = 100_000


def after_file() -> None:
    gc.freeze()


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
                        after_file()
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


def _outcomes(targets: list[str], args, project=None):
    """`project`: one view shared by the whole run, checked in this process (`--diff` keeps in
    it what earlier fixes would have written)."""
    jobs = args.jobs or os.cpu_count() or 1
    if jobs > 1 and len(targets) >= PARALLEL_MIN_FILES and "-" not in targets and project is None:
        yield from _parallel_outcomes(targets, args, jobs)
        return
    project, cache = project or _project_view(args), {}
    with _collections_per_file():
        for target in targets:
            outcome = _process(target, args, project, cache)
            after_file()
            yield outcome


@dataclass
class FixTally:
    """What the fixes of a whole run changed: one entry per file however many fixes, from
    however many checked files, touched it; texts by absolute path."""
    fixed: int = 0
    shown: dict[str, str] = field(default_factory=dict)    # the path as first shown
    before: dict[str, str | None] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)

    def add(self, outcome: FileOutcome, target: str) -> None:
        from .output.diff import patch_path
        self.fixed += outcome.fixed
        for path, before in outcome.before.items():
            key = "-" if target == "-" and path == outcome.report.path else os.path.abspath(path)
            self.shown.setdefault(key, path if key == "-" else patch_path(path))
            self.before.setdefault(key, before)
            self.after[key] = outcome.after[path]

    def changed(self) -> list[str]:
        return [k for k, text in self.after.items() if text != self.before[k]]

    def diff(self) -> str:
        from .output.diff import unified_diff
        return "".join(unified_diff(self.before[k], self.after[k], self.shown[k]) for k in self.changed())


def _touched_by_others(targets: list[str], outcomes: list[FileOutcome]) -> list[int]:
    """Checked files that another file's fix edited (a Dockerfile's fix adding to the
    `.dockerignore` checked before it): their reports are out of date."""
    edited_by: dict[str, set[int]] = {}
    for i, outcome in enumerate(outcomes):
        for path in outcome.before:
            edited_by.setdefault(os.path.abspath(path), set()).add(i)
    return [i for i, t in enumerate(targets)
            if t != "-" and edited_by.get(os.path.abspath(t), set()) - {i}]


def _fix_outcomes(targets: list[str], args) -> tuple[list[FileOutcome], FixTally]:
    """Every file's outcome, then, for files another file's fix edited, the outcome of
    checking (and fixing) them again as they are now, so the report shows what is left."""
    project = _project_view(args) if args.diff else None  # --diff: one overlay of pending texts
    outcomes = list(_outcomes(targets, args, project))
    tally = FixTally()
    for target, outcome in zip(targets, outcomes):
        tally.add(outcome, target)
    if args.fix or args.diff:
        stale = _touched_by_others(targets, outcomes)
        if stale:
            project = project or _project_view(args)
            project.forget()
            cache: dict = {}
            for i in stale:
                again = _process(targets[i], args, project, cache)
                again.messages = outcomes[i].messages + again.messages
                again.changed |= outcomes[i].changed
                tally.add(again, targets[i])
                outcomes[i] = again
    return outcomes, tally


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
        raise UsageError(_unknown("--format: unknown format", args.format, format_names()))
    report_out = None if args.diff else _open_report(args)  # a bad --output-file fails before any work
    targets = _targets(args)
    missing = _missing(targets)
    from .project import expand_ignore_targets, handed_trees
    targets = expand_ignore_targets(targets, args.context,  # an ignore file re-checks its Dockerfiles
                                    handed_trees(args.paths or ["."]))
    _config_for(args, targets[0] if targets and targets[0] != "-" else os.getcwd(), {})  # bad config/flags: fail fast
    if _streamed(args):
        return _stream_report(targets, args, report_out, missing)
    outcomes, tally = _fix_outcomes(targets, args)
    reports = [o.report for o in outcomes]
    failing = any(o.failing for o in outcomes)
    for m in dict.fromkeys(m for outcome in outcomes for m in outcome.messages):  # once each
        print(m, file=sys.stderr)
    changed = len(tally.changed())
    if args.diff:
        sys.stdout.write(tally.diff())
        total = sum(len(r.diagnostics) for r in reports)
        print(f"{changed} file(s) would be changed by {tally.fixed} fix(es); {total} finding(s) would remain",
              file=sys.stderr)
        if missing:
            return EXIT_ERROR
        if args.exit_zero:
            return EXIT_CLEAN
        return EXIT_FINDINGS if changed or failing else EXIT_CLEAN
    # `--fix -`: the fixed text alone on standard output, the report on standard error
    fixed_stdin = next((o.stdout for o in outcomes if o.stdout is not None), None)
    report_stream = sys.stderr if fixed_stdin is not None else sys.stdout
    colour = use_colour(report_stream) and not args.output_file
    out = fmt(reports, colour=colour, quiet=args.quiet)
    if args.statistics and args.format == "text":
        counts = Counter(d.code for r in reports for d in r.diagnostics)
        rules = all_rules()
        out += "".join(f"{n:5d}  {code:8s} {rules[code].name if code in rules else ''}\n" for code, n in counts.most_common())
    if args.format == "text" and not args.quiet:
        out += _summary(reports, tally, args, failing)
    if fixed_stdin is not None:
        if isinstance(fixed_stdin, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(fixed_stdin)
        else:
            sys.stdout.write(fixed_stdin)
        sys.stdout.flush()
    if args.output_file or report_stream is sys.stdout:
        report_out.write(out)
        report_out.finish()
    else:
        report_stream.write(out)
    if missing:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    if failing or (args.fix and changed):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _streamed(args) -> bool:
    """A JSON or SARIF report of a run that fixes nothing is written file by file, as each is checked
    (a fixing run may re-check files another file's fix edited: its report waits for the end)."""
    return args.format in ("json", "sarif") and not (args.fix or args.diff)


def _stream_report(targets: list[str], args, report_out, missing) -> int:
    if args.format == "sarif":
        from .output.extra_formats import SarifWriter as Writer
    else:
        from .output.json_format import JsonWriter as Writer
    writer = Writer(report_out)
    failing = False
    for outcome in _outcomes(targets, args):
        writer.add(outcome.report)  # written now; only what the exit code needs is kept
        failing |= outcome.failing
        for m in outcome.messages:
            print(m, file=sys.stderr)
    writer.close()
    report_out.finish()
    if missing:
        return EXIT_ERROR
    return EXIT_CLEAN if args.exit_zero or not failing else EXIT_FINDINGS


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


SUMMARY_FILES = 5  # the summary names the files a fix changed up to this many


def _summary(reports: list[FileReport], tally: FixTally, args, failing: bool = True) -> str:
    """ruff's closing lines: what was fixed, what is left, and what a fix could still do."""
    out = ""
    total = sum(len(r.diagnostics) for r in reports)
    safe = sum(1 for r in reports for d in r.diagnostics if d.fix and d.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for r in reports for d in r.diagnostics if d.fix and d.fix.applicability is Applicability.UNSAFE)
    changed = [tally.shown[k] for k in tally.changed()]
    if args.fix and changed:
        named = f": {', '.join(changed)}" if len(changed) <= SUMMARY_FILES else ""
        out += f"Applied {tally.fixed} fix(es) to {len(changed)} file(s){named}.\n"
    if total:
        hint = ""
        if safe or unsafe:
            hint = f" ({safe} fixable with --fix" + (f", {unsafe} more with --unsafe-fixes" if unsafe else "") + ")"
        left = " remaining" if args.fix and changed else ""
        below = "" if failing or args.exit_zero else "; none reaches the failure threshold"
        out += f"Found {total}{left} problem(s) in {len(reports)} file(s){hint}{below}.\n"
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
        from .engine.registry import REMOVED
        if args.code.strip().upper() in REMOVED:
            print(f"{args.code.strip().upper()} was removed: {REMOVED[args.code.strip().upper()]}")
            return EXIT_CLEAN
        from .config import did_you_mean, rule_selectors
        raise UsageError(f"unknown rule {args.code!r}{did_you_mean(args.code, rule_selectors())} "
                         "(`dockwise rules` lists them)")
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
    print(_rules_table(rules), end="")
    return EXIT_CLEAN


def _rules_table(rules) -> str:
    """`dockwise rules`: a header, then one line per rule with its one-line summary."""
    width = max((len(r.name) for r in rules.values()), default=4)
    lines = [f"{'CODE':8s} {'SEVERITY':8s} {'FIX':9s} {'DEFAULT':7s} {'NAME':{width}s} SUMMARY"]
    for c, r in rules.items():
        default = "preview" if r.preview else "on" if r.default_enabled else "off"
        lines.append(f"{c:8s} {r.severity.label:8s} {r.fix_availability.value:9s} {default:7s} {r.name:{width}s} {r.summary()}")
    lines.append(f"{len(rules)} rules; `dockwise rule CODE` prints a rule's documentation.")
    return "\n".join(lines) + "\n"


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
