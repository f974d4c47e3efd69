from __future__ import annotations

import posixpath

from ...analysis.shipping import shipped_stages
from ...engine.diagnostic import Category, FixAvailability, Related, Severity
from ...engine.rule import Inputs, Rule, RuleContext, per_stage
from ..support.helpers import env_set, has_cache_mount, runs_any, script_of
from ..support.paths import within
from ..support.packages import APK_SUBCOMMANDS, APT_GET_SUBCOMMANDS, APT_LISTS, subcommand_word


def _abs(path: str, cwd: str | None) -> str | None:
    """An absolute, normalised path; None when it cannot be known (variables, unknown cwd).
    Globs and `~` are kept as written: the same words in the RUN that made the file match."""
    if not path or "$" in path or "`" in path:
        return None
    path = path.rstrip("*").rstrip("/") if path.endswith("/*") else path
    if not path.startswith("/"):
        if cwd is None:
            return None
        path = posixpath.join(cwd, path)
    return posixpath.normpath(path)


# Names of small text files: a helper script or a config file copied in, run and deleted later
# leaves a few kilobytes in its layer, too little to be worth a finding (an archive, a package,
# a binary, a directory or a download is another matter).
SMALL_TEXT_SUFFIXES = (".sh", ".bash", ".zsh", ".ps1", ".py", ".rb", ".pl", ".txt", ".md", ".env", ".conf",
                       ".cfg", ".ini", ".toml", ".yml", ".yaml", ".list", ".repo", ".properties")


def _small_text_file(source: str) -> bool:
    """Whether a COPY/ADD source from the build context or a stage names small text files
    (`./scripts/install-subversion.sh`, `environment.yml*`); a URL is a download, not counted."""
    name = posixpath.basename(source.rstrip("*"))
    return "://" not in source and "$" not in source and name.lower().endswith(SMALL_TEXT_SUFFIXES)


def _removes_apt_lists(removals) -> bool:
    """Whether one of the `rm` commands `removals` deletes the apt lists."""
    return any(any(within(APT_LISTS, a) or within(a, APT_LISTS)
                   for a in (_abs(w.value, "/") for w in c.positional()) if a)
               for c in removals)


# The programs the RUNs are read for: what they delete, uninstall, download or install.
TRACKED = frozenset({"rm", "apt-get", "apt", "apk", "curl", "wget", "git"})


def _created_paths(cmd, cwd):
    """Files a command writes: download outputs, clones, copies, archives unpacked."""
    words = [w.value for w in cmd.unwrapped()]
    prog = cmd.program
    out = []
    for i, w in enumerate(words[1:], 1):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if prog == "curl" and w in ("-o", "--output") and nxt or prog == "wget" and w in ("-O", "--output-document") and nxt and nxt != "-":
            out.append(nxt)
        elif prog == "wget" and w.startswith("--output-document="):
            out.append(w.split("=", 1)[1])
    if prog == "git" and len(words) > 1 and words[1] == "clone":
        pos = [w for w in words[2:] if not w.startswith("-")]
        if len(pos) >= 2:
            out.append(pos[1])
    return [p for p in (_abs(p, cwd) for p in out) if p]


# Tool caches an earlier RUN fills and a later RUN may try to delete. pip, npm, yarn, yum/dnf
# and apk caches are left to the rules that report the install leaving them (DL3042, DW110,
# DL3060, DL3032/DL3040, DL3019): one problem, one finding.
# cache → (what the user calls it, default directories, env variable that moves it)
CACHES = {
    "go-build": ("the Go build cache", ("/root/.cache/go-build",), "GOCACHE"),
    "go-mod": ("the Go module cache", ("/go/pkg/mod", "/root/go/pkg/mod"), "GOMODCACHE"),
    "cargo": ("Cargo's registry and git caches", ("/usr/local/cargo/registry", "/usr/local/cargo/git",
                                                  "/root/.cargo/registry", "/root/.cargo/git"), "CARGO_HOME"),
    "conda": ("conda's package cache", ("/opt/conda/pkgs", "/root/.conda/pkgs"), "CONDA_PKGS_DIRS"),
    "maven": ("Maven's local repository", ("/root/.m2",), "MAVEN_CONFIG"),
    "gradle": ("Gradle's caches", ("/root/.gradle",), "GRADLE_USER_HOME"),
}
# Directories trimmed to save space; in a RUN that only deletes, their files came from an earlier
# layer (the base image or an earlier install), which keeps them.
TRIMMED_DIRS = ("/usr/share/doc", "/usr/share/man", "/usr/share/info", "/usr/share/locale", "/usr/share/i18n",
                "/usr/share/icons", "/var/cache/apt", "/var/cache/debconf", "/var/cache/apk", "/var/cache/yum",
                "/var/cache/dnf")
_GO_FILLS = frozenset({"build", "install", "test", "run", "get", "vet", "generate", "list"})
_CACHE_FILLERS = frozenset({"go", "cargo", "conda", "mamba", "mvn", "mvnw", "gradle", "gradlew"})
_CACHE_CLEANERS = frozenset({"rm", "go", "conda", "mamba"})
CACHE_PROGRAMS = _CACHE_FILLERS | _CACHE_CLEANERS


def _fills(cmd) -> tuple[str, ...]:
    """The caches a command fills."""
    prog = cmd.program
    if prog not in _CACHE_FILLERS:
        return ()
    pos = [w.value for w in cmd.positional()]
    sub = pos[0] if pos else ""
    if prog == "go":
        if sub in _GO_FILLS:
            return ("go-build", "go-mod")
        return ("go-mod",) if sub == "mod" and pos[1:2] == ["download"] else ()
    if prog == "cargo" and sub in ("build", "install", "fetch", "test", "run", "vendor", "chef"):
        return ("cargo",)
    if prog in ("conda", "mamba") and sub in ("install", "create", "update", "env"):
        return ("conda",)
    if prog in ("mvn", "mvnw"):
        return ("maven",)
    if prog in ("gradle", "gradlew"):
        return ("gradle",)
    return ()


def _cleans(cmd) -> tuple[str, ...]:
    """The caches a tool's own clean command deletes (`go clean -modcache`, `conda clean -afy`)."""
    prog = cmd.program
    values = [w.value for w in cmd.unwrapped()[1:]]
    if prog == "go" and values[:1] == ["clean"]:
        return tuple(c for flag, c in (("-cache", "go-build"), ("-modcache", "go-mod")) if flag in values)
    if prog in ("conda", "mamba") and values[:1] == ["clean"] and len(values) > 1:
        return ("conda",)
    return ()


class DeletedInLaterLayer(Rule):
    """Files are deleted in a later layer than the one that added them.

    ## What it does
    In the stages that ship (the final stage and the stages it is built `FROM`), flags a
    RUN that deletes what an earlier instruction added:
    - `rm` of a file downloaded or cloned by an earlier RUN (`curl -o`, `wget -O`,
      `git clone … dir`) or copied in by an earlier `COPY`/`ADD` — an archive, a package,
      a binary, a directory; not a helper script or config file copied in by name
      (`COPY install-tools.sh /tmp/`, `*.sh`, `*.py`, `*.yml`, `*.txt`…): deleting it late
      leaves a few kilobytes, too little to be worth a finding;
    - `rm -rf /var/lib/apt/lists/*` in a RUN that did not itself run `apt-get update`;
    - `apt-get purge`/`remove` or `apk del` of packages an earlier RUN installed;
    - a tool cache an earlier RUN filled (without a cache mount, and without cleaning it
      itself): the Go build and module caches (`go clean -cache -modcache`, `rm -rf
      /root/.cache/go-build /go/pkg/mod`), Cargo's registry, conda's package cache (`conda
      clean -afy`), Maven's `~/.m2` and Gradle's `~/.gradle`, where `GOCACHE`, `GOMODCACHE`,
      `GOPATH`, `CARGO_HOME`, `CONDA_PKGS_DIRS` or `GRADLE_USER_HOME` say they are;
    - a RUN that only deletes (`rm` alone) docs, man pages, locales or package caches
      (`/usr/share/doc`, `/usr/share/man`, `/var/cache/apt`…): their files came from the
      base image or an earlier install.
    pip, npm, yarn, yum/dnf and apk caches deleted later are left to DL3042, DW110, DL3060,
    DL3032/DL3040 and DL3019, which report the install that leaves them. A standalone
    `rm -rf /var/lib/apt/lists/*` with no earlier `apt-get update` is not reported: the
    official Debian and Ubuntu images ship without apt lists, so there is nothing to keep.
    The diagnostic points at the deleting command and relates to the instruction that added
    the bytes. Relative paths are resolved against literal `WORKDIR`s; paths built from
    variables, or after a `cd`, are not compared.

    Stages: shipped only. The layers of a builder stage are thrown away: a `COPY --from`
    takes its final files, without what was deleted, so deleting late costs nothing there.

    ## Why is this bad?
    Layers only add: deleting a file in a later layer hides it but the earlier layer still
    carries its bytes, so the image is as big as if it had never been deleted.

    ## Example
    ```dockerfile
    RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt
    RUN rm /tmp/tool.tgz
    ```

    Use instead:
    ```dockerfile
    RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt \\
        && rm /tmp/tool.tgz
    ```
    (or use a multi-stage build and copy only the result).
    """

    code = "DW100"
    # USER: whose home holds the caches
    inputs = Inputs(keywords={"RUN", "COPY", "ADD", "WORKDIR", "USER"})
    # every RUN: a `RUN --mount=from=` elsewhere decides which stages ship
    name = "deleted-in-later-layer"
    category = Category.SIZE
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Deleting in a later RUN does not shrink the image: the earlier layer keeps the bytes"

    def check(self, ctx: RuleContext):
        # Which stages ship depends on the whole file; what is found in a stage that ships, on
        # the stage and those it is built FROM alone: kept per stage while editing (`per_stage`).
        df = ctx.df
        yield from self._later_cache_cleanups(ctx, df, ctx.settings.target)
        yield from self._trim_only_runs(ctx, df, ctx.settings.target)
        if not runs_any(df, "rm", "apt-get", "apt", "apk"):
            return  # nothing deletes or uninstalls
        for stage in reversed(shipped_stages(df, ctx.settings.target)):
            yield from per_stage(ctx, stage, "DW100", lambda: self._stage(df, stage))

    def _stage(self, df, stage):
        cwd = "/"
        created: list[tuple[str, object]] = []      # (absolute path, instruction); COPY/ADD dests only
        # count when the deleted path contains them (a COPY dest may be an existing directory)
        apt_updates: list = []                       # RUNs that left apt lists
        packages: dict[str, object] = {}             # package → installing RUN
        for ins in stage.instructions:
            if ins.keyword == "WORKDIR":
                value = ins.rest.strip().strip("\"'")
                cwd = _abs(value, cwd) if value else None
                continue
            if ins.keyword in ("COPY", "ADD") and not ins.heredocs and len(ins.words) >= 2:
                dest = ins.words[-1].value
                srcs = [w.value for w in ins.words[:-1] if not _small_text_file(w.value)]
                if not srcs:
                    continue  # helper scripts and config files: a few kilobytes, nothing to win
                if dest.endswith("/") or len(ins.words) > 2:
                    paths = [posixpath.join(dest, posixpath.basename(s.rstrip("/"))) for s in srcs
                             if "*" not in s and "?" not in s and "://" not in s and s not in (".", "./")]
                else:
                    paths = [dest]
                for p in paths:
                    ap = _abs(p, cwd)
                    if ap and ap != "/":
                        created.append((ap, ins))
                continue
            if ins.keyword != "RUN":
                continue
            script = script_of(df, ins)
            if script is None:
                continue
            programs = [c.program for c in script.commands]
            if TRACKED.isdisjoint(programs):
                continue  # adds or deletes nothing tracked here
            relative_ok = "cd" not in programs and "pushd" not in programs
            here_cwd = cwd if relative_ok else None
            # the commands read below: the others add or delete nothing tracked here
            tracked = [(c, p) for c, p in zip(script.commands, programs) if p in TRACKED]
            removals = [c for c, p in tracked if p == "rm"]
            runs_update = False
            for cmd, prog in tracked:
                if prog == "rm":
                    yield from self._rm(cmd, here_cwd, created, ins, apt_updates, runs_update)
                elif prog in ("apt-get", "apt"):
                    sub = getattr(subcommand_word(cmd, APT_GET_SUBCOMMANDS), "value", "")
                    if sub == "update":
                        runs_update = True
                    elif sub in ("purge", "remove"):
                        yield from self._uninstall(cmd, packages, ins, sub)
                elif prog == "apk":
                    sub = getattr(subcommand_word(cmd, APK_SUBCOMMANDS), "value", "")
                    if sub == "del":
                        yield from self._uninstall(cmd, packages, ins, "del")
            # record what this RUN leaves behind for later instructions
            if runs_update and not _removes_apt_lists(removals):
                apt_updates.append(ins)
            for cmd, prog in tracked:
                if prog in ("curl", "wget", "git"):
                    for p in _created_paths(cmd, here_cwd):
                        created.append((p, ins))
                elif prog in ("apt-get", "apt", "apk"):
                    known = APK_SUBCOMMANDS if prog == "apk" else APT_GET_SUBCOMMANDS
                    sub = getattr(subcommand_word(cmd, known), "value", "")
                    if sub in ("install", "add"):
                        for w in cmd.positional()[1:]:
                            if w.literal:
                                packages.setdefault(w.value.split("=", 1)[0], ins)
                        virtual = _option(cmd, "-t", "--virtual")
                        if virtual:
                            packages.setdefault(virtual, ins)
                    if sub in ("purge", "remove", "del"):
                        for w in cmd.positional()[1:]:
                            packages.pop(w.value, None)
            if removals:
                created = [(p, i) for p, i in created if not _deleted_here(p, removals, here_cwd)]

    def _related(self, ins, what: str) -> tuple[Related, ...]:
        return (Related(what, None, ins.start, ins.end),)

    def _rm(self, cmd, cwd, created, ins, apt_updates, runs_update):
        for w in cmd.positional():
            target = _abs(w.value, cwd)
            if not target or target == "/":
                continue
            earlier = next((i for p, i in created if i is not ins and (
                within(p, target) or (i.keyword == "RUN" and within(target, p)))), None)
            if earlier is not None:
                yield self.report(cmd.start, cmd.end,
                                  f"`{w.value}` was added by an earlier layer; deleting it here does not shrink "
                                  "the image — delete it in the same instruction",
                                  related=self._related(earlier, "added here"))
                return
            if apt_updates and not runs_update and (within(target, APT_LISTS) or within(APT_LISTS, target)):
                yield self.report(cmd.start, cmd.end,
                                  "The apt lists were written by an earlier RUN; deleting them here does not shrink "
                                  "the image — delete them in the RUN that runs `apt-get update`",
                                  related=self._related(apt_updates[-1], "`apt-get update` here"))
                return

    def _uninstall(self, cmd, packages, ins, sub):
        names = [w.value for w in cmd.positional()[1:]]
        hit = [(n, packages[n]) for n in names if n in packages and packages[n] is not ins]
        if hit:
            shown = ", ".join(f"`{n}`" for n, _ in hit[:3])
            yield self.report(cmd.start, cmd.end,
                              f"{shown} installed by an earlier RUN; removing it here (`{sub}`) does not shrink "
                              "the image — install and remove in the same RUN",
                              related=self._related(hit[0][1], "installed here"))

    # --- tool caches (Go, Cargo, conda, Maven, Gradle) filled by an earlier RUN ---

    def _later_cache_cleanups(self, ctx, df, target):
        if not runs_any(df, *_CACHE_FILLERS) or not runs_any(df, *_CACHE_CLEANERS):
            return
        for stage in shipped_stages(df, target):
            yield from per_stage(ctx, stage, "DW100 caches", lambda: self._cache_stage(df, stage))

    def _cache_stage(self, df, stage):
        chain = []
        s = stage
        while s is not None:
            chain.insert(0, s)
            s = s.base_stage
        filled: dict[str, tuple[tuple[str, ...], object]] = {}   # cache → (its directories, filling RUN)
        user_is_root = True
        for st in chain:
            for ins in st.instructions:
                if ins.keyword == "USER":
                    user_is_root = ins.rest.strip().split(":")[0] in ("root", "0")
                    continue
                if ins.keyword != "RUN":
                    continue
                script = script_of(df, ins)
                if script is None:
                    continue
                if st is stage:
                    yield from self._cache_deletions(df, ins, script, filled)
                for cmd in script.commands:
                    for cache in _fills(cmd):
                        dirs = _cache_dirs(df, ins, cache, user_is_root)
                        if dirs and not has_cache_mount(ins, *dirs) and not _cleaned_in(script, cache, dirs):
                            filled.setdefault(cache, (dirs, ins))

    def _cache_deletions(self, df, ins, script, filled):
        if not filled:
            return
        for cmd in script.commands:
            if cmd.program not in _CACHE_CLEANERS:
                continue
            hits = _deleted_caches(cmd, filled)
            hits = [c for c in hits if filled[c][1] is not ins]
            if not hits:
                continue
            what = " and ".join(CACHES[c][0] for c in hits)
            yield self.report(cmd.start, cmd.end,
                              f"This deletes {what} that an earlier RUN filled; that layer keeps the bytes, so the "
                              "image does not shrink — clean up in the same RUN, or keep the cache out of the layer "
                              "with `RUN --mount=type=cache`",
                              related=self._related(filled[hits[0]][1], "filled here"))
            return  # one finding per RUN


    # --- a RUN that only trims docs, man pages, locales or package caches ---

    def _trim_only_runs(self, ctx, df, target):
        for stage in shipped_stages(df, target):
            yield from per_stage(ctx, stage, "DW100 trims", lambda: self._trim_only_stage(df, stage))

    def _trim_only_stage(self, df, stage):
        for ins in stage.instructions:
            if ins.keyword != "RUN" or has_cache_mount(ins, *TRIMMED_DIRS):
                continue
            script = script_of(df, ins)
            if script is None or not script.commands or any(
                    c.program not in ("rm", "set", "true") for c in script.commands):
                continue
            if _removes_apt_lists([c for c in script.commands if c.program == "rm"]):
                continue  # the apt-lists check above speaks for this RUN
            for cmd in script.commands:
                trimmed = [w.value for w in cmd.positional() if cmd.program == "rm" and _trims(w.value)]
                if trimmed:
                    yield self.report(cmd.start, cmd.end,
                                      f"`{trimmed[0]}` holds files of earlier layers (the base image or an "
                                      "earlier install); a RUN that only deletes them does not shrink the image "
                                      "— delete them in the RUN that installs the packages")
                    break


def _trims(path: str) -> bool:
    target = _abs(path, None)
    return bool(target) and any(within(target, d) for d in TRIMMED_DIRS)


def _cache_dirs(df, ins, cache: str, user_is_root: bool) -> tuple[str, ...]:
    """Where `cache` lives for `ins`: its default directories, or where an ENV moved it."""
    _, dirs, variable = CACHES[cache]
    moved = env_set(df, ins, variable)
    if cache == "go-mod" and moved is None:
        gopath = env_set(df, ins, "GOPATH")
        moved = gopath + "/pkg/mod" if gopath else None
    if cache == "cargo" and moved is not None:
        return (moved.rstrip("/") + "/registry", moved.rstrip("/") + "/git")
    if moved is not None:
        return (moved.rstrip("/"),) if moved.startswith("/") and "$" not in moved else ()
    return tuple(d for d in dirs if user_is_root or not d.startswith("/root/"))  # another user's home: unknown


def _cleaned_in(script, cache: str, dirs) -> bool:
    """Whether the filling RUN deletes the cache itself."""
    return any(_deleted_caches(cmd, {cache: (dirs, None)}) for cmd in script.commands if cmd.program in _CACHE_CLEANERS)


def _deleted_caches(cmd, filled) -> list[str]:
    hits = [c for c in _cleans(cmd) if c in filled]
    if cmd.program == "rm":
        for w in cmd.positional():
            target = _abs(w.value, None)
            if not target or target.count("/") < 2:
                continue  # `rm -rf /root` or a relative path: not a cache clean-up we can judge
            for cache, (dirs, _) in filled.items():
                if cache not in hits and any(within(d, target) or within(target, d) for d in dirs):
                    hits.append(cache)
    return hits


def _option(cmd, short: str, long: str) -> str | None:
    words = [w.value for w in cmd.unwrapped()]
    for i, w in enumerate(words):
        if w in (short, long) and i + 1 < len(words):
            return words[i + 1]
        if w.startswith(long + "="):
            return w.split("=", 1)[1]
    return None


def _deleted_here(path, removals, cwd) -> bool:
    """Whether one of the `rm` commands `removals` deletes `path`."""
    for c in removals:
        for w in c.positional():
            t = _abs(w.value, cwd)
            if t and t != "/" and within(path, t):
                return True
    return False
