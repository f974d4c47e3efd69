from __future__ import annotations

from ...dockerfile.variables import unquote
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


def invalid_port(spec: str) -> bool:
    """True for an `EXPOSE` item whose port (or range bound) is outside 0–65535."""
    value = unquote(spec)
    if "$" in value:
        return False  # a build argument; its value is not known here
    port = value.split("/", 1)[0]
    for part in port.split("-", 1):
        if not part.isdigit():
            return False  # malformed rather than out of range: BuildKit reports it
        if int(part) > 65535:
            return True
    return False


class InvalidPort(Rule):
    """`EXPOSE` names a port outside the valid range.

    ## What it does
    Flags `EXPOSE` ports (or port ranges) above 65535. Ports given by a variable are not
    checked.

    Stages: all (`ONBUILD EXPOSE` too): an invalid port fails the build in any stage.

    ## Why is this bad?
    TCP and UDP ports are 16-bit numbers, 0–65535. A larger number is a typo, and the
    image's metadata then documents a port nothing can listen on.

    ## Example
    ```dockerfile
    EXPOSE 80800
    ```

    Use instead:
    ```dockerfile
    EXPOSE 8080
    ```

    ## References
    - hadolint DL3011
    """

    code = "DL3011"
    inputs = Inputs(keywords={"EXPOSE"}, scope=Scope.STAGE)
    name = "invalid-port"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    fix_availability = FixAvailability.NEVER
    message = "`{port}` is not a valid port: ports range from 0 to 65535"

    def check_instruction(self, ins, ctx: RuleContext):
        for w in ins.words:
            if invalid_port(w.value):
                yield self.report(w.start, w.end, self.message.format(port=w.value))
