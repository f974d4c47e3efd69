from __future__ import annotations

from ...dockerfile.variables import unquote
from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class CopyMultipleSourcesDestNotDir(Rule):
    """`COPY` with several sources has a destination that does not end with `/`.

    ## What it does
    Flags `COPY` with more than one source whose destination does not end with `/`.

    Stages: all (`ONBUILD COPY` too): the build fails in any stage.

    ## Why is this bad?
    With several sources the destination must be a directory, and the builder only accepts
    it as one when it ends with `/`: the build fails with "When using COPY with more than one
    source file, the destination must be a directory and end with a /".

    ## Example
    ```dockerfile
    COPY package.json package-lock.json /app
    ```

    Use instead:
    ```dockerfile
    COPY package.json package-lock.json /app/
    ```

    ## Fix safety
    Safe: a trailing `/` is what the builder requires here; the files land where intended.

    ## References
    - hadolint DL3021
    """

    code = "DL3021"
    inputs = Inputs(keywords={"COPY"}, scope=Scope.STAGE)
    name = "copy-multiple-sources-dest-not-dir"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    fix_availability = FixAvailability.ALWAYS
    message = "`COPY` with more than one source needs a destination ending with `/`"
    fix_title = "Add a trailing `/` to the destination"

    def check_instruction(self, ins, ctx: RuleContext):
        if len(ins.words) < 3:
            return
        dest = ins.words[-1]
        value = unquote(dest.value)
        if value.endswith(("/", "\\")) or value in (".", "..") or value.endswith(("/.", "/..")) or "$" in value:
            return  # `.` is a directory; a variable's value is known only to the build
        at = dest.end
        if ins.json or (dest.end - dest.start >= 2 and ctx.df.text[dest.end - 1] in "\"'"):
            at = dest.end - 1  # inside the closing quote
        fix = self.make_fix([Edit.insert(at, "/")])
        yield self.report(dest.start, dest.end, fix=fix)
