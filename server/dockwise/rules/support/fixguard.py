"""What an ignore-file fix would take out of the build, and whether the build needs it.

A fix that adds an exclusion pattern must never remove a file the build or the program uses.
Before one is offered, the rules compute the exact set of context files the pattern newly
excludes (:func:`newly_excluded`) and judge each (:func:`unneeded_reason`): it may go when no
COPY/ADD (or bind mount) brings it in, or when it is junk (caches, dependencies installed on
the host, logs, version-control data, build output nothing in the Dockerfile refers to) or a
secret by content (:mod:`dockwise.buildcontext.secrets`), and no instruction names it.
Everything else under a copied directory counts as source code or configuration.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ...buildcontext.secrets import classify
from ...ignorefile import BadPattern, IgnoreFile, go_clean, go_match, parse_ignore_file

# Directories that hold junk wherever they are (caches, host-installed dependencies, VCS data).
JUNK_DIRS = {"node_modules": "npm dependencies", "__pycache__": "Python bytecode caches",
             ".venv": "virtual environment", "venv": "virtual environment", ".tox": "tox environments",
             ".nox": "nox environments", ".pytest_cache": "pytest cache", ".mypy_cache": "mypy cache",
             ".ruff_cache": "ruff cache", ".hypothesis": "Hypothesis database", ".nyc_output": "coverage data",
             ".ipynb_checkpoints": "notebook checkpoints", ".eggs": "setuptools eggs", ".turbo": "Turborepo cache",
             ".idea": "IDE settings", ".vscode": "IDE settings", ".git": "version control data",
             ".hg": "version control data", ".svn": "version control data"}
# Build output, junk only at the context root and only when the Dockerfile does not use it.
ROOT_OUTPUT_DIRS = {"dist": "build output", "build": "build output", "out": "build output",
                    "target": "build output", "coverage": "coverage reports", "htmlcov": "coverage reports"}
JUNK_FILE_EXTS = {".pyc": "Python bytecode", ".pyo": "Python bytecode", ".log": "log files", ".tmp": "temporary files",
                  ".swp": "editor swap files", ".swo": "editor swap files"}
JUNK_FILE_NAMES = {".DS_Store": "macOS Finder metadata", "Thumbs.db": "Windows thumbnails",
                   ".coverage": "coverage data"}
JUNK_FILE_PREFIXES = ("npm-debug.log", "yarn-error.log", "yarn-debug.log", "pnpm-debug.log", ".coverage.")

# Commands whose positional arguments are paths they read or enter (not tools whose first
# argument is a subcommand or a target: `cargo build`, `make build`, `npm run build`).
_PATH_TAKERS = {"cd", "pushd", "cp", "mv", "ln", "cat", "source", ".", "sh", "bash", "python", "python3",
                "node", "ruby", "php", "perl", "tar", "unzip", "ls", "test", "install", "chmod", "chown"}
_JS_TOOLS = {"node", "npm", "npx", "yarn", "pnpm", "bun", "bunx"}
_JS_INSTALLS = {"ci", "install", "i", "add", "fetch", "workspaces"}  # `yarn workspaces focus`
# Flags whose value is a directory the command works in (`make -C build`, `tar -C out`).
_DIR_FLAGS = {"-C", "--directory", "-B", "--build"}


def junk_reason(path: str, *, used: frozenset[str] = frozenset(), dockerfile_dirs: frozenset[str] = frozenset()
                ) -> tuple[str, str] | None:
    """(what it is, the junk directory or file it belongs to) for a junk path, else None.
    `used`: names the Dockerfile refers to (they are not junk); `dockerfile_dirs`: top-level
    directories holding the Dockerfile or the ignore file (not build output)."""
    segs = path.split("/")
    for i, seg in enumerate(segs[:-1]):
        if seg in JUNK_DIRS and seg not in used:
            return JUNK_DIRS[seg], "/".join(segs[:i + 1])
        if seg.endswith(".egg-info"):
            return "setuptools metadata", "/".join(segs[:i + 1])
    if len(segs) > 1 and segs[0] in ROOT_OUTPUT_DIRS and segs[0] not in used and segs[0] not in dockerfile_dirs:
        return ROOT_OUTPUT_DIRS[segs[0]], segs[0]
    name = segs[-1]
    ext = os.path.splitext(name)[1]
    if name in used:
        return None
    if ext in JUNK_FILE_EXTS:
        return JUNK_FILE_EXTS[ext], path
    if name in JUNK_FILE_NAMES:
        return JUNK_FILE_NAMES[name], path
    if name.startswith(JUNK_FILE_PREFIXES) or name.endswith("~"):
        return "logs and temporary files", path
    return None


def secret_reason(root: str, path: str) -> tuple[str, str] | None:
    """(kind, the secret file or directory) when `path` is a secret by name and content."""
    segs = path.split("/")
    for i in range(len(segs) - 1):
        verdict = classify(root, "/".join(segs[:i + 1]), is_dir=True)
        if verdict.secret:
            return verdict.kind, "/".join(segs[:i + 1])
    verdict = classify(root, path)
    return (verdict.kind, path) if verdict.secret else None


# --- what a Dockerfile uses -------------------------------------------------------------------

@dataclass(frozen=True)
class BuildUse:
    """What a Dockerfile takes from its context: COPY/ADD and bind-mount sources, and the path
    words its instructions name (RUN arguments, CMD/ENTRYPOINT, WORKDIR, VOLUME). ENV values
    are left out: `PATH=/app/node_modules/.bin` names the image's folder, not the host's."""

    sources: tuple[str, ...]        # context-relative, "." for the whole context
    names: frozenset[str]           # every path segment named by an instruction
    whole_context: bool

    def copies(self, path: str) -> str | None:
        """The source that brings `path` into the build, or None."""
        for s in self.sources:
            if s == "." or path == s or path.startswith(s + "/"):
                return s
            if any(c in s for c in "*?["):
                segs, psegs = s.split("/"), path.split("/")
                try:
                    if len(psegs) >= len(segs) and all(go_match(a, b) for a, b in zip(segs, psegs)):
                        return s
                except BadPattern:
                    continue
        return None


def _path_words(word: str) -> list[list[str]]:
    word = word.strip("\"'")
    out = []
    for piece in re.split(r"[=:,]", word):
        piece = piece.strip()
        if not piece or "$" in piece and "/" not in piece:
            continue
        segs = [s for s in piece.split("/") if s not in ("", ".", "..")]
        if segs:
            out.append(segs)
    return out


def build_use(df) -> BuildUse:
    if df.index.build_use is not None:  # one answer per model
        return df.index.build_use
    sources: list[str] = []
    names: set[str] = set()
    js = {"runs": False, "installs": False}

    def name_word(w: str, always: bool = False) -> None:
        if not always and "/" not in w:
            return
        for segs in _path_words(w):
            names.update(segs)

    for ins in df.all_instructions():
        kw = ins.keyword
        if kw in ("COPY", "ADD") and ins.flag("from") is None:
            for w in list(ins.words)[:-1]:
                v = w.value
                if v.startswith("<<") or "://" in v or v.startswith("git@"):
                    continue
                cleaned = go_clean(v).lstrip("/") or "."
                if not cleaned.startswith(".."):
                    sources.append(cleaned)
                    names.update(s for s in cleaned.split("/") if s not in (".", ""))
        elif kw == "RUN":
            for f in ins.flags_named("mount"):
                opts = f.options()
                if opts.get("type", "bind") == "bind" and not opts.get("from"):
                    src = opts.get("source") or opts.get("src") or "."
                    sources.append(go_clean(src).lstrip("/") or ".")
            script = df.script(ins)
            if script is not None:
                for cmd in script.commands:
                    argv = [a.value for a in cmd.argv]
                    if not argv:
                        continue
                    if cmd.program in _JS_TOOLS:
                        js["runs"] = True
                        js["installs"] |= any(a in _JS_INSTALLS for a in argv[1:3]) or \
                            (cmd.program == "yarn" and len(argv) == 1)
                    takes = cmd.program in _PATH_TAKERS
                    for prev, a in zip(argv, argv[1:]):
                        name_word(a, always=(takes and not a.startswith("-")) or prev in _DIR_FLAGS)
                    if cmd.program == "git" and len(argv) > 1 and argv[1] not in ("clone", "config", "ls-remote",
                                                                                   "init"):
                        names.add(".git")  # a git command on the copied tree reads .git
            else:
                for w in ins.words:
                    name_word(w.value)
        elif kw in ("CMD", "ENTRYPOINT"):
            for w in ins.words:
                name_word(w.value, always=True)
            first = ins.words[0].value.strip("\"'[],") if ins.words else ""
            js["runs"] |= first.rsplit("/", 1)[-1] in _JS_TOOLS
        elif kw in ("WORKDIR", "VOLUME"):
            for w in ins.words:
                name_word(w.value, always=True)
    if js["runs"] and not js["installs"]:
        names.add("node_modules")  # `node index.js` with no install step runs the host's dependencies
    use = BuildUse(tuple(dict.fromkeys(sources)), frozenset(names), "." in sources)
    df.index.build_use = use
    return use


# --- judging a pattern -------------------------------------------------------------------------

def newly_excluded(snapshot, patterns: list[str], always_sent: tuple[str, ...] = ()) -> list[str]:
    """The files and symlinks `snapshot` sends that appending `patterns` (exclusions) would
    exclude. Appended last, they decide the verdict of every path they match, so matching
    them alone is exact. Docker sends `always_sent` (the Dockerfile, the ignore file) anyway."""
    alone = parse_ignore_file("\n".join(patterns) + "\n")
    if alone.errors:
        return []
    skip = set(always_sent)
    states: dict[str, object] = {"": alone.root_state()}

    def state_of(folder: str) -> object:  # one match per directory, not per file
        missing = []
        while folder not in states:
            missing.append(folder)
            folder = folder.rpartition("/")[0]
        state = states[folder]
        for f in reversed(missing):  # iterative: contexts may nest deeper than the recursion limit
            state = states[f] = alone.dir_state(state, f)
        return state

    # Only paths under a pattern's literal leading folders can match it (`.git`, `web/dist`).
    prefixes = []
    for pat in alone.patterns:
        lead = []
        for seg in pat.pattern.split("/"):
            if any(c in seg for c in "*?[\\"):
                break
            lead.append(seg)
        prefixes.append("/".join(lead))
    if all(prefixes):
        exact = set(prefixes)
        under = tuple(p + "/" for p in prefixes)
        candidates = [p for p in list(snapshot.files) + list(snapshot.symlinks) if p in exact or p.startswith(under)]
    else:
        candidates = list(snapshot.files) + list(snapshot.symlinks)
    out = []
    for p in candidates:
        if p not in skip and alone.verdict_in(state_of(p.rpartition("/")[0]), p).excluded:
            out.append(p)
    return sorted(out)


@dataclass(frozen=True)
class Needed:
    path: str
    why: str


def unneeded_reason(root: str, path: str, use: BuildUse | None, dockerfile_dirs: frozenset[str] = frozenset()
                    ) -> tuple[str, str] | Needed:
    """Why `path` may be excluded — (what it is, its junk or secret root) — or a
    :class:`Needed` saying why the build needs it. With `use` None (an ignore file checked on
    its own), every file is taken to be copied."""
    used = use.names if use is not None else frozenset()
    source = use.copies(path) if use is not None else "."
    if source is None:
        return "not copied by any COPY/ADD", path
    found = junk_reason(path, used=used, dockerfile_dirs=dockerfile_dirs) or secret_reason(root, path)
    if found is None:
        return Needed(path, f"`{path}` is source code or configuration under `{source}`")
    why = used_by_build(found[1], use) if use is not None else None
    return Needed(path, why) if why else found


def used_by_build(root_of: str, use: BuildUse) -> str | None:
    """Why the Dockerfile uses the junk or secret `root_of` (a COPY names it or something in
    it, or an instruction names it), or None."""
    for s in use.sources:
        if s != "." and (s == root_of or s.startswith(root_of + "/")):
            return f"`COPY {s}` copies `{root_of}` on purpose"
    last = root_of.rsplit("/", 1)[-1]
    if last in use.names:
        return f"the Dockerfile refers to `{last}`"
    return None


def violations(root: str, excluded: list[str], use: BuildUse | None,
               dockerfile_dirs: frozenset[str] = frozenset()) -> list[Needed]:
    out = []
    for p in excluded:
        r = unneeded_reason(root, p, use, dockerfile_dirs)
        if isinstance(r, Needed):
            out.append(r)
    return out


def overrides_exception(base: IgnoreFile, pattern: str) -> bool:
    """Would `pattern` re-exclude what a `!` exception of `base` deliberately keeps?"""
    trial = base.with_patterns([pattern])
    return any(p.exclusion and trial.patterns[-1].match(p.pattern) for p in base.patterns if not p.is_bad)
