"""Package managers: their subcommands and flags, the packages a command installs and whether
they are pinned, and removing their caches (shared by the DL30xx package rules and DW100)."""

from __future__ import annotations

from collections.abc import Collection

from ...dockerfile.shell import Command, ShellWord
from ...engine.diagnostic import Edit
from ...engine.rule import Rule
from .helpers import can_append_to_run


# apt-get(8) and the commands apt-get.cc dispatches (aliases included: `auto-remove`).
APT_GET_SUBCOMMANDS = frozenset({
    "update", "upgrade", "install", "reinstall", "remove", "purge", "autoremove", "autopurge",
    "dist-upgrade", "full-upgrade", "source", "build-dep", "check", "clean", "autoclean",
    "distclean", "dist-clean", "download", "changelog", "satisfy", "indextargets",
    "dselect-upgrade", "auto-remove", "auto-clean", "markauto", "unmarkauto",
})
# apt(8) and the commands apt.cc dispatches, including those kept "for compat with muscle
# memory" (`dist-upgrade`, `clean`, `source`...). `apt` has no `check` nor `indextargets`.
APT_SUBCOMMANDS = frozenset({
    "list", "search", "show", "info", "install", "reinstall", "remove", "purge", "autoremove",
    "auto-remove", "autopurge", "update", "upgrade", "full-upgrade", "dist-upgrade",
    "edit-sources", "modernize-sources", "satisfy", "why", "why-not", "showsrc", "depends",
    "rdepends", "policy", "build-dep", "clean", "distclean", "dist-clean", "autoclean",
    "auto-clean", "source", "download", "changelog", "history-list", "history-info",
    "history-redo", "history-undo", "history-rollback",
})
# What `apt <sub>` can be rewritten to `apt-get <sub>` for (DL3027's fix).
SHARED_APT_SUBCOMMANDS = APT_SUBCOMMANDS & APT_GET_SUBCOMMANDS
APK_SUBCOMMANDS = frozenset({
    "add", "del", "fix", "update", "upgrade", "cache", "info", "list", "dot", "policy", "search",
    "index", "fetch", "manifest", "verify", "audit", "stats", "version",
})


# Options that take their value as the next word (`-t bookworm-backports`, `--virtual .deps`),
# which is then neither a subcommand nor a package: apt-get(8) and apk(8).
APT_GET_VALUE_FLAGS = frozenset({"-o", "--option", "-c", "--config-file", "-t", "--target-release",
                                 "--default-release", "-a", "--host-architecture"})
APK_VALUE_FLAGS = frozenset({"-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--cache-dir",
                             "--keys-dir", "--repositories-file"})
_VALUE_FLAGS = APT_GET_VALUE_FLAGS | APK_VALUE_FLAGS


def subcommand_word(cmd: Command, known: frozenset[str]):
    """The first argument naming a known subcommand (skips flags and flag values such as
    `apt-get -o Dpkg::Options::=x install`, `apk -X https://… add`)."""
    words = cmd.unwrapped()[1:]
    skip = False
    for w in words:
        if skip:
            skip = False
            continue
        if w.value in _VALUE_FLAGS:
            skip = True
            continue
        if w.value in known:
            return w
        if not w.value.startswith("-") and w.literal and "=" not in w.value and "/" not in w.value \
                and ":" not in w.value:
            return None  # a different, unknown subcommand
    return None


SIMULATE_FLAGS = ("-s", "--simulate", "--just-print", "--dry-run", "--recon", "--no-act")


def apt_get_subcommand(cmd: Command, sub: str):
    """The subcommand word of an `apt-get` command when it is `sub` and really runs: a simulation
    (`apt-get install -s pkg`, a probe whether a package exists) changes nothing."""
    word = subcommand_word(cmd, APT_GET_SUBCOMMANDS)
    if word is not None and word.value == sub and not cmd.has_flag(*SIMULATE_FLAGS):
        return word
    return None


def apt_option(cmd: Command, name: str) -> str | None:
    """Value of `-o Name=value` / `--option Name=value` (case-insensitive name), else None."""
    words = [w.value for w in cmd.unwrapped()[1:]]
    for i, v in enumerate(words):
        text = None
        if v in ("-o", "--option") and i + 1 < len(words):
            text = words[i + 1]
        elif v.startswith("-o") and len(v) > 2 and "=" in v:
            text = v[2:]
        elif v.startswith("--option="):
            text = v[len("--option="):]
        if text and "=" in text:
            key, _, value = text.partition("=")
            if key.strip().lower() == name.lower():
                return value.strip().lower()
    return None


def operands(cmd: Command, value_flags: Collection[str] = ()) -> list[ShellWord]:
    """Non-flag arguments of a command, skipping the values of `value_flags` written as a
    separate word (`-t bookworm-backports`)."""
    out: list[ShellWord] = []
    skip = False
    for w in cmd.unwrapped()[1:]:
        if skip:
            skip = False
            continue
        v = w.value
        if v.startswith("-") and len(v) > 1 and v != "--":
            skip = v in value_flags
            continue
        out.append(w)
    return out


def from_variable(w: ShellWord) -> bool:
    """A word that is wholly an expansion (`$PKGS`, `"${EXTRA}"`): its packages and versions are
    unknown here, so it is neither pinned nor unpinned. A name with a variable inside
    (`postgresql-${PG_MAJOR}`) is still judged on its literal text."""
    return not w.literal and w.value.lstrip("\"'").startswith(("$", "`"))


def packages_after(cmd: Command, subcommands: tuple[str, ...], value_flags: Collection[str] = ()) -> list[ShellWord] | None:
    """The package words of `<tool> <subcommand> pkg…` (None when the subcommand is another).
    Words that are wholly a variable (`$PKGS`) are left out: their value is unknown here."""
    ops = operands(cmd, value_flags)
    if not ops or ops[0].value not in subcommands:
        return None
    return [w for w in ops[1:] if not from_variable(w) and w.value not in subcommands]


def unpinned_message(template: str, words: list[ShellWord]) -> str:
    names = ", ".join(f"`{w.value}`" for w in words[:3]) + (" …" if len(words) > 3 else "")
    return template.format(packages=names)


def zypper_subcommand(cmd):
    """The first zypper argument naming a subcommand, as a ShellWord (None if absent)."""
    for w in cmd.unwrapped()[1:]:
        if not w.value.startswith("-"):
            return w
    return None


DNF = ("dnf", "microdnf", "dnf5")


def append_cleanup_fix(rule: Rule, df, ins, script, text: str):
    """A fix appending ` && <cleanup>` to a shell-form RUN (None for heredocs or odd scripts)."""
    if not can_append_to_run(df, ins, script):
        return None
    return rule.make_fix([Edit.insert(ins.rest_end, f" && {text}")])


APT_LISTS = "/var/lib/apt/lists"


def removes(script, after: int, *paths: str) -> bool:
    """An `rm` (after offset `after`) deleting one of `paths`, its contents (`dir/*`) or a parent."""
    return any(cmd.start >= after and rm_deletes(cmd, paths) for cmd in script.commands)


def rm_deletes(cmd, paths) -> bool:
    """Whether `cmd` is an `rm` deleting one of `paths`, its contents (`dir/*`) or a parent."""
    if cmd.program != "rm":
        return False
    for w in cmd.positional():
        target = w.value
        while target.endswith(("/*", "/")):
            target = target[:-2] if target.endswith("/*") else target[:-1]
        for p in paths:
            if target and (p == target or p.startswith(target + "/")) and target.count("/") >= 2:
                return True
    return False
