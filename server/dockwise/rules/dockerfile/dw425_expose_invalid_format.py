from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class ExposeInvalidFormat(Rule):
    """`EXPOSE` with an IP address or a host-port mapping.

    ## What it does
    Flags `EXPOSE` arguments such as `127.0.0.1:80`, `8080:80` or `0.0.0.0:53:53/udp`.

    Stages: all: every `EXPOSE` of the file (`ONBUILD` too): the build fails in any stage.

    ## Why is this bad?
    `EXPOSE` only documents which container ports the image listens on. Publishing to a host
    port or address is decided by whoever runs the container (`docker run -p`, Compose);
    Docker ignores the host part here, and BuildKit warns that it will become an error.

    ## Example
    ```dockerfile
    EXPOSE 127.0.0.1:8080:80
    ```

    Use instead:
    ```dockerfile
    EXPOSE 80
    ```

    ## References
    - BuildKit `ExposeInvalidFormat`: https://docs.docker.com/reference/build-checks/expose-invalid-format/
    """

    code = "DW425"
    inputs = Inputs(keywords={"EXPOSE"}, scope=Scope.STAGE)
    name = "expose-invalid-format"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    buildkit_name = "ExposeInvalidFormat"
    message = "EXPOSE instruction should not define an IP address or host-port mapping, found `{word}`"

    def check_instruction(self, ins, ctx: RuleContext):
        for w in ins.words:
            port = w.value.split("/", 1)[0]
            # `${PORT:-80}` holds a colon that is no mapping
            if ":" in port and "$" not in port:
                yield self.report(w.start, w.end, self.message.format(word=w.value))
