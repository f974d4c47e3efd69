from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import keyword_like


def label_value(text: str, escape: str) -> str:
    """A double-quoted LABEL value holding `text` literally (quotes, escapes and `$` escaped)."""
    out = []
    for ch in text:
        if ch in ('"', "$", escape):
            out.append(escape)
        out.append(ch)
    return '"' + "".join(out) + '"'


class MaintainerDeprecated(Rule):
    """`MAINTAINER` is deprecated.

    ## What it does
    Flags the `MAINTAINER` instruction.

    Stages: all: every `MAINTAINER` of the file.

    ## Why is this bad?
    `MAINTAINER` has been deprecated since Docker 1.13: it sets the image's legacy `author`
    field, which most tools ignore. A `maintainer` label is visible to `docker inspect`,
    registries and scanners, and follows the OCI annotations convention.

    ## Example
    ```dockerfile
    MAINTAINER Jane Doe <jane@example.com>
    ```

    Use instead:
    ```dockerfile
    LABEL maintainer="Jane Doe <jane@example.com>"
    ```

    ## Fix safety
    Safe: the fix replaces the instruction with `LABEL maintainer="…"` holding the same
    text (a value fully wrapped in one pair of quotes loses them; `"`, `$` and the escape
    character are escaped so LABEL's variable expansion does not change it). The image gains
    a label and loses the deprecated author field, which nothing should rely on.

    ## References
    - hadolint DL4000
    - BuildKit check MaintainerDeprecated
    """

    code = "DL4000"
    inputs = Inputs(keywords={"MAINTAINER"}, scope=Scope.STAGE)
    name = "maintainer-deprecated"
    category = Category.MAINTAINABILITY
    severity = Severity.ERROR
    fix_availability = FixAvailability.ALWAYS
    message = "`MAINTAINER` is deprecated; use `LABEL maintainer=…`"
    fix_title = "Replace with `LABEL maintainer=…`"
    buildkit_name = "MaintainerDeprecated"

    def check_instruction(self, ins, ctx: RuleContext):
        df = ctx.df
        value = ins.rest.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'" and value[0] not in value[1:-1]:
            value = value[1:-1]
        fix = None
        if value and not ins.heredocs:
            text = f"{keyword_like(ins.raw_keyword, 'LABEL')} maintainer={label_value(value, df.escape)}"
            fix = self.make_fix([Edit(ins.start, ins.rest_end, text)])
        yield self.report(ins.start, ins.keyword_end, fix=fix)
