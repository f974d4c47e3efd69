from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class SyntaxError_(Rule):
    """The Dockerfile does not parse the way BuildKit needs it to.

    ## What it does
    Reports what BuildKit's parser rejects or cannot make sense of: an unknown instruction,
    an unterminated heredoc, a JSON array with non-string items, `ENV`/`LABEL` without a value
    or without `=`, a bad `# escape=` directive, a parser directive given twice. It also reports
    text that was not valid UTF-8 (the bytes show as U+FFFD). The rest of the file is still
    parsed and checked.

    Stages: file-wide: the whole file is parsed, preamble and directives included.

    ## Why is this bad?
    `docker build` fails on these before it runs a single step, or silently uses text you did
    not mean (an unterminated heredoc swallows the rest of the file).

    ## Example
    ```dockerfile
    FROM alpine
    RUNN echo hi
    ```

    Use instead:
    ```dockerfile
    FROM alpine
    RUN echo hi
    ```
    """

    code = "DW400"
    inputs = Inputs(scope=Scope.STAGE)
    name = "dockerfile-syntax-error"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    message = "Syntax error"

    def check(self, ctx: RuleContext):
        df = ctx.df
        for err in df.errors:
            yield self.report(err.start, err.end, err.message[:1].upper() + err.message[1:])
        i = df.text.find("\ufffd")
        if i >= 0:
            yield self.report(i, i + 1, "The file is not valid UTF-8: undecodable bytes were replaced (U+FFFD)")
