from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ...knowledge.distros import FAMILY_DISTROS, FAMILY_TOOLS, PACKAGE_MANAGERS, package_family
from ..support.helpers import commands, script_of, subcommand

# Signs that a script picks its commands by the distribution it finds (multi-distro scripts).
_DETECTION = ("command -v", "which ", "type -p", "hash ", "os-release", "alpine-release", "debian_version",
              "redhat-release", "lsb_release", "ID_LIKE", "$ID", "${ID}")
_INSTALL_VERBS = frozenset({"install", "add", "in"})
# The packages that bring a package manager (`apt-get install -y apk-tools` makes `apk` work).
_BRINGS = {"apk": ("apk-tools",), "yum": ("yum",), "dnf": ("dnf",), "microdnf": ("microdnf",), "tdnf": ("tdnf",),
           "zypper": ("zypper",), "pacman": ("pacman",), "apt-get": ("apt",), "apt": ("apt",),
           "aptitude": ("aptitude",)}


class ForeignPackageManager(Rule):
    """A RUN uses a package manager that the stage's distribution does not have.

    ## What it does
    Knows the distribution family of well-known base images from their name and tag
    (`alpine`, `*-alpine` → apk; `debian`, `ubuntu`, `python`, `node`, `golang`, `*-slim`,
    `*-bookworm`, `eclipse-temurin`, .NET images → apt; `fedora`, `rockylinux`, UBI,
    `amazonlinux`, `amazoncorretto`, `*-ubi9` → dnf/yum/microdnf; openSUSE → zypper; Arch →
    pacman), following `FROM <stage>` chains, and reports `apk`, `apt-get`/`apt`, `yum`/`dnf`/
    `microdnf`, `zypper` or `pacman` run in a stage whose base belongs to another family. It
    stays silent when the base is not known (other images, names built from variables,
    `scratch`, distroless), when the same RUN uses several package managers or tests which
    distribution it is on (`command -v apk`, `/etc/os-release`), when the command is itself a
    test (`if apk …`, `apk … || …`), inside `chroot`, and when an earlier step installed that
    package manager.

    Stages: all, each with the base it is built on through `FROM <stage>` chains: the step fails
    in any stage. `ONBUILD RUN` is not checked: it runs on the base of the image built from it.

    ## Why is this bad?
    The step fails with `apk: not found` (or installs nothing, if hidden behind `|| true`).
    It usually appears after the base image was switched (`node:20-alpine` → `node:20`) and
    the install line was not updated, and package names differ between distributions too.

    ## Example
    ```dockerfile
    FROM node:20-bookworm-slim
    RUN apk add --no-cache tini
    ```

    Use instead:
    ```dockerfile
    FROM node:20-bookworm-slim
    RUN apt-get update && apt-get install -y --no-install-recommends tini \\
        && rm -rf /var/lib/apt/lists/*
    ```
    """

    code = "DW454"
    inputs = Inputs(keywords={"RUN"}, programs=PACKAGE_MANAGERS, scope=Scope.STAGE)
    name = "foreign-package-manager"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    fix_availability = FixAvailability.NEVER
    message = ("`{prog}` is the package manager of {wanted}, but `{image}` is based on {family} (it has {tools}): "
               "the step fails with `{prog}: not found`")

    def check(self, ctx: RuleContext):
        df = ctx.df
        reported: set[int] = set()
        onbuild = {id(i.sub) for i in df.instructions if i.sub is not None}  # run in a child image
        for ins, script, cmd in commands(df, *PACKAGE_MANAGERS):
            stage = ins.stage
            if stage is None or stage.windows or ins.index in reported or cmd.in_condition or id(ins) in onbuild:
                continue
            prog = cmd.program
            family = self._family(stage)
            if family is None or PACKAGE_MANAGERS[prog] == family:
                continue
            if self._multi_distro(df, ins) or self._installed_before(df, stage, ins, prog):
                continue
            reported.add(ins.index)
            root = stage
            while root.base_stage is not None:
                root = root.base_stage
            word = cmd.unwrapped()[0]
            yield self.report(word.start, word.end, self.message.format(
                prog=prog, wanted=FAMILY_DISTROS[PACKAGE_MANAGERS[prog]], image=root.image_word.value,
                family=FAMILY_DISTROS[family], tools=FAMILY_TOOLS[family]))

    @staticmethod
    def _family(stage) -> str | None:
        root = stage
        while root.base_stage is not None:
            root = root.base_stage
        if root.unresolved or root.image_word is None or "$" in root.image_word.value:
            return None  # a base chosen by a build argument may be another distribution
        return package_family(root.ref)

    @staticmethod
    def _multi_distro(df, ins) -> bool:
        script = script_of(df, ins)
        if script is None:
            return True
        families = {PACKAGE_MANAGERS[c.program] for c in script.commands if c.program in PACKAGE_MANAGERS}
        return len(families) > 1 or any(sign in script.text for sign in _DETECTION)

    @staticmethod
    def _installed_before(df, stage, ins, prog: str) -> bool:
        chain = set()
        s = stage
        while s is not None:
            chain.add(s.index)
            s = s.base_stage
        brings = _BRINGS.get(prog, (prog,))
        for other, _, cmd in commands(df, *PACKAGE_MANAGERS):
            if other.stage is None or other.stage.index not in chain:
                continue
            if other.stage.index == stage.index and other.index > ins.index:
                break
            if subcommand(cmd) not in _INSTALL_VERBS:
                continue
            if any(w.value.startswith(brings) for w in cmd.positional()[1:]):
                return True
        return False
