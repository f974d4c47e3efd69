from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class GoInstallUnpinned(Rule):
    """`go install` / `go get` / `go run` of a module without a version.

    ## What it does
    Flags `go install <pkg>`, `go get <pkg>` and `go run <pkg>` where a remote package has no
    `@version`, or uses `@latest`. Local packages (`.`, `./…`, `/…`, `*.go` files), the
    arguments `go run` passes to the program, arguments holding variables, and paths
    whose first element has no dot are not judged: Go reserves those for the standard library,
    the main module and patterns such as `tool` (Go 1.24: the `tool` lines of `go.mod`, whose
    versions `go.mod` pins), `all`, `std` and `cmd/...`, none of them fetched at "latest".

    Stages: all (`ONBUILD RUN` too), as hadolint: an unpinned module changes a builder's output
    too.

    ## Why is this bad?
    Without a version Go fetches whatever is newest at build time: builds stop being
    reproducible and may break from one day to the next.

    ## Example
    ```dockerfile
    RUN go install golang.org/x/tools/gopls@latest
    ```

    Use instead:
    ```dockerfile
    RUN go install golang.org/x/tools/gopls@v0.16.1
    ```

    ## References
    - hadolint DL3062
    """

    code = "DL3062"
    inputs = Inputs(keywords={"RUN"}, programs={"go"}, scope=Scope.STAGE)
    name = "go-install-unpinned"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Pin versions in go: use `go install <package>@<version>`"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        pos = cmd.positional()
        if not pos or pos[0].value not in ("install", "get", "run"):
            return
        if len(pos) > 1 and pos[1].value == "tool":
            return  # `go install tool …`: the tools go.mod declares, at the versions it pins
        # `go run <package> args…`: only the package; what follows are the program's arguments
        packages = pos[1:2] if pos[0].value == "run" else pos[1:]
        bad = []
        for w in packages:
            v = w.value
            if not w.literal or v.startswith((".", "/", "$", "-")) or v.endswith(".go"):
                continue
            if "@" not in v and "." not in v.split("/", 1)[0]:
                continue  # standard library, main module, or a pattern (`tool`, `all`)
            if "@" not in v or v.rsplit("@", 1)[1] in ("latest", ""):
                bad.append(v)
        if bad:
            yield self.report(cmd.start, cmd.end, f"Pin versions in go (unpinned: {', '.join(bad)})")
