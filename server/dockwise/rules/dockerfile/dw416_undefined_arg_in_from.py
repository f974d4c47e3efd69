from __future__ import annotations

from ...dockerfile.placeholders import foreign_placeholder_names
from ...dockerfile.variables import expand
from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import close_matches


def suggestion(name: str, options) -> str:
    """` (did you mean X?)` for a close, differently spelled candidate, else ""."""
    close = list(close_matches(name, tuple(o for o in options if o != name), 1, 0.75))
    if not close:
        close = [o for o in options if o.lower() == name.lower() and o != name][:1]
    return f" (did you mean `{close[0]}`?)" if close else ""


class UndefinedArgInFrom(Rule):
    """`FROM` uses a build argument that is not declared before the first `FROM`.

    ## What it does
    Expands the base image and `--platform` of every `FROM` with the global build arguments
    (the `ARG`s before the first `FROM`, plus BuildKit's automatic platform arguments) and
    flags variables that are not among them. `${X:-default}` and `${X:+alt}` are fine.

    Stages: all: every `FROM`, against the global build arguments.

    ## Why is this bad?
    Only global `ARG`s are visible to `FROM`. An undeclared variable expands to an empty
    string, so `FROM node:${NODE_VERSION}` silently becomes `FROM node:` (an error) or, with a
    typo, the wrong image — unless every caller passes `--build-arg`.

    ## Example
    ```dockerfile
    FROM node:${NODE_VERSION}-alpine
    ```

    Use instead:
    ```dockerfile
    ARG NODE_VERSION=22
    FROM node:${NODE_VERSION}-alpine
    ```

    ## References
    - BuildKit `UndefinedArgInFrom`: https://docs.docker.com/reference/build-checks/undefined-arg-in-from/
    """

    code = "DW416"
    inputs = Inputs(keywords=frozenset(), scope=Scope.STAGE)
    name = "undefined-arg-in-from"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    buildkit_name = "UndefinedArgInFrom"
    message = "FROM argument `{name}` is not declared{hint}"

    def check(self, ctx: RuleContext):
        df = ctx.df
        env = df.global_args
        for ins in df.instructions:
            if ins.keyword != "FROM":
                continue
            words = []
            if ins.words:
                words.append((ins.words[0].value, ins.words[0].start, ins.words[0].end))
            platform = ins.flag("platform")
            if platform is not None and platform.value:
                words.append((platform.value, platform.start, platform.end))
            seen = set()
            for text, start, end in words:
                if "$" not in text:
                    continue
                placeholders = foreign_placeholder_names(text)
                for name in sorted(expand(text, env, df.escape).unknown):
                    if name in seen or name in placeholders:
                        continue
                    seen.add(name)
                    yield self.report(start, end, self.message.format(name=name, hint=suggestion(name, env)))
