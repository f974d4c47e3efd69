from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


def empty_continuation_lines(df, ins) -> list[tuple[int, int]]:
    """Spans (line start, next line start) of the blank lines inside `ins`'s continuation."""
    src = df.source
    stop = ins.heredocs[0].body_start if ins.heredocs else ins.end
    if ins.line.text:
        stop = min(stop, ins.line.end_to_source(len(ins.line.text)))
    first = src.line_of(ins.start)
    last = src.line_of(max(stop - 1, ins.start))
    spans = []
    starts = src.line_starts
    for n in range(first + 1, last):
        a = starts[n]
        b = starts[n + 1] if n + 1 < len(starts) else len(df.text)
        if not df.text[a:b].strip():
            spans.append((a, b))
    return spans


class EmptyContinuationLine(Rule):
    """An instruction continued with `\\` has blank lines in the middle.

    ## What it does
    Flags instructions whose continuation (`\\` at the end of a line) runs over one or more
    empty lines. Comment lines inside a continuation are fine.

    Stages: all: every instruction of the file, before the first `FROM` too.

    ## Why is this bad?
    BuildKit skips empty lines inside a continuation today but announces they will become an
    error in a future release. A blank line also looks like the end of the instruction, so
    the next lines read as if they were something else.

    ## Example
    ```dockerfile
    RUN apt-get update && \\

        apt-get install -y curl
    ```

    Use instead:
    ```dockerfile
    RUN apt-get update && \\
        apt-get install -y curl
    ```

    ## Fix safety
    Safe: BuildKit ignores those lines, so deleting them does not change the instruction.

    ## References
    - BuildKit `NoEmptyContinuation`: https://docs.docker.com/reference/build-checks/no-empty-continuation/
    """

    code = "DW413"
    inputs = Inputs(scope=Scope.STAGE)
    name = "empty-continuation-line"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    buildkit_name = "NoEmptyContinuation"
    message = "Empty continuation line"
    fix_title = "Delete the empty lines inside the continuation"

    def check(self, ctx: RuleContext):
        df = ctx.df
        for ins in df.instructions:
            if not ins.empty_continuation:
                continue
            spans = empty_continuation_lines(df, ins)
            if spans:
                fix = self.make_fix([Edit.delete(a, b) for a, b in spans])
                yield self.report(spans[0][0], spans[-1][1] - 1 if spans[-1][1] > spans[-1][0] else spans[-1][1],
                                  fix=fix)
            else:
                yield self.report(ins.start, ins.keyword_end)
