"""Shared helpers of the DW5xx rules: ignore-file lines, COPY/ADD sources, and the patterns a
fix may add to an ignore file. Pure: they read the model, the parsed ignore file and the
context view (`dockwise.buildcontext.ContextView`) handed to the rule."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ...engine.diagnostic import Edit, FileEdit
from ...ignorefile import BadPattern, IgnoreFile, go_clean, go_match, parse_ignore_file

WILDCARD = re.compile(r"[*?\[\\]")


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
    cache = df.__dict__.setdefault("_copy_sources", {})  # several rules ask, once per model
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


_EXAMPLE_SUFFIXES = (".example", ".sample", ".template", ".dist", ".defaults", ".tmpl", ".schema")
_SECRET_NAMES = {".npmrc": "npm credentials", ".pypirc": "PyPI credentials", ".netrc": "netrc credentials",
                 ".git-credentials": "git credentials", ".htpasswd": "password file"}
_SECRET_EXTS = {".pem": "private key or certificate", ".key": "private key", ".p12": "key store",
                ".pfx": "key store", ".jks": "key store"}
_SSH_KEYS = ("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519")
_SECRET_DIRS = {".aws": "AWS credentials", ".ssh": "SSH keys", ".gnupg": "GnuPG keys"}

_VCS_DIRS = (".git", ".hg", ".svn")
_ANYWHERE_DIRS = {"node_modules": "npm dependencies", "__pycache__": "Python bytecode caches",
                  ".venv": "virtual environment", ".tox": "tox environments", ".nox": "nox environments",
                  ".pytest_cache": "pytest cache", ".mypy_cache": "mypy cache", ".ruff_cache": "ruff cache"}
_ROOT_DIRS = {"dist": "build output", "build": "build output", "target": "build output",
              "coverage": "coverage reports", "htmlcov": "coverage reports"}
_JUNK_EXTS = {".log": "log files", ".pyc": "Python bytecode"}
_JUNK_NAMES = {".DS_Store": "macOS Finder metadata"}


def _secret_kind(path: str, is_dir: bool) -> str | None:
    name = path.rsplit("/", 1)[-1]
    if is_dir:
        return _SECRET_DIRS.get(name)
    if path == ".docker/config.json" or path.endswith("/.docker/config.json"):
        return "Docker credentials"
    if name in _SECRET_NAMES:
        return _SECRET_NAMES[name]
    if name == ".env" or (name.startswith(".env.") and not name.endswith(_EXAMPLE_SUFFIXES)):
        return "environment file"
    if name.startswith(_SSH_KEYS):
        return "SSH key"
    ext = os.path.splitext(name)[1]
    if ext in _SECRET_EXTS:
        return _SECRET_EXTS[ext]
    return None


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
            kind = _secret_kind(d, True)
            if kind:
                groups.setdefault((kind, d.rsplit("/", 1)[-1]), []).append(d)
        covered = tuple(p + "/" for ps in groups.values() for p in ps)
        for f in files:
            if f.startswith(covered):
                continue
            kind = _secret_kind(f, False)
            if not kind:
                continue
            name = f.rsplit("/", 1)[-1]
            if f.endswith(".docker/config.json"):
                name = ".docker/config.json"
            else:
                ext = os.path.splitext(name)[1]
                if ext in _SECRET_EXTS:
                    name = "*" + ext
            groups.setdefault((kind, name), []).append(f)
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

def needed_by_copy(ignore: IgnoreFile, sources: list[Source], snapshot) -> bool:
    """Would `ignore` exclude a source a COPY/ADD names explicitly (not `.`)?"""
    for s in sources:
        if s.everything:
            continue
        if not s.wildcard:
            if snapshot.exists(s.path) and ignore.verdict(s.path).excluded:
                return True
            continue
        try:
            matched = snapshot.matching(s.path)
        except BadPattern:
            continue
        if any(m != "." and ignore.verdict(m).excluded for m in matched):
            return True
    return False


def safe_patterns(view, df, findings: list[Finding], ignore: IgnoreFile | None) -> list[Finding]:
    """The findings whose pattern may be appended: it keeps every explicitly copied source,
    and does not override an exception the user wrote for those paths."""
    base = ignore if ignore is not None else parse_ignore_file("")
    sources = [s for s in copy_sources(df) if not s.everything]
    out = []

    def ok(pattern: str) -> bool:
        trial = base.with_patterns([pattern])
        if trial.errors or needed_by_copy(trial, sources, view.snapshot):
            return False
        return not any(p.exclusion and trial.patterns[-1].match(p.pattern) for p in base.patterns if not p.is_bad)

    for f in findings:
        if ok(f.pattern):
            out.append(f)
        elif f.pattern != f.paths[0] and all(ok(p) for p in f.paths):
            # the general pattern would drop something a COPY needs: exclude the paths themselves
            out.extend(Finding(f.label, (p,), p, f.secret) for p in f.paths)
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
        if hit:
            out.append((Finding(f.label, tuple(p for p, _ in hit), f.pattern, f.secret), hit[0][1]))
    return out, sources


def ignore_file_name(view) -> str:
    return os.path.basename(view.ignore_path) if view.ignore_path else ".dockerignore"
