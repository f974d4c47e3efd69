"""Where each build tool keeps its download cache, and the `RUN --mount=type=cache` flag that
keeps that cache out of the layer and reuses it across builds (issue #19: the cache-mount
alternative to the clean-up fixes of DL3009, DL3019, DL3032, DL3036, DL3040, DL3042, DL3060,
DW110, and DW114's tools).

A cache mount's target must be the directory the tool really writes, for the user the RUN runs
as: `~` is `/root` for root and another directory for a `USER app`, and a variable such as
`PIP_CACHE_DIR` or `CARGO_HOME` (set by the Dockerfile or by the official image it is built on,
e.g. rust's `CARGO_HOME=/usr/local/cargo`) moves it. BuildKit creates a cache directory owned
by uid 0 unless the mount says `uid=`/`gid=`, so a tool running as another user could not write
it: for a non-root user the flag carries that user's numeric ids, known only for the official
images' own users (node's `node`, 1000:1000). Whenever a path or an id cannot be told for sure
(an unknown base image's user, a variable set from an `ARG`, a script that sets it itself) no
flag is offered: a mount on the wrong path leaves the cache in the layer, a mount the user
cannot write makes the tool warn or fail.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...dockerfile.model import Dockerfile, Instruction
from ...dockerfile.variables import expand
from ...engine.diagnostic import Applicability, Edit
from .buildkit import NEEDS_BUILDKIT, add_run_flag, frontend
from .helpers import cache_mount_targets, has_cache_mount, script_of
from .mounts import setters_before, user_instruction
from .packages import APK_SUBCOMMANDS, subcommand_word
from .runs_as_root import base_known_root, base_runs_as_nonroot

CACHE_MOUNT_KIND = "cache-mount"


@dataclass(frozen=True)
class CacheTool:
    """One tool's cache: where it lives and how the mount on it must be shared."""

    label: str                         # for the fix title: "pip's cache"
    system: tuple[str, ...] = ()       # fixed paths (system package managers, which run as root)
    env: tuple[tuple[str, str], ...] = ()  # (variable, path under its value) that move the cache, first wins
    home: str = ""                     # path under the RUN user's home directory
    root_path: str = ""                # where it lives for root when that is not under /root
    sharing: str = ""                  # "locked": the tool needs the cache to itself
    parts: tuple[str, ...] = ()        # only these folders of it are the cache (the rest is not)
    unsure_on: tuple[str, ...] = ()    # official images whose settings for it are not known here


TOOLS: dict[str, CacheTool] = {
    # apt: the package lists (what DL3009 is about) and the downloaded archives. `/var/lib/apt`
    # itself also holds `extended_states` (which packages were installed automatically), which
    # belongs in the image, so only `lists` is mounted. apt locks both directories itself, and
    # a second build sharing them at the same time would wait for or break that lock: locked.
    "apt": CacheTool("apt's package lists and archives", system=("/var/cache/apt", "/var/lib/apt/lists"),
                     sharing="locked"),
    "apk": CacheTool("apk's package index", system=("/var/cache/apk",), sharing="locked"),
    # dnf 4 (RHEL/UBI 8-9, Rocky, Alma, Amazon Linux 2023) caches in /var/cache/dnf; on Fedora
    # `dnf` may be dnf 5 (Fedora 41 and later), whose cache is /var/cache/libdnf5: there both
    # are mounted (the unused one stays an empty directory)
    "dnf": CacheTool("dnf's cache", system=("/var/cache/dnf",), sharing="locked"),
    "dnf-fedora": CacheTool("dnf's cache", system=("/var/cache/dnf", "/var/cache/libdnf5"), sharing="locked"),
    "dnf5": CacheTool("dnf's cache", system=("/var/cache/libdnf5",), sharing="locked"),
    "microdnf": CacheTool("microdnf's cache", system=("/var/cache/yum",), sharing="locked"),
    # `yum` is yum 3 on CentOS 7 and Amazon Linux 2, and dnf (cache in /var/cache/dnf) from EL 8
    "yum": CacheTool("yum's cache", system=("/var/cache/yum", "/var/cache/dnf"), sharing="locked"),
    "zypper": CacheTool("zypper's cache", system=("/var/cache/zypp",), sharing="locked"),
    "pip": CacheTool("pip's cache", env=(("PIP_CACHE_DIR", ""), ("XDG_CACHE_HOME", "/pip")), home=".cache/pip"),
    "npm": CacheTool("npm's cache", env=(("npm_config_cache", ""), ("NPM_CONFIG_CACHE", "")), home=".npm"),
    # yarn 1 caches for root under /usr/local/share/.cache/yarn (its fallback when the home
    # directory is /root), for other users under ~/.cache/yarn
    "yarn": CacheTool("yarn's cache", env=(("YARN_CACHE_FOLDER", ""), ("XDG_CACHE_HOME", "/yarn")),
                      home=".cache/yarn", root_path="/usr/local/share/.cache/yarn"),
    "pnpm": CacheTool("pnpm's store", env=(("npm_config_store_dir", ""), ("PNPM_HOME", "/store"),
                                            ("XDG_DATA_HOME", "/pnpm/store")), home=".local/share/pnpm/store"),
    "uv": CacheTool("uv's cache", env=(("UV_CACHE_DIR", ""), ("XDG_CACHE_HOME", "/uv")), home=".cache/uv"),
    # Poetry's cache directory also holds the virtualenvs it creates (`virtualenvs/`), which the
    # image runs from: only its download caches are the cache
    "poetry": CacheTool("Poetry's cache", env=(("POETRY_CACHE_DIR", ""), ("XDG_CACHE_HOME", "/pypoetry")),
                        home=".cache/pypoetry", parts=("cache", "artifacts")),
    "go-mod": CacheTool("Go's module cache", env=(("GOMODCACHE", ""), ("GOPATH", "/pkg/mod")), home="go/pkg/mod"),
    "go-build": CacheTool("Go's build cache", env=(("GOCACHE", ""), ("XDG_CACHE_HOME", "/go-build")),
                          home=".cache/go-build"),
    # the registry only: `$CARGO_HOME/bin` holds what `cargo install` installs
    "cargo": CacheTool("Cargo's registry", env=(("CARGO_HOME", "/registry"),), home=".cargo/registry"),
    "maven": CacheTool("Maven's repository", home=".m2/repository"),
    "gradle": CacheTool("Gradle's caches", env=(("GRADLE_USER_HOME", "/caches"),), home=".gradle/caches",
                        unsure_on=("gradle",)),
    "composer": CacheTool("Composer's cache", env=(("COMPOSER_CACHE_DIR", ""), ("COMPOSER_HOME", "/cache"))),
}

# Variables that official images set (`ENV` in their own Dockerfile), by image name.
IMAGE_ENV: dict[str, dict[str, str]] = {
    "golang": {"GOPATH": "/go"},
    "rust": {"CARGO_HOME": "/usr/local/cargo"},
    "composer": {"COMPOSER_HOME": "/tmp"},
}

# Users official images create, by image: name → (home, uid, gid).
IMAGE_USERS: dict[str, dict[str, tuple[str, int, int]]] = {
    "node": {"node": ("/home/node", 1000, 1000)},
}

ROOT = ("/root", 0, 0)
_ROOT_NAMES = ("root", "0")


def _official_name(df: Dockerfile, ins: Instruction) -> str | None:
    """The official image the RUN's stage is built on (`python`, `node`), None otherwise."""
    stage = ins.stage
    ref = stage.root_ref if stage is not None else None
    if ref is None or not ref.is_official:
        return None
    return ref.name


def _user_at(df: Dockerfile, ins: Instruction) -> tuple[str, int, int] | None:
    """(home, uid, gid) of the user `ins` runs as; None when it cannot be told."""
    stage = ins.stage
    user_ins = user_instruction(df, stage, ins) if stage is not None else None
    if user_ins is None:
        ref = stage.root_ref if stage is not None else None
        if ref is None or base_runs_as_nonroot(ref) or not base_known_root(ref):
            return None
        return ROOT
    value = _expanded(df, user_ins, user_ins.rest.strip())
    if value is None:
        return None
    name, _, group = value.partition(":")
    if name in _ROOT_NAMES and group in ("", "root", "0"):
        return ROOT
    known = IMAGE_USERS.get(_official_name(df, ins) or "", {}).get(name)
    if known is not None and group in ("", name, str(known[2])):
        return known
    return None


def _expanded(df: Dockerfile, ins: Instruction, word: str) -> str | None:
    from ...dockerfile.stages import stage_env
    if "$" not in word:
        return word
    exp = expand(word, stage_env(df, ins.stage, ins), df.escape) if ins.stage is not None else None
    return None if exp is None or exp.unknown else exp.value


def _variable(df: Dockerfile, ins: Instruction, name: str) -> tuple[bool, str | None]:
    """(set, value) of `name` for `ins`: set by the stage's chain of ENVs or the official base
    image; value None when it is set but cannot be told (from an ARG, a build argument can
    change it; or from another variable nothing here knows)."""
    value: str | None = IMAGE_ENV.get(_official_name(df, ins) or "", {}).get(name)
    found = value is not None
    for stage in ins.stage.lineage() if ins.stage is not None else ():
        for other in setters_before(df, stage, ins if stage is ins.stage else None):
            if other.keyword not in ("ENV", "ARG"):
                continue
            for kv in other.pairs:
                if kv.key.value != name:
                    continue
                found = True
                if other.keyword == "ARG" or kv.value is None:
                    value = None
                else:
                    value = _expanded(df, other, kv.value.value)
    return found, value


def cache_paths(tool: str, df: Dockerfile, ins: Instruction) -> tuple[str, ...] | None:
    """The directories `tool`'s cache lives in when run by `ins`; None when they cannot be told
    for sure."""
    spec = TOOLS[tool]
    if spec.system:
        return spec.system
    found = _cache_dir(spec, df, ins)
    if found is None or not spec.parts:
        return found
    return tuple(f"{found[0]}/{part}" for part in spec.parts)


def _cache_dir(spec: CacheTool, df: Dockerfile, ins: Instruction) -> tuple[str, ...] | None:
    if _official_name(df, ins) in spec.unsure_on:
        return None
    for name, sub in spec.env:
        if name in ins.rest:
            return None  # the script sets it itself (`export`, `VAR=… tool`): not followed
        found, value = _variable(df, ins, name)
        if found:
            return (value.rstrip("/") + sub,) if value and value.startswith("/") else None
    if not spec.home:
        return None
    user = _user_at(df, ins)
    if user is None:
        return None
    home_set, home = _variable(df, ins, "HOME")
    if home_set:
        if not home or not home.startswith("/"):
            return None
        user = (home.rstrip("/"), user[1], user[2])
    if user == ROOT and spec.root_path:
        return (spec.root_path,)
    return (f"{user[0]}/{spec.home}",)


def moved_by_script(tools: tuple[str, ...], ins: Instruction) -> bool:
    """Whether the RUN itself names a variable that moves one of these caches (`export
    COMPOSER_HOME="$(mktemp -d)"`, `GOCACHE=/tmp/x go build`): where the cache goes is then
    the script's business."""
    return any(name in ins.rest for tool in tools for name, _ in TOOLS[tool].env)


def mounted_anywhere(tool: str, ins: Instruction) -> bool:
    """Whether a cache or tmpfs mount of `ins` looks like `tool`'s cache for some user (a
    target ending in `/.cache/uv`), for RUNs whose user is not known here: the author knows it."""
    spec = TOOLS[tool]
    ends = [p for p in (spec.home, spec.root_path) if p]
    targets = cache_mount_targets(ins)
    return any(t.endswith("/" + e.lstrip("/")) or t == e or (e + "/").startswith(t + "/")
               for t in targets for e in ends)


def mount_flags(tool: str | tuple[str, ...], df: Dockerfile, ins: Instruction) -> str | None:
    """The `--mount=type=cache,…` flag(s) that keep `tool`'s cache (or the caches of several
    tools, e.g. Go's module and build caches) out of `ins`'s layer (one per directory,
    space-separated), None when no such flag can be offered for sure."""
    if isinstance(tool, tuple):
        each = [mount_flags(t, df, ins) for t in tool]
        if any(f is None and cache_paths(t, df, ins) is None for f, t in zip(each, tool)):
            return None  # one of them cannot be told: a partial mount would half-fix it
        return " ".join(f for f in each if f) or None
    paths = cache_paths(tool, df, ins)
    if paths is None:
        return None
    spec = TOOLS[tool]
    owner = ""
    if not spec.system:
        user = _user_at(df, ins)
        if user is None:
            return None
        if user[1] != 0:
            owner = f",uid={user[1]},gid={user[2]}"
    sharing = f",sharing={spec.sharing}" if spec.sharing else ""
    missing = [p for p in paths if not has_cache_mount(ins, p)]
    return " ".join(f"--mount=type=cache,target={p}{sharing}{owner}" for p in missing) or None


def mount_fix(rule, tool: str | tuple[str, ...], df: Dockerfile, ins: Instruction, edits=(), label: str = ""):
    """The unsafe alternative fix that adds `tool`'s cache mount to `ins` (plus `edits`, e.g.
    removing a `--no-cache` the mount makes pointless); None when the file's frontend has no
    `RUN --mount`, the RUN is an `ONBUILD` trigger (built by another file's frontend) or the
    target cannot be told. `label` names the cache in the title (default: the tool's)."""
    onbuild_trigger = not (ins.index < len(df.instructions) and df.instructions[ins.index] is ins)
    if not frontend(df).mounts or ins.stage is None or onbuild_trigger:
        return None
    flags = mount_flags(tool, df, ins)
    if flags is None:
        return None
    script = script_of(df, ins)
    if script is not None:
        targets = [f.partition("target=")[2].partition(",")[0] for f in flags.split()]
        if _removes_a_mount(script, targets):
            return None  # `rm -rf /var/lib/apt` cannot remove a mount point: the RUN would fail
        tools = tool if isinstance(tool, tuple) else (tool,)
        if not all(TOOLS[t].system for t in tools) and _switches_user(script):
            return None  # `su app -c 'pip install …'` caches under app's home, not this user's
    label = label or TOOLS[tool if isinstance(tool, str) else tool[0]].label
    article = "cache mounts" if " " in flags else "a cache mount"
    return rule.make_fix([add_run_flag(ins, flags), *edits], Applicability.UNSAFE,
                         title=f"Use {article} for {label} ({NEEDS_BUILDKIT})", kind=CACHE_MOUNT_KIND)


# Commands that run what follows as another user (`sudo` does only with `-u`).
_USER_SWITCHES = frozenset({"su", "runuser", "gosu", "su-exec", "setpriv", "chroot", "chpst", "s6-setuidgid"})


def _switches_user(script) -> bool:
    for cmd in script.commands:
        words = [w.value for w in cmd.argv]
        if any(w in _USER_SWITCHES for w in words[:1]) or (
                words[:1] == ["sudo"] and any(w in ("-u", "--user") or w.startswith("--user=") for w in words[1:])):
            return True
    return False


def _removes_a_mount(script, targets: list[str]) -> bool:
    """An `rm` of a mount target or of a folder above one (`rm -rf /var/lib/apt`,
    `/var/lib/{apt,dpkg}/`, `/var/lib/apt/*`); emptying the target itself
    (`rm -rf /var/lib/apt/lists/*`) works."""
    for cmd in script.commands:
        if cmd.program != "rm":
            continue
        for w in cmd.positional():
            for path in _braces(w.value):
                path = path.rstrip("/")
                if path.endswith("/*"):  # the contents: a mount point among them cannot go
                    inside = path[:-2] + "/"
                    if any(t.startswith(inside) for t in targets):
                        return True
                elif path and any(t == path or t.startswith(path + "/") for t in targets):
                    return True
    return False


def _braces(word: str) -> list[str]:
    """`/var/lib/{apt,dpkg}/` → both paths (one level of braces, as rm's callers write them)."""
    start = word.find("{")
    end = word.find("}", start)
    if start < 0 or end < 0:
        return [word]
    return [word[:start] + part + word[end + 1:] for part in word[start + 1:end].split(",")]


def dropped_flags(df: Dockerfile, commands, flag: str, instead: str = "") -> list:
    """Edits that take `flag` (a whole word, e.g. `--no-cache-dir`) out of `commands` (or put
    `instead` in its place): with a cache mount on the RUN it would only keep that command from
    using the cache."""
    edits = []
    for cmd in commands:
        for word in cmd.unwrapped()[1:]:
            if word.value != flag or df.text[word.start:word.end] != flag:
                continue
            if instead:
                edits.append(Edit(word.start, word.end, instead))
            elif word.start > 0 and df.text[word.start - 1] in " \t":
                edits.append(Edit.delete(word.start - 1, word.end))  # the word and the space before it
    return edits


def apk_refresh_edits(df: Dockerfile, script) -> tuple[Edit, ...]:
    """For apk's cache mount: ` --update` after each `add` of the RUN that does not refresh the
    index already: a cached index can be hours old, and a package it names may be gone from the
    mirror (Docker's own cache-mount example for apk says `apk --update add`). One mount serves every `apk add` of
    the RUN, so all of them get it at once; an `add --no-cache` beside it would keep away from
    the mount, so it gets `--update` in that flag's place."""
    edits = []
    refreshed = False
    for c in script.commands:
        sub = subcommand_word(c, APK_SUBCOMMANDS) if c.program == "apk" else None
        if sub is None:
            continue
        if sub.value == "update":
            refreshed = True  # the adds after it read a fresh index
        elif sub.value == "add" and c.has_flag("--no-cache") and (refreshed or c.has_flag("-U", "--update", "--update-cache")):
            edits.extend(dropped_flags(df, [c], "--no-cache"))  # would keep this add from the mount
        elif sub.value == "add" and c.has_flag("--no-cache"):
            edits.extend(dropped_flags(df, [c], "--no-cache", instead="--update"))
        elif sub.value == "add" and not refreshed and not c.has_flag("-U", "--update", "--update-cache"):
            edits.append(Edit.insert(sub.end, " --update"))
    return tuple(edits)


def mount_alternatives(rule, tool: str | tuple[str, ...], df: Dockerfile, ins: Instruction, edits=(),
                       label: str = "") -> tuple:
    """`mount_fix` as the `alternatives` of a finding: () when there is none."""
    fix = mount_fix(rule, tool, df, ins, edits, label)
    return () if fix is None else (fix,)
