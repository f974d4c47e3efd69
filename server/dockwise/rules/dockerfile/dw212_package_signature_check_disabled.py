from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope

APT = ("apt-get", "apt", "aptitude")
RPM_TOOLS = ("yum", "dnf", "microdnf", "tdnf")


PACKAGE_FILE_SUFFIXES = (".apk", ".rpm", ".deb")


def installs_packages_built_by_a_stage(ins, words: list[str]) -> bool:
    """Every package argument is a file under a `RUN --mount=…,from=<stage>` target.

    Packages an earlier stage built are unsigned by nature; checking signatures of what the
    build itself made proves nothing. A downloaded package file is not exempt."""
    targets = []
    for flag in ins.flags_named("mount"):
        opts = flag.options()
        if opts.get("from") and opts.get("target"):
            targets.append(opts["target"].rstrip("/") + "/")
    packages = [w for w in words[1:] if not w.startswith("-") and w not in ("add", "install", "localinstall",
                                                                               "reinstall", "upgrade")]
    return bool(targets and packages) and all(
        w.endswith(PACKAGE_FILE_SUFFIXES) and any(w.startswith(t) for t in targets) for w in packages)


def unverified(cmd, ins=None) -> str | None:
    prog = cmd.program
    words = [w.value for w in cmd.unwrapped()]
    if ins is not None and prog in ("apk", "rpm", *RPM_TOOLS) and installs_packages_built_by_a_stage(ins, words):
        return None
    if prog in APT:
        flags = ("--allow-unauthenticated", "--allow-insecure-repositories", "--force-yes")
        if cmd.has_flag(*flags):  # one pass over the words; which one only when found
            for flag in flags:
                if cmd.has_flag(flag):
                    return f"`{prog} {flag}`"
        for w in words:
            low = w.lower().replace(" ", "")
            if low.startswith(("apt::get::allowunauthenticated=true", "acquire::allowinsecurerepositories=true",
                               "acquire::allowdowngradetoinsecurerepositories=true")):
                return f"`{prog} -o {w}`"
    if prog == "apk" and cmd.has_flag("--allow-untrusted"):
        return "`apk --allow-untrusted`"
    if prog in RPM_TOOLS and (cmd.has_flag("--nogpgcheck") or any(w.lower().startswith("--setopt=gpgcheck=0") for w in words)):
        return f"`{prog} --nogpgcheck`"
    if prog == "zypper" and cmd.has_flag("--no-gpg-checks"):
        return "`zypper --no-gpg-checks`"
    if prog == "rpm":
        for flag in ("--nosignature", "--nodigest", "--nofiledigest", "--noverify"):
            if cmd.has_flag(flag):
                return f"`rpm {flag}`"
    return None


class PackageSignatureCheckDisabled(Rule):
    """A package manager is told to install packages without checking their signatures.

    ## What it does
    Flags `apt-get --allow-unauthenticated`, `--allow-insecure-repositories`, `--force-yes`
    (and the equivalent `-o APT::Get::AllowUnauthenticated=true`), `apk --allow-untrusted`,
    `yum`/`dnf`/`microdnf`/`tdnf --nogpgcheck`, `zypper --no-gpg-checks` and
    `rpm --nosignature`/`--nodigest`/`--nofiledigest`/`--noverify`. Installing only package
    files that an earlier stage built, mounted into the RUN (`RUN --mount=…,from=builder,
    target=/tmp/packages apk add --allow-untrusted /tmp/packages/x.apk`), is not reported:
    they have no signature to check. Downloaded package files are.

    Stages: all (`ONBUILD RUN` too): an unsigned package installed in a builder stage can tamper
    with everything the stage builds and hands over.

    ## Why is this bad?
    Signatures are what proves a package comes from the distribution and was not altered by
    a mirror, a proxy or an attacker in between. Installing unsigned packages (or, with
    `--force-yes`, downgrades) lets a tampered package into the image silently.

    ## Example
    ```dockerfile
    RUN apk add --allow-untrusted /tmp/mytool.apk
    ```

    Use instead:
    ```dockerfile
    COPY mytool.rsa.pub /etc/apk/keys/
    RUN apk add /tmp/mytool.apk
    ```

    ## References
    - checkov CKV2_DOCKER_7 (apk), CKV2_DOCKER_8 (apt-get), CKV2_DOCKER_9 (dnf/tdnf/yum),
      CKV2_DOCKER_10 (rpm), CKV2_DOCKER_11 (`--force-yes`)
    """

    code = "DW212"
    inputs = Inputs(keywords={"RUN"}, programs={*APT, "apk", *RPM_TOOLS, "zypper", "rpm"}, scope=Scope.STAGE)
    name = "package-signature-check-disabled"
    category = Category.SECURITY
    severity = Severity.WARNING
    message = "{what} installs packages without verifying their signatures"

    def check_command(self, cmd, ins, script, ctx: RuleContext):
        what = unverified(cmd, ins)
        if what:
            yield self.report(cmd.start, cmd.end, self.message.format(what=what))
