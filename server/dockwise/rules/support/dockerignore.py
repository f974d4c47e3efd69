"""Shared helpers of the DW5xx rules: ignore-file lines, COPY/ADD sources, and the patterns a
fix may add to an ignore file. Pure: they read the model, the parsed ignore file and the
context view (`dockwise.buildcontext.ContextView`) handed to the rule."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ...engine.diagnostic import Edit, FileEdit
from ...buildcontext.secrets import classify, secret_by_name
from ...ignorefile import BadPattern, IgnoreFile, go_clean, go_match, parse_ignore_file
from ...lazy_regex import lazy_compile

WILDCARD = lazy_compile(r"[*?\[\\]")


# --- ignore-file text ------------------------------------------------------------------------

def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def line_bounds(text: str, offset: int) -> tuple[int, int]:
    """(start of the line holding `offset`, start of the next line or len(text))."""
    start = text.rfind("\n", 0, offset) + 1
    if start == 0 and text.startswith("\ufeff"):
        start = 1
    nl = text.find("\n", offset)
    return start, (len(text) if nl < 0 else nl + 1)


def is_literal(pattern: str) -> bool:
    return not WILDCARD.search(pattern)


def segments_can_match(pattern: str, path: str) -> bool:
    """Could `pattern` (no `**`) match `path` or something below it? Segment-wise Go match."""
    psegs = pattern.split("/")
    dsegs = path.split("/")
    if len(psegs) <= len(dsegs):
        return False
    try:
        return all(go_match(a, b) for a, b in zip(psegs, dsegs))
    except BadPattern:
        return True


# --- COPY / ADD sources ---------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    ins: object       # the COPY/ADD Instruction
    word: object      # dockwise.dockerfile Word of the source
    path: str         # as written, context-relative (leading `/` dropped), cleaned
    wildcard: bool

    @property
    def everything(self) -> bool:
        return self.path == "."


def copy_sources(df, *, keep_outside: bool = False) -> list[Source]:
    """Context sources of every COPY/ADD: no `--from`, no heredocs, no URLs, no variables.
    Paths escaping the context (`../x`) are left out unless `keep_outside`."""
    cache = df.index.copy_sources  # several rules ask, once per model
    if cache is None:
        cache = df.index.copy_sources = {}
    if keep_outside not in cache:
        cache[keep_outside] = _copy_sources(df, keep_outside)
    return list(cache[keep_outside])


def _copy_sources(df, keep_outside: bool) -> list[Source]:
    out = []
    for ins in df.instructions:
        if ins.keyword not in ("COPY", "ADD") or ins.flag("from") is not None:
            continue
        words = list(ins.words)
        if len(words) < 2:
            continue
        for w in words[:-1]:
            v = w.value
            if v.startswith("<<") and ins.heredocs:
                continue
            if "$" in v or "://" in v or v.startswith("git@"):
                continue
            cleaned = go_clean(v.replace("\\", "/") if os.sep == "\\" else v)
            outside = cleaned == ".." or cleaned.startswith("../")
            if outside and not keep_outside:
                continue
            rel = cleaned.lstrip("/") or "."
            out.append(Source(ins, w, rel, bool(WILDCARD.search(rel))))
    return out


def covering_source(sources: list[Source], path: str) -> Source | None:
    """The first source that copies `path` (itself or a directory above it)."""
    for s in sources:
        if s.everything:
            return s
        if s.wildcard:
            try:
                segs = s.path.split("/")
                psegs = path.split("/")
                if len(psegs) >= len(segs) and all(go_match(a, b) for a, b in zip(segs, psegs)):
                    return s
            except BadPattern:
                continue
        elif path == s.path or path.startswith(s.path + "/"):
            return s
    return None


# --- what a context holds that a build rarely needs ------------------------------------------

@dataclass(frozen=True)
class Finding:
    label: str          # what it is, for messages
    paths: tuple[str, ...]
    pattern: str        # the ignore pattern that removes it
    secret: bool


_VCS_DIRS = (".git", ".hg", ".svn")
_ANYWHERE_DIRS = {"node_modules": "npm dependencies", "__pycache__": "Python bytecode caches",
                  ".venv": "virtual environment", ".tox": "tox environments", ".nox": "nox environments",
                  ".pytest_cache": "pytest cache", ".mypy_cache": "mypy cache", ".ruff_cache": "ruff cache"}
_ROOT_DIRS = {"dist": "build output", "build": "build output", "target": "build output",
              "coverage": "coverage reports", "htmlcov": "coverage reports"}
_JUNK_EXTS = {".log": "log files", ".pyc": "Python bytecode"}
_JUNK_NAMES = {".DS_Store": "macOS Finder metadata"}


def _anchored(name: str, paths: list[str]) -> str:
    return name if all("/" not in p for p in paths) else "**/" + name


def scan_context(snapshot, *, secrets: bool) -> list[Finding]:
    """Secrets (`secrets=True`) or size findings among the paths `snapshot` sends. A
    directory is reported once (not the files inside it)."""
    key = ("scan_context", secrets)
    if key not in snapshot.memo:  # several rules and Dockerfiles scan the same snapshot
        snapshot.memo[key] = _scan(snapshot, secrets)
    return list(snapshot.memo[key])


def _scan(snapshot, secrets: bool) -> list[Finding]:
    dirs = sorted(snapshot.dirs)
    files = list(snapshot.files) + list(snapshot.symlinks)
    groups: dict[tuple[str, str], list[str]] = {}
    if secrets:
        for d in dirs:
            kind = secret_by_name(d, True)
            if kind:
                groups.setdefault((kind, d.rsplit("/", 1)[-1]), []).append(d)
        covered = tuple(p + "/" for ps in groups.values() for p in ps)
        for f in files:
            if f.startswith(covered) or f in snapshot.symlinks or secret_by_name(f) is None:
                continue
            verdict = classify(snapshot.root, f)  # by content: a CA bundle is not a secret
            if not verdict.secret:
                continue
            name = f.rsplit("/", 1)[-1]
            if f.endswith(".docker/config.json"):
                name = ".docker/config.json"
            else:
                ext = os.path.splitext(name)[1]
                if ext in (".pem", ".key", ".p12", ".pfx", ".jks", ".crt"):
                    name = "*" + ext
            groups.setdefault((verdict.kind, name), []).append(f)
    else:
        for d in dirs:
            name = d.rsplit("/", 1)[-1]
            if name in _VCS_DIRS:
                groups.setdefault(("version control data", name), []).append(d)
            elif name in _ANYWHERE_DIRS:
                groups.setdefault((_ANYWHERE_DIRS[name], name), []).append(d)
            elif name in _ROOT_DIRS and "/" not in d:
                groups.setdefault((_ROOT_DIRS[name], name), []).append(d)
        # only the outermost directory of each group counts
        for key, ps in groups.items():
            outer = [p for p in ps if not any(p.startswith(q + "/") for q in ps if q != p)]
            groups[key] = outer
        covered = tuple(p + "/" for ps in groups.values() for p in ps)
        for f in files:
            if f.startswith(covered):
                continue
            name = f.rsplit("/", 1)[-1]
            ext = os.path.splitext(name)[1]
            if ext in _JUNK_EXTS:
                groups.setdefault((_JUNK_EXTS[ext], "*" + ext), []).append(f)
            elif name in _JUNK_NAMES:
                groups.setdefault((_JUNK_NAMES[name], name), []).append(f)
    out = []
    for (label, name), paths in sorted(groups.items(), key=lambda kv: kv[1][0]):
        if "/" in name and not name.startswith("*"):
            pattern = name if all(p == name for p in paths) else "**/" + name
        else:
            pattern = _anchored(name, paths)
        out.append(Finding(label, tuple(sorted(paths)), pattern, secrets))
    return out


def bytes_under(snapshot, paths: tuple[str, ...]) -> int:
    total = 0
    prefixes = tuple(p + "/" for p in paths)
    exact = set(paths)
    for f, size in snapshot.files.items():
        if f in exact or f.startswith(prefixes):
            total += size
    return total


def human_bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{int(size)} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} B"


# --- fixing the ignore file -----------------------------------------------------------------

def always_sent(view) -> tuple[str, ...]:
    return tuple(p for p in (view.dockerfile_relpath, view.ignore_relpath or ".dockerignore") if p)


def exact_pattern(path: str) -> str:
    """`path` as a pattern that matches it alone (a root name gets a `/`, so that no rule
    reads it as a name meant for every depth)."""
    return path if "/" in path else "/" + path


def guard(view, df, ignore: IgnoreFile | None):
    """`ok(pattern)`: may `pattern` be appended to `ignore`? It must parse, not override an
    exception the user wrote, and newly exclude only files the build does not need
    (:mod:`.fixguard`)."""
    from . import fixguard  # only where an ignore-file fix is offered

    base = ignore if ignore is not None else parse_ignore_file("")
    use: list = []  # what the build uses: a walk of every instruction, made when first needed
    always = always_sent(view)
    owner_dirs = frozenset(p.split("/", 1)[0] for p in always if "/" in p)
    snapshot = view.snapshot

    def ok(pattern: str) -> bool:
        read = pattern[1:] if pattern.startswith("/") and len(pattern) > 1 else pattern  # as Docker reads it
        if base.with_patterns([read]).errors or fixguard.overrides_exception(base, read):
            return False
        excluded = fixguard.newly_excluded(snapshot, [pattern], always)
        if not excluded:
            return True
        if not use:
            use.append(fixguard.build_use(df) if df is not None else None)
        return not fixguard.violations(view.root, excluded, use[0], owner_dirs)

    return ok


def safe_patterns(view, df, findings: list[Finding], ignore: IgnoreFile | None) -> list[Finding]:
    """The findings whose pattern may be appended (see :func:`guard`). When a general
    pattern (`**/*.pem`) would also take out something the build needs, the exact paths of
    the findings that may go are written instead."""
    ok = guard(view, df, ignore)
    out = []
    for f in findings:
        if ok(f.pattern):
            out.append(f)
            continue
        for p in f.paths:
            exact = exact_pattern(p)
            if exact != f.pattern and ok(exact):
                out.append(Finding(f.label, (p,), exact, f.secret))
    return out


def append_patterns(view, patterns: list[str]) -> FileEdit:
    """An edit appending `patterns` to the ignore file (created when there is none),
    keeping its content, order and line endings."""
    text = view.ignore_text if view.ignore_path is not None else None
    if text is None:
        path = os.path.join(view.root, ".dockerignore")
        return FileEdit(path, (Edit(0, 0, "".join(p + "\n" for p in patterns)),), create=True)
    nl = newline_of(text)
    lead = nl if text and not text.endswith("\n") else ""
    return FileEdit(view.ignore_path, (Edit.insert(len(text), lead + "".join(p + nl for p in patterns)),))


def copied_findings(view, df, *, secrets: bool) -> tuple[list[tuple[Finding, Source]], list[Source]]:
    """Findings of :func:`scan_context` restricted to what some COPY/ADD copies, each with
    the first source that copies it; and the sources."""
    sources = copy_sources(df)
    if not sources:
        return [], sources
    out = []
    for f in scan_context(view.snapshot, secrets=secrets):
        hit = [(p, covering_source(sources, p)) for p in f.paths]
        hit = [(p, s) for p, s in hit if s is not None]
        # a path named by a COPY itself was copied on purpose: not ours to judge here
        hit = [(p, s) for p, s in hit if not any(not o.wildcard and o.path == p for o in sources)]
        if not secrets and hit:  # `RUN cd build && …` or `COPY dist ./dist` make build output a source
            from . import fixguard  # only where junk is copied

            use = fixguard.build_use(df)
            hit = [(p, s) for p, s in hit if fixguard.used_by_build(p, use) is None]
        if hit:
            out.append((Finding(f.label, tuple(p for p, _ in hit), f.pattern, f.secret), hit[0][1]))
    return out, sources


def ignore_file_name(view) -> str:
    return os.path.basename(view.ignore_path) if view.ignore_path else ".dockerignore"


def pattern_takes_needed(ctx, pattern: str) -> list:
    """For an ignore-file fix that makes `pattern` (an exclusion, as Docker reads it) live:
    the files it would newly exclude from the context as it is on disk that are neither junk
    nor a secret (:func:`.fixguard.violations`; every file counts as copied, since an ignore
    file is checked without its Dockerfiles). Empty without a context."""
    from . import fixguard  # only for ignore-file fixes

    view = ctx.context
    if view is None or pattern.startswith("!"):
        return []
    added = [q for q in fixguard.newly_excluded(view.unfiltered, [pattern], always_sent(view))
             if not ctx.ignore.verdict(q).excluded]
    return fixguard.violations(view.root, added, None)


TRAILING = lazy_compile(r"[ \t]+#")
