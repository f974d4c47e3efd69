"""Running checks over files: one file; many files in worker processes; outcomes streamed in
input order. The CLI parses arguments and prints; this module does the work in between (finding
each file's configuration, reading, checking, fixing, writing), so it has no printing of its own:
what a file says goes in its `FileOutcome`."""

from __future__ import annotations

import gc
import os
import stat
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field

from .config import Config, ConfigError, find_config, load_file
from .engine.check import exceeds, file_kind, run
from .engine.diagnostic import Severity
from .files import FileProblem, create_inside, load, write_atomic
from .output import FileReport
from .rules.registry import is_known


class UsageError(Exception):
    """A bad flag or flag value: the CLI says it and exits with 2."""


@dataclass(frozen=True)
class RunOptions:
    """What a run needs to know, named as the `dockwise check` flags."""
    paths: tuple[str, ...] = ()
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    pin_digests: bool = False
    stdin_filename: str | None = None
    context: str | None = None
    jobs: int = 0                      # 0: one worker per core
    config: str | None = None          # an explicit configuration file
    select: str | None = None          # comma-separated codes, as on the command line
    extend_select: str | None = None
    ignore: str | None = None
    failure_threshold: str | None = None
    preview: bool = False
    prefer_fix: tuple[str, ...] = ()   # alternative fix kinds to apply instead of findings' own fixes

    @classmethod
    def from_args(cls, args) -> "RunOptions":
        return cls(**{f: getattr(args, f) for f in cls.__dataclass_fields__})


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def config_for(opts: RunOptions, path: str, cache: dict) -> Config:
    """The configuration `path` is checked with: the nearest configuration file (or --config)
    with the command line's overrides. A bad flag raises UsageError, a bad file ConfigError."""
    # Files of one folder share their configuration; a symlinked file is looked up from its
    # target's folder (find_config resolves it), so it is not cached by its link's folder.
    try:
        plain_file = stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        plain_file = False
    key = ("folder", os.path.dirname(path)) if plain_file else ("path", path)
    cfg = cache.get(key)
    if cfg is None:
        cfg = cache[key] = _make_config(opts, path, cache)
    return cfg


def _make_config(opts: RunOptions, path: str, cache: dict) -> Config:
    if opts.config:
        if "explicit" not in cache:
            cache["explicit"] = load_file(opts.config)
        cfg = cache["explicit"]
    else:
        cfg = find_config(path if path != "-" else os.getcwd())
    over = {}
    for name in ("select", "extend_select", "ignore"):
        values = _split(getattr(opts, name))
        for v in values:
            if not is_known(v):
                from .config import unknown_selector
                raise UsageError(f"--{name.replace('_', '-')}: {unknown_selector(v)}")
        if values:
            over[name] = values if name != "ignore" and name != "extend_select" else getattr(cfg, name) + values
            from .rules.registry import selector_warnings  # removed/redirected codes: said once, not an error
            noted = tuple(f"--{name.replace('_', '-')}: {w}" for w in selector_warnings(values))
            if noted:
                over["warnings"] = over.get("warnings", cfg.warnings) + noted
    if opts.failure_threshold:
        try:
            over["failure_threshold"] = Severity.parse(opts.failure_threshold)
        except ValueError as e:
            from .config import did_you_mean
            hint = did_you_mean(opts.failure_threshold, ["error", "warning", "info", "style"])
            raise UsageError(f"--failure-threshold: {e}{hint}") from None
    if opts.preview:
        over["preview"] = True
    if opts.prefer_fix:
        from .config import ConfigError, fix_kinds
        try:
            over["prefer_fixes"] = fix_kinds("--prefer-fix", "", list(dict.fromkeys(opts.prefer_fix)))
        except ConfigError as e:
            raise UsageError(f"--prefer-fix: {e.problem}") from None
    return cfg.with_overrides(**over) if over else cfg


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


def _process(target: str, opts: RunOptions, project, cache: dict) -> FileOutcome:
    """Lint (and maybe fix) one file; everything printed later, in input order."""
    name = (opts.stdin_filename or "Dockerfile") if target == "-" else target
    try:
        text, invalid, raw = _read_target(target, project)
    except FileProblem as e:
        return FileOutcome(FileReport(name, "", problem=str(e)), failing=True)
    cfg = config_for(opts, os.getcwd() if target == "-" else target, cache)
    result = FileOutcome(FileReport(name, text), messages=[f"warning: {w}" for w in cfg.warnings])
    if (opts.fix or opts.diff) and not invalid:
        diags = _fix_file(target, name, text, cfg, opts, project, result)
        if diags is None:
            return result
    else:
        model = _model_of(name, text)
        key = name if target != "-" else "-"
        diags = run(text, name, cfg, model=model, **project.for_file(key, text, cfg, model=model)).diagnostics
    if target == "-" and opts.fix and not opts.diff:
        result.stdout = result.report.text if not invalid else raw  # never lose the input
    result.report.diagnostics = diags
    result.failing |= exceeds(diags, cfg.failure_threshold)
    return result


def _model_of(name: str, text: str):
    """A Dockerfile's parse, shared by the build context inference (its COPY sources) and the
    check, which would each parse it otherwise; None for an ignore file."""
    if file_kind(name) != "dockerfile":
        return None
    from .dockerfile import parse
    return parse(text)


FIX_ROUNDS = 3  # a fix that writes another file (.dockerignore) can change what later fixes see


def _fix_file(target: str, name: str, text: str, cfg, opts: RunOptions, project, result: FileOutcome):
    """Fix one file and the files its fixes edit, then return what is left to report (None
    when the fixed text could not be written). After a fix edits another file, the file is
    checked again against the changed surroundings, as a second `--fix` would."""
    from .engine.fixer import fix_text  # only with --fix or --diff
    current, remaining = text, None
    key = name if target != "-" else "-"
    for _ in range(FIX_ROUNDS):
        outcome = fix_text(current, name, cfg, unsafe=opts.unsafe_fixes, **project.for_file(key, current, cfg))
        result.fixed += len(outcome.applied)
        _report_fix_problems(outcome.problems, name, result)
        current, remaining = outcome.text, outcome.remaining
        if not (outcome.other_files and _other_file_changes(outcome.other_files, opts, result, name, project)):
            break
        project.forget()
        remaining = None
    if opts.pin_digests:
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
    if target != "-" and not opts.diff:
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
    if target != "-" and opts.diff:
        project.pending[os.path.abspath(target)] = current
    if target != "-" and file_kind(target) == "dockerignore":
        project.forget()  # the Dockerfiles checked next see the fixed ignore file
    return remaining


def _report_fix_problems(problems, name: str, result: FileOutcome) -> None:
    """A fix refused for breaking the file or never converging: one warning line each (on
    standard error) and a SARIF notification, once per file."""
    for p in problems:
        line = f"warning: {p.describe(name)}"
        if line not in result.messages:
            result.messages.append(line)
            result.report.fix_problems.append((p.code, p.describe(name)))


def _record_change(result: FileOutcome, path: str, before: str | None, after: str) -> None:
    result.before.setdefault(path, before)
    result.after[path] = after


def _other_file_changes(file_edits, opts: RunOptions, result: "FileOutcome", origin: str, project) -> bool:
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
        if opts.diff:
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


def _project_view(opts: RunOptions):
    from .project import ProjectView, handed_trees
    writes = opts.fix and not opts.diff  # a fix may write an ignore file later checks read
    return ProjectView(context_override=opts.context, stable=not writes, trees=handed_trees(opts.paths or ["."]))


class RunError(Exception):
    """The run could not go on (a worker process died): the CLI says it and exits with 2."""


def _checked(target: str, opts: RunOptions, project, cache: dict) -> FileOutcome:
    """One file's outcome; a crash while checking it (a dockwise bug: rules that raise are
    already skipped by the engine) becomes that file's one-line problem, and the run goes on.
    Usage, configuration and system errors end the run as before."""
    try:
        return _process(target, opts, project, cache)
    except (UsageError, ConfigError, OSError):
        raise
    except Exception as e:  # noqa: BLE001 - one file's crash must not hide the others' findings
        name = (opts.stdin_filename or "Dockerfile") if target == "-" else target
        return FileOutcome(FileReport(name, "", problem=f"internal error: {type(e).__name__}: {e} "
                                      "(a dockwise bug; please report it with this file)"), failing=True)


def _worker_outcome(target: str, opts: RunOptions, project, cache: dict) -> FileOutcome:
    try:
        return _checked(target, opts, project, cache)
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
def collections_per_file():
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


def _work(chunks: list[list[str]], opts: RunOptions, counter, lock, conn) -> None:
    """A worker process: takes the next chunk until none is left, sends (index, outcomes or an
    exception) for each, then None."""
    gc.freeze()  # what the parent had stays untouched: no copy-on-write from collecting it
    project, cache = _project_view(opts), {}
    try:
        with collections_per_file():
            while True:
                with lock:
                    i = counter.value
                    counter.value = i + 1
                if i >= len(chunks):
                    break
                try:
                    outcomes = []
                    for target in chunks[i]:
                        outcomes.append(_worker_outcome(target, opts, project, cache))
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
    from .rules.registry import all_rules
    eol.preload()
    images.preload()
    all_rules()  # over many files most rules run: import them once here, not in every worker


def _parallel_outcomes(targets: list[str], opts: RunOptions, jobs: int):
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
            w = ctx.Process(target=_work, args=(chunks, opts, counter, lock, writer), daemon=True)
            w.start()
            writer.close()
            workers.append(w)
            readers.append(reader)
        ready: dict[int, tuple] = {}
        for i in range(len(chunks)):
            while i not in ready:
                if not readers:
                    raise RunError("a worker process stopped before checking all files")
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


def file_outcomes(targets: list[str], opts: RunOptions, project=None):
    """`project`: one view shared by the whole run, checked in this process (`--diff` keeps in
    it what earlier fixes would have written)."""
    jobs = opts.jobs or os.cpu_count() or 1
    if jobs > 1 and len(targets) >= PARALLEL_MIN_FILES and "-" not in targets and project is None:
        yield from _parallel_outcomes(targets, opts, jobs)
        return
    project, cache = project or _project_view(opts), {}
    with collections_per_file():
        for target in targets:
            outcome = _checked(target, opts, project, cache)
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
        self.fixed += outcome.fixed
        for path, before in outcome.before.items():
            from .output.diff import patch_path  # only when a fix changed something
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


def fix_outcomes(targets: list[str], opts: RunOptions) -> tuple[list[FileOutcome], FixTally]:
    """Every file's outcome, then, for files another file's fix edited, the outcome of
    checking (and fixing) them again as they are now, so the report shows what is left."""
    project = _project_view(opts) if opts.diff else None  # --diff: one overlay of pending texts
    outcomes = list(file_outcomes(targets, opts, project))
    tally = FixTally()
    for target, outcome in zip(targets, outcomes):
        tally.add(outcome, target)
    if opts.fix or opts.diff:
        stale = _touched_by_others(targets, outcomes)
        if stale:
            project = project or _project_view(opts)
            project.forget()
            cache: dict = {}
            for i in stale:
                again = _checked(targets[i], opts, project, cache)
                again.messages = outcomes[i].messages + again.messages
                earlier = outcomes[i].report.fix_problems
                again.report.fix_problems[:0] = [p for p in earlier if p not in again.report.fix_problems]
                again.changed |= outcomes[i].changed
                tally.add(again, targets[i])
                outcomes[i] = again
    return outcomes, tally
