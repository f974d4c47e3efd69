from __future__ import annotations

from ...dockerfile.shell import Command, ShellWord
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..helpers import commands


def operands(cmd: Command, value_flags: tuple[str, ...] = ()) -> list[ShellWord]:
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


def packages_after(cmd: Command, subcommands: tuple[str, ...], value_flags: tuple[str, ...] = ()) -> list[ShellWord] | None:
    """The package words of `<tool> <subcommand> pkg…` (None when the subcommand is another).
    Words that are wholly a variable (`$PKGS`) are left out: their value is unknown here."""
    ops = operands(cmd, value_flags)
    if not ops or ops[0].value not in subcommands:
        return None
    return [w for w in ops[1:] if not from_variable(w) and w.value not in subcommands]


def unpinned_message(template: str, words: list[ShellWord]) -> str:
    names = ", ".join(f"`{w.value}`" for w in words[:3]) + (" …" if len(words) > 3 else "")
    return template.format(packages=names)


class AptGetInstallUnpinned(Rule):
    """`apt-get install` installs packages without pinned versions.

    ## What it does
    Flags `apt-get install` naming a package without a version (`curl` rather than
    `curl=7.88.1-10+deb12u5`). Packages given by a variable (`$PKGS`), a release
    (`curl/bookworm-backports`) or a `.deb` file are not flagged. Off by default: pinning
    Debian packages trades reproducibility for builds that break when the archive drops the
    pinned version.

    Stages: all (`ONBUILD RUN` too), as hadolint: an unpinned package changes a builder's output
    too.

    ## Why is this bad?
    Without a version the image gets whatever the archive holds on the day of the build, so
    two builds of the same Dockerfile can differ, and a rebuild may pull in a regression.

    ## Example
    ```dockerfile
    RUN apt-get update && apt-get install -y --no-install-recommends curl
    ```

    Use instead:
    ```dockerfile
    RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
    ```

    ## References
    - hadolint DL3008
    """

    code = "DL3008"
    stage_local = True
    reads = frozenset({"RUN"})
    programs = frozenset({"apt-get"})
    name = "apt-get-install-unpinned"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Pin versions in `apt-get install` (`package=version`): {packages}"
    default_enabled = False

    VALUE_FLAGS = ("-t", "--target-release", "-o", "--option", "-c", "--config-file")

    def check(self, ctx: RuleContext):
        for _ins, _script, cmd in commands(ctx.df, "apt-get"):
            pkgs = packages_after(cmd, ("install",), self.VALUE_FLAGS)
            if not pkgs:
                continue
            loose = [w for w in pkgs if "=" not in w.value and "/" not in w.value and not w.value.endswith(".deb")]
            if loose:
                yield self.report(cmd.start, cmd.end, unpinned_message(self.message, loose))
