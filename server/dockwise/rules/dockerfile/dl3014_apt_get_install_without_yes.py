from __future__ import annotations

from ...dockerfile.shell import Command
from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..helpers import commands

APT_GET_SUBCOMMANDS = frozenset({
    "update", "upgrade", "install", "reinstall", "remove", "purge", "autoremove", "autopurge",
    "dist-upgrade", "full-upgrade", "source", "build-dep", "check", "clean", "autoclean",
    "distclean", "dist-clean", "download", "changelog", "satisfy", "indextargets",
})
APK_SUBCOMMANDS = frozenset({
    "add", "del", "fix", "update", "upgrade", "cache", "info", "list", "dot", "policy", "search",
    "index", "fetch", "manifest", "verify", "audit", "stats", "version",
})


# Global options that take their value as the next word.
_VALUE_FLAGS = frozenset({"-o", "--option", "-c", "--config-file", "-t", "--target-release",
                          "--default-release", "-a", "--host-architecture", "-X", "--repository",
                          "-p", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file"})


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


def apt_get(df, sub: str):
    """(instruction, script, command, subcommand word) for each `apt-get <sub>` that really runs:
    a simulation (`apt-get install -s pkg`, a probe whether a package exists) changes nothing."""
    for ins, script, cmd in commands(df, "apt-get"):
        word = subcommand_word(cmd, APT_GET_SUBCOMMANDS)
        if word is not None and word.value == sub and not cmd.has_flag(*SIMULATE_FLAGS):
            yield ins, script, cmd, word


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


def _assumes_yes(cmd: Command) -> bool:
    if cmd.has_flag("-y", "--yes", "--assume-yes", "--force-yes"):
        return True
    for w in cmd.unwrapped()[1:]:
        v = w.value
        # quiet level 2 implies -y: `-qq`, `-q=2`, `--quiet=2`
        if v.startswith("-") and not v.startswith("--") and "=" not in v and v.count("q") >= 2:
            return True
        if v in ("-q=2", "--quiet=2", "-q2"):
            return True
    return apt_option(cmd, "APT::Get::Assume-Yes") in ("1", "true", "yes")


def fed_by_yes(script, cmd: Command) -> bool:
    """`yes | apt-get install …` answers the prompts."""
    return any(c.pipes_into is cmd and c.program == "yes" for c in script.commands)


class AptGetInstallWithoutYes(Rule):
    """`apt-get install` may stop at a confirmation prompt.

    ## What it does
    Flags `apt-get install` without `-y` (or `--yes`, `--assume-yes`, quiet level 2 such as
    `-qq`, which implies `-y`, or `-o APT::Get::Assume-Yes=true`). A command fed by
    `yes |` is not flagged.

    Stages: all (`ONBUILD RUN` too): a prompt stops the build in any stage.

    ## Why is this bad?
    A build has no terminal to answer "Do you want to continue? [Y/n]". Without `-y`,
    apt-get aborts as soon as it would install anything beyond the named packages, so the
    build fails or behaves differently depending on what the base image already contains.

    ## Example
    ```dockerfile
    RUN apt-get update && apt-get install curl
    ```

    Use instead:
    ```dockerfile
    RUN apt-get update && apt-get install -y curl
    ```

    ## Fix safety
    Safe: `-y` only answers the prompt the build could not answer anyway.

    ## References
    - hadolint DL3014
    """

    code = "DL3014"
    stage_local = True
    reads = frozenset({"RUN"})
    programs = frozenset({"apt-get"})
    name = "apt-get-install-without-yes"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    message = "`apt-get install` without `-y` can stop at a prompt the build cannot answer"
    fix_title = "Add `-y`"

    def check(self, ctx: RuleContext):
        for ins, script, cmd, install in apt_get(ctx.df, "install"):
            if _assumes_yes(cmd) or fed_by_yes(script, cmd):
                continue
            yield self.report(cmd.start, cmd.end, fix=self.make_fix([Edit.insert(install.end, " -y")]))
