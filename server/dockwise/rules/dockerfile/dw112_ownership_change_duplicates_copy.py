from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from ...analysis.shipping import shipping
from ...dockerfile.stages import iter_stage_env
from ...dockerfile.variables import expand
from ...engine.diagnostic import Applicability, Category, Edit, FixAvailability, Related, Severity
from ...engine.rule import Inputs, Rule, RuleContext, per_stage
from ...lazy_regex import lazy_compile
from ..support.buildkit import NEEDS_BUILDKIT, frontend
from ..support.dockerignore import human_bytes
from ..support.filemodes import Owner, apply_mode, explicit_symbolic, is_octal, octal, parse_owner
from ..support.helpers import commands, script_of
from ..support.paths import absolute, within

OWNERSHIP_PROGRAMS = ("chown", "chmod", "chgrp")
# Commands that change nothing in the layer: a RUN of them and `chmod`/`chown` does nothing else.
NO_OPS = frozenset({"set", "true", ":"})
# Directories every distribution image with a shell has: a COPY into them creates no parent.
SYSTEM_DIRS = frozenset({"/", "/bin", "/sbin", "/etc", "/opt", "/tmp", "/usr", "/usr/bin", "/usr/sbin", "/usr/lib",
                         "/usr/local", "/usr/local/bin", "/usr/local/sbin", "/usr/local/lib", "/usr/local/share",
                         "/usr/share", "/var", "/var/lib", "/var/log", "/var/tmp", "/root", "/home", "/srv", "/mnt",
                         "/run"})
USER_MAKERS = frozenset({"useradd", "adduser", "groupadd", "addgroup", "usermod", "groupmod"})
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tar.lz4")
# A name with an extension (`entrypoint.sh`, `app.jar`, `nginx.conf`), not a `conf.d` folder.
FILE_NAME = lazy_compile(r"[^/]*[^./][.][A-Za-z0-9_-]{1,10}")
OPERATOR_GAP = lazy_compile(r"(?:[ \t]|\\\r?\n|\r?\n[ \t]*#[^\n]*)*(?:&&|;)(?:[ \t]|\\?\r?\n|\r?\n?[ \t]*#[^\n]*)*")
CHMOD_OPTIONS = frozenset({"-v", "-c", "-f", "--verbose", "--changes", "--silent", "--quiet", "--preserve-root",
                           "--no-preserve-root"})
CHOWN_OPTIONS = CHMOD_OPTIONS | {"-h", "-H", "-L", "-P", "--dereference", "--no-dereference"}
ASPECT = {"chown": "owner", "chgrp": "group", "chmod": "mode"}


@dataclass
class Item:
    """A file or directory a COPY/ADD created."""

    path: str                 # absolute
    kind: str                 # "file", "dir" (a directory's contents copied there) or "unknown"
    source: str | None        # context-relative source path, for its size (None: not from the context)
    mode: int | None = None   # its mode when known whatever the source (ADD of a URL: 0600)
    executable: bool | None = None   # whether the build context's file has an execute bit


@dataclass
class Copied:
    ins: object
    items: list[Item]
    dest_dir: str | None      # the destination, when it is a directory the sources were copied into
    complete: bool            # every source is an item (no wildcard whose files are unknown)
    from_context: bool        # from the build context or a URL (owned by 0:0), not `--from`
    folders_existed: bool     # the items' folders existed before it (it created no parent)
    runs_after: list = field(default_factory=list)   # (RUN, its cwd) after it in the stage

    def under(self, path: str) -> bool:
        places = [i.path for i in self.items] + ([self.dest_dir] if self.dest_dir else [])
        return bool(places) and all(within(p, path) for p in places)


@dataclass
class Match:
    cmd: object
    aspect: str               # "chown", "chgrp" or "chmod"
    value: str                # the owner or mode as written
    target: str               # absolute
    copies: list[Copied]      # the COPYs whose files it rewrites (all of each)
    whole_dir: bool           # a directory's contents, not one file
    kind: str
    changes: bool | None = None   # whether it changes the owner or mode (None: unknown)




def _parents(path: str) -> list[str]:
    out = []
    while path not in ("/", ""):
        out.append(path)
        path = posixpath.dirname(path)
    return out


def _file_like(name: str) -> bool:
    return bool(FILE_NAME.fullmatch(name)) and not name.endswith(ARCHIVE_SUFFIXES) and not name.endswith(".d")


class OwnershipChangeDuplicatesCopy(Rule):
    """`chown`/`chmod` in a RUN stores the files a `COPY` just added a second time.

    ## What it does
    Flags `chown`, `chgrp` and `chmod` commands in a RUN whose target is what an earlier
    `COPY`/`ADD` of the same stage created, with no layer in between touching it:
    - a file the COPY created (`COPY entrypoint.sh /` … `RUN chmod +x /entrypoint.sh`), or a
      binary from another stage (`COPY --from=build /out/app /usr/local/bin/app`). A file is
      known to be one by the build context, a name with an extension, a program copied into
      a `bin` folder, or an `ADD` of a URL;
    - recursively (`-R`), the folder the COPY copied into (`COPY . /app` … `RUN chown -R
      app:app /app`), or a folder a `WORKDIR` of the stage made and COPYs filled, which
      rewrites every file copied there.
    Not reported: a non-recursive `chmod`/`chown` of a folder (it rewrites only the folder's
    entry); a file the same RUN deletes again (`chmod +x /tmp/install.sh && /tmp/install.sh
    && rm /tmp/install.sh`) or writes first (`sed -i … f && chmod +x f`); one file inside a
    larger copy (`COPY . /app` … `chmod +x /app/start.sh`: no flag of that COPY can change one
    file; commit it with its executable bit instead, `git update-index --chmod=+x start.sh`);
    a path a RUN in between names, or a folder a RUN in between worked in (`RUN npm ci` in
    `WORKDIR /app`): that RUN changed it first, and the `chown` rewrites more than the COPY's
    files. Nor an owner or mode the files have already: BuildKit stores only files whose
    metadata changed, so `chown -R root:root` of build-context files (root's already) or
    `chmod +x` of a file the build context has executable stores nothing. When that cannot be
    known (no build context, a stage's files), the message says "unless it has that mode
    already". `find … -exec chmod`, `chmod --reference` and `chown --from` are not read
    (what they change depends on the files). Relative paths are resolved against `WORKDIR`; `ENV`/`ARG` values are expanded.
    With a known build context the message gives the size of what is stored twice.

    Stages: shipped only — the final stage and the stages it is built `FROM`. A builder stage's
    layers are thrown away: a `COPY --from` takes its files once, whatever its layers hold.

    ## Why is this bad?
    A layer stores whole files. Changing a file's owner or mode in a later layer copies the
    file into that layer with its new metadata, so every byte the COPY added is in the image
    twice: a `chown -R` of an application folder doubles its size. `COPY --chown` and
    `COPY --chmod` set the owner and mode as the files are copied, in the one layer.

    ## Example
    ```dockerfile
    COPY docker-entrypoint.sh /usr/local/bin/
    RUN chmod +x /usr/local/bin/docker-entrypoint.sh
    COPY . /app
    RUN chown -R app:app /app
    ```

    Use instead:
    ```dockerfile
    COPY --chmod=755 docker-entrypoint.sh /usr/local/bin/
    COPY --chown=app:app . /app
    ```

    ## Fix safety
    The fix moves the owner or mode into the COPY (`--chown=`, `--chmod=`) and removes the
    command: the whole RUN when it does nothing else (with the comment lines directly above
    it), else only that command from its top-level `&&`/`;` chain. `--chmod` needs BuildKit
    (the legacy builder refuses it) and a frontend that has it (`# syntax=docker/dockerfile:1.3`
    or later, or none: BuildKit's own); its title says so. It is **safe** only when the result
    is the same files, owners and modes:
    - the targets are files, and all the files their COPY created (`chmod 755 a.sh b.sh` after
      `COPY a.sh b.sh /opt/bin/`);
    - the mode is octal (`chmod 755 f` is `--chmod=755`), or symbolic on a file whose mode is
      known (`ADD <url>` downloads with mode 600, so `chmod +x` is `--chmod=711`; an octal
      `--chmod` already on the COPY), or symbolic with a frontend that takes symbolic modes
      (dockerfile 1.14 or later, named by the directive: `# syntax=docker/dockerfile:1`),
      written with its classes (`+x` in a RUN, with its umask 022, is `a+x`);
    - the owner names both user and group (`chown app:app` is `--chown=app:app`), or keeps the
      group of a file copied from the build context, which is root (`chown app f` is
      `--chown=app:0`, `chgrp staff f` is `--chown=0:staff`);
    - with names, no RUN lies between the COPY and the RUN (one could create the user: the
      COPY looks names up in the image's `/etc/passwd` and `/etc/group` when it runs, and
      BuildKit silently uses root for a name it does not find); and, for `--chown`, the
      file's folder existed before the COPY (a system folder, a `WORKDIR`, an earlier COPY's
      folder): BuildKit creates missing parent folders owned by the `--chown` user.
    Everything else it can express is **unsafe**:
    - a folder (`chown -R app /app`): `--chown`/`--chmod` leave a destination that existed
      before the COPY (a `WORKDIR`, the base image's folder) as it was, where `chown -R`
      changed it too, so `app` may no longer create files directly in `/app`; and files the
      base image put there are not covered (`--chmod` on a folder copy sets the mode of every
      file and folder in it, as `chmod -R` does);
    - a file whose kind is not known (it may be a folder);
    - a symbolic mode on an older frontend becomes octal only when it gives the same mode for
      a source file of mode 644 and of 755 (the modes git checks out; `+x`, `a+rx` are `755`):
      `--chmod` sets the whole mode, so a 664 or 600 file ends up 755, not 775 or 711;
    - `chown app: f` (the user's login group) is `--chown=app` for BuildKit, which takes the
      group from `/etc/passwd`; the legacy builder looks up a group named `app`;
    - names with a RUN in between; a folder that may not exist yet;
    - removing one command from a RUN that does more.
    No fix is offered for one file of a COPY that created others, a mode like `u+x`, `+w` or
    `g=u` on an older frontend, a user-only `chown` of files copied from another stage or
    image (they keep the group they had there), a `chown -R` after other commands of the
    same RUN (they may have written in the folder), a command inside an `if`, a loop or a
    pipe, a heredoc RUN, or when a RUN between the COPY and the `chown` creates users
    (`useradd`, `adduser`, `groupadd`).
    """

    code = "DW112"
    # every RUN and COPY: which stages ship is decided by later stages (shipping.py)
    inputs = Inputs(keywords={"RUN", "COPY", "ADD", "WORKDIR"})
    # the build context gives the size of what is stored twice; the rule runs without one too
    uses_context = True
    name = "ownership-change-duplicates-copy"
    category = Category.SIZE
    severity = Severity.INFO
    fix_availability = FixAvailability.SOMETIMES
    message = "`chown`/`chmod` after COPY stores the copied files again in a new layer"

    def check(self, ctx: RuleContext):
        df = ctx.df
        # only stages that run chown/chmod/chgrp are walked (the editor checks on every keystroke)
        changing = {ins.stage.index for ins, _, _ in commands(df, *OWNERSHIP_PROGRAMS) if ins.stage is not None}
        if not changing:
            return
        answer = shipping(df, ctx.settings.target)
        walk = _Walk(self, df, ctx)
        for stage in df.stages:
            if stage.index in changing and answer.ships(stage):
                # a stage's findings follow from it, its FROM chain and the preamble alone
                yield from per_stage(ctx, stage, "DW112", lambda: walk.stage(stage))


class _Walk:
    """One file's check: the stage walk, the matches and their fixes."""

    def __init__(self, rule: OwnershipChangeDuplicatesCopy, df, ctx: RuleContext):
        self.rule, self.df, self.ctx = rule, df, ctx
        self.front = frontend(df)
        self._snapshot = None

    # --- the walk ---------------------------------------------------------------------

    def stage(self, stage):
        df = self.df
        cwd: str | None = "/"
        copies: list[Copied] = []
        made: set[str] = set()          # folders made in this stage (WORKDIR, mkdir, COPY)
        self.workdirs: set[str] = set()  # folders a WORKDIR of this stage made: empty until copied into
        for ins, env in iter_stage_env(df, stage):
            if ins.keyword == "WORKDIR":
                value = self._value(ins.rest.strip(), env)
                cwd = absolute(value, cwd) if value else None
                if cwd:
                    if cwd not in made and cwd not in SYSTEM_DIRS:
                        self.workdirs.add(cwd)
                    made.update(_parents(cwd))
            elif ins.keyword in ("COPY", "ADD"):
                copied = self._copied(ins, env, cwd, made)
                if copied is not None:
                    copies.append(copied)
                    if copied.dest_dir:
                        made.update(_parents(copied.dest_dir))
                    for item in copied.items:
                        made.update(_parents(posixpath.dirname(item.path)))
            elif ins.keyword == "RUN":
                script = script_of(df, ins)
                if script is None:
                    continue
                yield from self._run(ins, script, env, cwd, copies, made)
                for copied in copies:
                    copied.runs_after.append((ins, cwd))
                for cmd in script.commands:
                    if cmd.program == "mkdir":
                        for w in cmd.positional():
                            path = absolute(w.value, cwd)
                            if path:
                                made.update(_parents(path))

    def _value(self, text: str, env) -> str | None:
        done = expand(text, env, self.df.escape)
        return None if done.unknown or done.dynamic or done.truncated else done.value

    def _copied(self, ins, env, cwd, made) -> Copied | None:
        if ins.heredocs or len(ins.words) < 2 or ins.flag("parents") is not None:
            return None
        values = [self._value(w.value, env) for w in ins.words]
        if any(v is None or v == "" for v in values):
            return None
        *sources, dest_text = values
        dest = absolute(dest_text, cwd)
        if dest is None:
            return None
        from_context = ins.flag("from") is None
        wildcard = any(c in s for s in sources for c in "*?[")
        into_dir = dest_text.endswith("/") or dest_text in (".", "./") or len(sources) > 1 or dest in made \
            or dest in SYSTEM_DIRS
        items = []
        for src in sources:
            if any(c in src for c in "*?["):
                continue
            item = self._item(ins, src, dest, into_dir, from_context)
            if item is not None:
                items.append(item)
        dest_dir = dest if (into_dir or wildcard or any(i.kind != "file" for i in items)) else None
        existed = all(posixpath.dirname(i.path) in made or posixpath.dirname(i.path) in SYSTEM_DIRS for i in items)
        return Copied(ins, items, dest_dir, complete=len(items) == len(sources), from_context=from_context,
                      folders_existed=existed)

    def _item(self, ins, src, dest, into_dir, from_context) -> Item | None:
        url = src.startswith(("http://", "https://"))
        if url or src.startswith("git@"):
            if ins.keyword != "ADD":
                return None
            name = posixpath.basename(src.split("#", 1)[0].split("?", 1)[0].rstrip("/"))
            if src.startswith("git@") or name.endswith(".git") or "#" in src or not name:
                return Item(dest, "dir", None)  # a git repository: its tree
            chmod = ins.flag("chmod")
            mode = 0o600 if chmod is None else int(chmod.value, 8) if chmod.value and is_octal(chmod.value) else None
            return Item(posixpath.join(dest, name) if into_dir else dest, "file", None, mode)
        rel = posixpath.normpath(src.lstrip("/")) if from_context else None
        if rel and rel.startswith(".."):
            return None
        name = posixpath.basename(posixpath.normpath(src))
        kind = self._kind(ins, src, rel, name, from_context, dest if not into_dir else None)
        if kind == "dir":
            return Item(dest, "dir", rel)
        chmod = ins.flag("chmod")
        mode = int(chmod.value, 8) if chmod is not None and chmod.value and is_octal(chmod.value) else None
        snap = self._context_snapshot() if from_context else None
        executable = rel in snap.executable if snap is not None and rel in snap.files else None
        if into_dir:
            return Item(posixpath.join(dest, name), kind, rel, mode, executable)
        if kind == "file" and not _file_like(posixpath.basename(dest)) and posixpath.basename(dest) != name \
                and _file_like(name):
            # `COPY default.conf /etc/nginx/conf.d`: a folder that exists in the image, perhaps
            return Item(posixpath.join(dest, name), "file", rel, mode, executable)
        return Item(dest, kind, rel, mode, executable)

    def _kind(self, ins, src, rel, name, from_context, dest) -> str:
        """"file", "dir" (copied as a folder's contents) or "unknown"; `dest` is the path the
        source is copied to when it is a file (not a folder it goes into)."""
        if src.rstrip("/") in ("", ".") or src.endswith("/"):
            return "dir"
        if ins.keyword == "ADD" and name.endswith(ARCHIVE_SUFFIXES):
            return "dir"  # unpacked into the destination
        snap = self._context_snapshot() if from_context else None
        if snap is not None and rel is not None:
            if rel in snap.files:
                return "file"
            if rel in snap.dirs:
                return "dir"
        if _file_like(name) or posixpath.basename(posixpath.dirname(src.rstrip("/"))) in ("bin", "sbin"):
            return "file"
        if dest is not None and posixpath.basename(posixpath.dirname(dest)) in ("bin", "sbin"):
            return "file"  # a program copied into a bin folder under its name
        return "unknown"

    def _context_snapshot(self):
        if self._snapshot is None:
            view = self.ctx.context
            self._snapshot = False if view is None else view.snapshot
        return self._snapshot or None

    # --- one RUN ----------------------------------------------------------------------

    def _run(self, ins, script, env, cwd, copies, made):
        if not copies:
            return
        relative_ok = not any(c.program in ("cd", "pushd") for c in script.commands)
        matches = []
        unmatched: set[int] = set()      # commands with a target no COPY explains
        for cmd in script.commands:
            if cmd.program not in OWNERSHIP_PROGRAMS or cmd.in_substitution:
                continue
            parsed = _parse(cmd)
            if parsed is None:
                unmatched.add(id(cmd))
                continue
            value, targets, recursive = parsed
            for word in targets:
                text = self.df.text[word.start:word.end].strip("\"'")
                value_text = word.value if word.literal else self._value(text, env)
                target = absolute(value_text, cwd if relative_ok else None) if value_text else None
                match = None
                if target is not None and target != "/" and not _deleted_after(script, cmd, target, cwd):
                    match = self._match(cmd, value, target, recursive, copies)
                if match is not None and not match.whole_dir and _rewritten_before(self.df, script, cmd, target):
                    match = None  # the RUN writes the file anyway: the `chmod` adds nothing
                if match is None:
                    unmatched.add(id(cmd))
                else:
                    matches.append(match)
        if not matches:
            return
        fixes = self._fixes(ins, script, matches, unmatched)
        for match in matches:
            yield self._report(match, fixes.get(id(match.cmd)))

    def _match(self, cmd, value, target, recursive, copies) -> Match | None:
        """The COPY that created `target` (the latest), with every COPY under it for a
        recursive command; None when no COPY created exactly it, or one wrote over a part."""
        for n in range(len(copies) - 1, -1, -1):
            copied = copies[n]
            item = next((i for i in copied.items if i.path == target), None)
            if item is not None:
                if item.kind != "file" and not recursive:
                    return None  # a directory's own entry: nothing of the COPY is stored again
                whole = item.kind != "file"
                kind = item.kind
            elif recursive and copied.dest_dir == target:
                whole, kind = True, "dir"
            elif recursive and target in self.workdirs and copied.under(target):
                whole, kind = True, "dir"  # `WORKDIR /app`, COPYs into it, `chown -R app /app`
            else:
                continue
            later = copies[n + 1:]
            if any(c.dest_dir and within(target, c.dest_dir) and target != c.dest_dir for c in later):
                return None  # a later COPY wrote over a part of it
            covered = self._covered(copies, target) if whole else [copied]
            match = Match(cmd, cmd.program, value, target, covered, whole, kind)
            if not all(self._untouched(c, target, whole) for c in covered):
                return None
            match.changes = self._changes(match)
            return None if match.changes is False else match
        return None

    def _changes(self, m: Match) -> bool | None:
        """Whether the command changes what the COPYs made: True, False (the owner or mode they
        already have: BuildKit stores no file whose metadata did not change) or None (unknown)."""
        answers = [self._changes_in(m, c) for c in m.copies]
        return True if True in answers else None if None in answers else False

    def _changes_in(self, m: Match, copied: Copied) -> bool | None:
        if m.aspect != "chmod":
            owner = parse_owner(m.value if m.aspect == "chown" else ":" + m.value)
            if owner is None:
                return None
            existing = copied.ins.flag("chown")
            if existing is not None:
                before = parse_owner(existing.value or "")
                return None if before is None else _owner_text(before) != _owner_text(owner)
            root = _is_root(owner)
            if copied.from_context:
                return not root      # files from the build context or a URL are 0:0
            return False if root else None  # a stage's files: usually root's, else unknown
        modes = []
        for item in copied.items:
            if not m.whole_dir and item.path != m.target:
                continue
            if item.mode is not None:
                modes.append((item.mode, False))
            elif item.executable is not None:
                modes.append((0o755 if item.executable else 0o644, False))
            elif m.whole_dir and item.kind == "dir" and item.source is not None and self._context_snapshot():
                snap = self._context_snapshot()
                prefix = "" if item.source == "." else item.source.rstrip("/") + "/"
                modes.extend((0o755 if f in snap.executable else 0o644, False) for f in snap.files
                             if f.startswith(prefix))
                modes.append((0o755, True))  # the folders
            else:
                return None
        if not modes:
            return None
        results = [apply_mode(m.value, mode, is_dir) for mode, is_dir in modes]
        if None in results:
            return None
        return any(r != mode for r, (mode, _) in zip(results, modes))

    def _covered(self, copies, target) -> list[Copied]:
        return [c for c in copies if c.under(target)]

    def _untouched(self, copied: Copied, target: str, whole: bool) -> bool:
        """No RUN after the COPY (and before this one) names the path or, for a directory, works
        inside it: the RUN being checked rewrites only what the COPY put there."""
        named = re.compile(r"(?<![\w.-])" + re.escape(posixpath.basename(target)) + r"(?![\w.-])")
        for run, cwd in copied.runs_after:
            text = run.line.text
            if target in text or (not whole and named.search(text)):
                return False
            if whole and cwd and within(cwd, target):
                return False
        return True

    # --- fixes ------------------------------------------------------------------------

    def _fixes(self, ins, script, matches, unmatched) -> dict[int, object]:
        """The fix of each matched command (by id): one that removes the whole RUN when it does
        nothing else, else one per command removing it from its chain."""
        if ins.heredocs:
            return {}
        by_cmd: dict[int, list[Match]] = {}
        for m in matches:
            by_cmd.setdefault(id(m.cmd), []).append(m)
        plans = {key: None if key in unmatched else self._command_plan(ms, ins) for key, ms in by_cmd.items()}
        owned = [c for c in script.commands if c.program in OWNERSHIP_PROGRAMS]
        others = [c for c in script.commands if c.program not in OWNERSHIP_PROGRAMS and c.program not in NO_OPS]
        if not others and all(plans.get(id(c)) is not None for c in owned):
            fix = self._make_fix([plans[id(c)] for c in owned], [_run_removal(self.df, ins)], "the RUN")
            return {id(c): fix for c in owned} if fix is not None else {}
        out = {}
        for c in owned:
            plan = plans.get(id(c))
            if plan is not None and any(m.whole_dir for m in by_cmd[id(c)]) and \
                    any(o.index < c.index for o in others):
                plan = None  # an earlier command may have written in the folder: the `chown -R` covers it
            removal = _chain_removal(self.df, ins, script, c) if plan is not None else None
            fix = self._make_fix([plan], [removal], f"this `{c.program}`", unsafe=True) if removal else None
            if fix is not None:
                out[id(c)] = fix
        return out

    def _command_plan(self, matches: list[Match], run):
        """The flags one command's matches put on their COPYs, and whether that is unsafe; None
        when one of them has no flag that says the same."""
        flags: dict[tuple[int, str], tuple[object, str, str]] = {}
        unsafe = False
        hit: dict[int, set[str]] = {}
        for m in matches:
            if not m.whole_dir:
                hit.setdefault(id(m.copies[0]), set()).add(m.target)
        for m in matches:
            copied = m.copies[0]
            if not m.whole_dir and (not copied.complete or hit[id(copied)] != {i.path for i in copied.items}):
                return None  # the COPY created files this command leaves alone
        for m in matches:
            plan = self._plan(m, run)
            if plan is None:
                return None
            for key, entry in plan[0].items():
                if flags.setdefault(key, entry) != entry:
                    return None
            unsafe = unsafe or plan[1]
        return flags, unsafe

    def _plan(self, m: Match, run):
        """({(COPY, flag): (COPY, flag, value)}, unsafe?) for one match, or None."""
        unsafe = m.whole_dir or m.kind != "file"
        flags = {}
        for copied in m.copies:
            if m.aspect == "chmod":
                if not self.front.copy_chmod:
                    return None
                value, risky = self._mode(m, copied)
                flag = "chmod"
            else:
                value, risky = self._owner(m, copied, run)
                flag = "chown"
            if value is None:
                return None
            unsafe = unsafe or risky
            flags[(id(copied.ins), flag)] = (copied.ins, flag, value)
        return flags, unsafe

    def _mode(self, m: Match, copied: Copied):
        existing = copied.ins.flag("chmod")
        item = next((i for i in copied.items if i.path == m.target), None)
        if existing is not None:
            if not existing.value or not is_octal(existing.value):
                return None, False
            bits = apply_mode(m.value, int(existing.value, 8))
            if bits is None or (m.whole_dir and bits != apply_mode(m.value, int(existing.value, 8), is_dir=True)):
                return None, False
            return octal(bits), False
        if is_octal(m.value):
            return m.value, False
        if item is not None and item.mode is not None:
            bits = apply_mode(m.value, item.mode)
            return (octal(bits), False) if bits is not None else (None, False)
        if self.front.copy_chmod_symbolic:
            return explicit_symbolic(m.value), False
        if explicit_symbolic(m.value) is None:
            return None, False
        guesses = {apply_mode(m.value, base, is_dir) for base in (0o644, 0o755)
                   for is_dir in ((False, True) if m.whole_dir else (False,))}
        if len(guesses) == 1 and None not in guesses:
            return octal(guesses.pop()), True
        return None, False

    def _owner(self, m: Match, copied: Copied, run):
        owner = parse_owner(m.value if m.aspect == "chown" else ":" + m.value)
        if owner is None:
            return None, False
        existing = copied.ins.flag("chown")
        before = None
        if existing is not None:
            before = parse_owner(existing.value or "")
            if before is None or before.login_group or before.user is None:
                return None, False
        if owner.user is not None and owner.group is not None:
            value = f"{owner.user}:{owner.group}"
        elif owner.login_group:
            value = owner.user
        elif before is not None:
            if before.group is None:
                return None, False  # the group `--chown=user` gives: the user's, by name in the image
            value = f"{owner.user or before.user}:{owner.group or before.group}"
        elif copied.from_context:
            value = f"{owner.user or 0}:{owner.group or 0}"
        else:
            return None, False  # a stage's files keep their owner there: unknown here
        risky = owner.login_group
        user, _, group = value.partition(":")
        if Owner(user, group or None).names:
            between = [r for r, _ in copied.runs_after if r is not run]
            if any(_makes_users(self.df, r) for r in between):
                return None, False
            # a RUN between may create the user; BuildKit creates a missing folder owned by it
            risky = risky or bool(between) or not copied.folders_existed
        elif not copied.folders_existed:
            risky = True
        return value, risky

    def _make_fix(self, plans, removals, removed: str, unsafe: bool = False):
        edits = list(removals)
        flags: dict[int, tuple[object, dict[str, str]]] = {}
        for by_copy, risky in plans:
            unsafe = unsafe or risky
            for copy_ins, flag, value in by_copy.values():
                entry = flags.setdefault(id(copy_ins), (copy_ins, {}))[1]
                if entry.setdefault(flag, value) != value:
                    return None  # two commands set different values: leave it to the user
        shown = []
        for copy_ins, new in flags.values():
            inserts = []
            for flag, value in sorted(new.items()):
                existing = copy_ins.flag(flag)
                if existing is not None:
                    edits.append(Edit(existing.value_start, existing.value_end, value))
                else:
                    inserts.append(f" --{flag}={value}")
            if inserts:
                at = copy_ins.flags[-1].end if copy_ins.flags else copy_ins.keyword_end
                edits.append(Edit.insert(at, "".join(inserts)))
            shown.append(" ".join(f"--{f}={v}" for f, v in sorted(new.items())))
        if not flags:
            return None
        aspects = sorted({f for _, new in flags.values() for f in new})
        what = " and ".join({"chown": "owner", "chmod": "mode"}[a] for a in aspects)
        if len(flags) == 1:
            where = f"`{next(iter(flags.values()))[0].keyword} {shown[0]}`"
        else:
            where = f"`{', '.join(f'--{a}' for a in aspects)}` on {len(flags)} COPYs"
        title = f"Set the {what} with {where} and remove {removed}"
        if "chmod" in aspects:
            title += f" ({NEEDS_BUILDKIT})"
        applicability = Applicability.UNSAFE if unsafe else Applicability.SAFE
        return self.rule.make_fix(edits, applicability, title=title)

    # --- the finding --------------------------------------------------------------------

    def _report(self, m: Match, fix):
        df = self.df
        shown = df.text[m.cmd.start:m.cmd.end]
        shown = " ".join(shown.replace("\\\n", " ").split())
        if len(shown) > 48:
            shown = shown[:45] + "…"
        aspect = ASPECT[m.aspect]
        size = self._size(m)
        size_text = f" ({human_bytes(size)})" if size else ""
        keyword = m.copies[0].ins.keyword
        flag = "--chmod" if m.aspect == "chmod" else "--chown"
        if m.whole_dir:
            unless = "" if m.changes else f" (unless they have that {aspect} already)"
            message = (f"`{shown}` stores a second copy of everything `{keyword}` put in `{m.target}`{size_text}"
                       f"{unless}: a new {aspect} copies each file whole into this layer — set it with "
                       f"`{keyword} {flag}` instead")
        else:
            unless = "" if m.changes else f" (unless it has that {aspect} already)"
            message = (f"`{shown}` stores a second copy of `{m.target}`{size_text}{unless}: a new {aspect} copies the "
                       f"whole file into this layer after `{keyword}` added it — set it with `{keyword} {flag}` instead")
        related = tuple(Related("copied here", None, c.ins.start, c.ins.end) for c in m.copies[:3])
        return self.rule.report(m.cmd.start, m.cmd.end, message, fix=fix, related=related)

    def _size(self, m: Match) -> int:
        snap = self._context_snapshot()
        if snap is None:
            return 0
        total = 0
        for copied in m.copies:
            if copied.ins.flag("from") is not None:
                continue
            for item in copied.items:
                if item.source is None or (not m.whole_dir and item.path != m.target):
                    continue
                if item.source in snap.files:
                    total += snap.files[item.source]
                elif item.source == ".":
                    total += snap.total_bytes
                else:
                    prefix = item.source.rstrip("/") + "/"
                    total += sum(size for path, size in snap.files.items() if path.startswith(prefix))
        return total


def _is_root(owner: Owner) -> bool:
    return owner.user in (None, "root", "0") and owner.group in (None, "root", "0")


def _owner_text(owner: Owner) -> str:
    return f"{owner.user or ''}:{owner.group or ''}{':' if owner.login_group else ''}"


def _parse(cmd):
    """(owner or mode, target words, recursive) of a `chown`/`chgrp`/`chmod` command, or None
    for one not read here (`--reference`, `--from`, options unknown)."""
    words = cmd.unwrapped()[1:]
    known = CHMOD_OPTIONS if cmd.program == "chmod" else CHOWN_OPTIONS
    recursive = False
    value = None
    targets = []
    options_done = False
    for w in words:
        v = w.value
        if value is None and not options_done and v.startswith("-") and v != "-":
            if v == "--":
                options_done = True
            elif v in ("-R", "--recursive"):
                recursive = True
            elif v in known:
                pass
            elif v[1:].isalpha() and not v.startswith("--") and set(v[1:]) <= set("RvcfhHLP"):
                recursive = recursive or "R" in v
            elif cmd.program == "chmod" and explicit_symbolic(v) is not None:
                value = v  # `chmod -x file`
            else:
                return None
            continue
        if value is None:
            if not w.literal:
                return None
            value = v
        else:
            targets.append(w)
    if value is None or not targets:
        return None
    return value, targets, recursive


def _deleted_after(script, cmd, target, cwd) -> bool:
    """Whether a later `rm` of the same RUN deletes the target: then its copy never reaches the
    layer (`chmod +x /tmp/install.sh && /tmp/install.sh && rm /tmp/install.sh`)."""
    for later in script.commands[cmd.index + 1:]:
        if later.program == "rm":
            for w in later.positional():
                path = absolute(w.value.rstrip("*").rstrip("/") if w.value.endswith("/*") else w.value, cwd)
                if path and path != "/" and within(target, path):
                    return True
    return False


def _rewritten_before(df, script, cmd, target) -> bool:
    """Whether an earlier command of the same RUN names the target (`sed -i … /entrypoint.sh &&
    chmod +x /entrypoint.sh`): the RUN writes the file anyway, the `chmod` adds nothing."""
    name = posixpath.basename(target)
    return any(name == posixpath.basename(w.value) for c in script.commands[:cmd.index]
               if c.program not in OWNERSHIP_PROGRAMS for w in c.argv)


def _makes_users(df, run) -> bool:
    script = script_of(df, run)
    return script is not None and any(c.program in USER_MAKERS for c in script.commands)


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _blank_line_at(text: str, at: int) -> int | None:
    """The end (after its newline) of the blank line starting at `at`, or None."""
    end = text.find("\n", at)
    if end < 0 or text[at:end].strip():
        return None
    return end + 1


def _run_removal(df, ins) -> Edit:
    """Deletes a whole RUN: its lines and the comment lines directly above it (they describe
    it; a pragma there would otherwise move to the next instruction)."""
    text = df.text
    first = ins.comments[0].start if ins.comments else ins.start
    start = _line_start(text, first)
    end = ins.end
    if text.startswith("\r\n", end):
        end += 2
    elif text.startswith("\n", end):
        end += 1
    else:
        # the last line, with no newline after it: take the newline before it instead
        start = max(text.rfind("\n", 0, start), 0)
        if start > 0 and text[start - 1] == "\r":
            start -= 1
        return Edit.delete(start, end)
    before_blank = start >= 2 and text[_line_start(text, start - 1):start].strip() == ""
    after = _blank_line_at(text, end)
    if before_blank and (after is not None or end == len(text)):
        end = after if after is not None else end
    return Edit.delete(start, end)


def _chain_removal(df, ins, script, cmd) -> Edit | None:
    """Deletes one command of a RUN's top-level `&&`/`;` chain with the operator joining it, or
    None when it is anything else (a pipe, a condition, inside an `if`, a loop, a subshell)."""
    text = df.text
    if cmd.in_pipeline or cmd.in_condition or cmd.in_substitution or _nesting(text, ins.rest_start, cmd.start):
        return None
    commands = script.commands
    prev = commands[cmd.index - 1] if cmd.index > 0 else None
    nxt = commands[cmd.index + 1] if cmd.index + 1 < len(commands) else None
    if prev is not None and not OPERATOR_GAP.fullmatch(text[prev.end:cmd.start]):
        return None
    if prev is None and text[ins.rest_start:cmd.start].strip():
        return None
    if nxt is not None:
        if not OPERATOR_GAP.fullmatch(text[cmd.end:nxt.start]):
            return None
        return Edit.delete(cmd.start, nxt.start)
    if prev is None or text[cmd.end:ins.rest_end].strip(" \t;"):
        return None
    return Edit.delete(prev.end, cmd.end)


# quoted text, escapes and comments (skipped), brackets, and whole words (`wait-for-it` is no `for`)
SHELL_TOKEN = lazy_compile(r"'[^']*'|\"(?:\\.|[^\"\\])*\"|\\.|(?<![\w$])#[^\n]*|[(){}]"
                           r"|(?<![\w./=-])[A-Za-z_]+(?![\w./=-])")
OPENS = frozenset({"if", "case", "for", "while", "until", "select", "(", "{"})
CLOSES = frozenset({"fi", "esac", "done", ")", "}"})


def _nesting(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` (a RUN's script before a command) leaves a compound command
    open: an `if`, a loop, a `case`, a group or a subshell the command would be inside."""
    depth = 0
    for m in SHELL_TOKEN.finditer(text, start, end):
        token = m.group()
        if token in OPENS:
            depth += 1
        elif token in CLOSES:
            depth -= 1
    return depth != 0
