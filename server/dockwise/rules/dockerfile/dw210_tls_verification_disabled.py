from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import script_of, subcommand
from ..support.pip import PIP

FALSE = ("false", "0", "no", "off")
# Every program looked at below (and pip3.x, python*): the rest are skipped before any work.
PROGRAMS = frozenset({"curl", "wget", *PIP, "npm", "yarn", "pnpm", "git", "yum", "dnf", "microdnf", "tdnf",
                      "yum-config-manager"})


def tls_disabled(cmd) -> str | None:
    """What in `cmd` turns certificate verification off, or None."""
    prog = cmd.program
    if prog not in PROGRAMS and not prog.startswith(("pip3.", "python")):
        return None
    words = [w.value for w in cmd.unwrapped()]
    low = [w.lower() for w in words]
    if prog == "curl" and (cmd.has_flag("-k", "--insecure")):
        return "`curl --insecure`"
    if prog == "wget" and cmd.has_flag("--no-check-certificate"):
        return "`wget --no-check-certificate`"
    if (prog in PIP or prog.startswith("pip3.")) and cmd.has_flag("--trusted-host"):
        return "`pip --trusted-host`"
    if prog.startswith("python") and "pip" in words and cmd.has_flag("--trusted-host"):
        return "`pip --trusted-host`"
    if prog in ("npm", "yarn", "pnpm") and subcommand(cmd) == "config":
        for i, w in enumerate(low):
            if w in ("strict-ssl", "strict-ssl=false") and (w.endswith("=false") or
                                                          (i + 1 < len(low) and low[i + 1] in FALSE)):
                return f"`{prog} config set strict-ssl false`"
    if prog in ("npm", "yarn", "pnpm") and any(w in ("--strict-ssl=false", "--no-strict-ssl") for w in low):
        return f"`{prog} --strict-ssl=false`"
    if prog == "git":
        for i, w in enumerate(low):
            if w.startswith("http.sslverify") or w.endswith(".sslverify"):
                value = w.split("=", 1)[1] if "=" in w else (low[i + 1] if i + 1 < len(low) else "")
                if value in FALSE:
                    return "`git http.sslVerify false`"
    if prog in ("yum", "dnf", "microdnf", "tdnf", "yum-config-manager"):
        for w in low:
            if w.replace(" ", "").endswith(("sslverify=0", "sslverify=false", "sslverify=no")):
                return f"`{prog} sslverify=0`"
    return None


class TlsVerificationDisabled(Rule):
    """A `RUN` command turns off TLS certificate verification.

    ## What it does
    Flags downloads and package tools told to skip certificate checks: `curl -k`/`--insecure`,
    `wget --no-check-certificate`, `pip --trusted-host`, `npm|yarn|pnpm config set strict-ssl
    false`, `git config http.sslVerify false` (or `git -c http.sslVerify=false`), and yum/dnf
    `sslverify=0` set through their command line. Variables that do the same in `ENV`/`ARG`
    are DW211.

    Stages: all (`ONBUILD RUN` too): a download that skips certificate checks in a builder stage
    can be replaced in transit, and so can everything built from it.

    ## Why is this bad?
    Without certificate verification anyone on the network path (a proxy, a compromised
    mirror, a hostile Wi-Fi in CI) can serve a different file, and the build will install it.
    Fix the trust store instead (`ca-certificates`, `--cacert`, `PIP_CERT`,
    `NODE_EXTRA_CA_CERTS`).

    ## Example
    ```dockerfile
    RUN curl -k -o /tmp/tool.tgz https://example.com/tool.tgz
    ```

    Use instead:
    ```dockerfile
    RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \\
     && curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz
    ```

    ## References
    - checkov CKV2_DOCKER_2 (curl), CKV2_DOCKER_3 (wget), CKV2_DOCKER_4 (pip `--trusted-host`),
      CKV2_DOCKER_13 (npm/yarn strict-ssl), CKV2_DOCKER_15 (yum/dnf sslverify)
    """

    code = "DW210"
    inputs = Inputs(keywords={"RUN"}, scope=Scope.STAGE)
    name = "tls-verification-disabled"
    category = Category.SECURITY
    severity = Severity.WARNING
    message = "{what} disables TLS certificate verification"

    def check_instruction(self, ins, ctx: RuleContext):
        script = script_of(ctx.df, ins)
        for cmd in script.commands if script is not None else ():
            what = tls_disabled(cmd)
            if what:
                yield self.report(cmd.start, cmd.end, self.message.format(what=what))
