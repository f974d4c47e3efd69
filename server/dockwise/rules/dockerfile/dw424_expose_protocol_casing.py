from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class ExposeProtocolCasing(Rule):
    """`EXPOSE 80/TCP`: the protocol is not lowercase.

    ## What it does
    Flags `EXPOSE` ports whose protocol (`tcp`, `udp`, `sctp`) has upper-case letters.

    Stages: all: every `EXPOSE` of the file (`ONBUILD` too).

    ## Why is this bad?
    Docker accepts either case today, but the documented spelling is lowercase and BuildKit's
    `--check` warns about the rest; tools that read the image config may compare literally.

    ## Example
    ```dockerfile
    EXPOSE 53/UDP
    ```

    Use instead:
    ```dockerfile
    EXPOSE 53/udp
    ```

    ## Fix safety
    Safe: only the protocol's case changes.

    ## References
    - BuildKit `ExposeProtoCasing`: https://docs.docker.com/reference/build-checks/expose-proto-casing/
    """

    code = "DW424"
    inputs = Inputs(keywords={"EXPOSE"}, scope=Scope.STAGE)
    name = "expose-protocol-casing"
    category = Category.MAINTAINABILITY
    severity = Severity.STYLE
    fix_availability = FixAvailability.ALWAYS
    buildkit_name = "ExposeProtoCasing"
    message = "Defined protocol `{word}` in EXPOSE instruction should be lowercase"
    fix_title = "Lowercase the protocol"

    def check_instruction(self, ins, ctx: RuleContext):
        df = ctx.df
        if ins.json:
            return
        for w in ins.words:
            port, slash, proto = w.value.rpartition("/")
            if not slash or "$" in proto or proto == proto.lower():
                continue
            start = w.end - len(proto)
            if df.text[start:w.end] != proto:
                continue
            yield self.report(w.start, w.end, self.message.format(word=w.value),
                              fix=self.make_fix([Edit(start, w.end, proto.lower())]))
