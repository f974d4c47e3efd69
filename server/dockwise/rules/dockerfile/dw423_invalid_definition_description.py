from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Rule, RuleContext
from ..support.pragmas import TOOL_COMMENT


class InvalidDefinitionDescription(Rule):
    """The comment above an `ARG` or a named stage does not start with its name.

    ## What it does
    When a comment sits directly above `ARG NAME` or `FROM … AS name`, checks that it reads
    `# NAME <description>` (the format tools use to document build arguments and targets).
    Tool pragmas (`# dockwise:`, `# hadolint`, `# renovate:`…) are not descriptions and are
    skipped. Off by default, and a preview rule, as BuildKit marks its check experimental.

    Stages: all: every `ARG` with one name and every named `FROM`, global `ARG`s too.

    ## Why is this bad?
    `docker buildx build --call=outline` and `--call=targets` show these comments as the
    documentation of build arguments and stages only when they follow that format.

    ## Example
    ```dockerfile
    # The Go version to build with
    ARG GO_VERSION=1.22
    ```

    Use instead:
    ```dockerfile
    # GO_VERSION sets the Go version to build with
    ARG GO_VERSION=1.22
    ```

    ## References
    - BuildKit `InvalidDefinitionDescription`: https://docs.docker.com/reference/build-checks/invalid-definition-description/
    """

    code = "DW423"
    name = "invalid-definition-description"
    category = Category.MAINTAINABILITY
    severity = Severity.INFO
    buildkit_name = "InvalidDefinitionDescription"
    message = "Comment for {kw} should follow the format: `# {name} <description>`"

    def check(self, ctx: RuleContext):
        for ins in ctx.df.instructions:
            if ins.keyword == "ARG" and len(ins.pairs) == 1:
                name = ins.pairs[0].key.value
            elif ins.keyword == "FROM" and ins.stage is not None and ins.stage.name_word is not None:
                name = ins.stage.name_word.value
            else:
                continue
            comments = [c for c in ins.comments if not TOOL_COMMENT.match(c.text)]
            if not comments:
                continue
            first = comments[0]
            words = first.text.split()
            if words and words[0] == name:
                continue
            yield self.report(first.start, first.end, self.message.format(kw=ins.keyword, name=name))
