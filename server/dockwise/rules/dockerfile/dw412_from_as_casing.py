from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class FromAsCasing(Rule):
    """The `AS` keyword's case does not match `FROM`'s.

    ## What it does
    Flags `FROM image as name` (or `from image AS name`): the `AS` keyword should be written
    in the same case as `FROM`. A `FROM` written in mixed case (`From`) is left to DW414.

    Stages: all: every `FROM`.

    ## Why is this bad?
    Mixed casing within one instruction is harder to read and is what BuildKit's `--check`
    reports; consistent files are easier to grep and review.

    ## Example
    ```dockerfile
    FROM debian:12 as builder
    ```

    Use instead:
    ```dockerfile
    FROM debian:12 AS builder
    ```

    ## Fix safety
    Safe: keywords are case-insensitive; only the spelling of `AS` changes.

    ## References
    - BuildKit `FromAsCasing`: https://docs.docker.com/reference/build-checks/from-as-casing/
    """

    code = "DW412"
    inputs = Inputs(keywords=frozenset(), scope=Scope.STAGE)
    name = "from-as-casing-mismatch"
    category = Category.MAINTAINABILITY
    severity = Severity.STYLE
    fix_availability = FixAvailability.ALWAYS
    buildkit_name = "FromAsCasing"
    message = "`{as_}` and `{from_}` keywords' casing do not match"
    fix_title = "Match the case of `AS` to `FROM`"

    def check(self, ctx: RuleContext):
        for ins in ctx.df.instructions:
            if ins.keyword != "FROM" or len(ins.words) < 3 or ins.words[1].value.lower() != "as":
                continue
            kw = ins.raw_keyword
            if kw.isupper():
                want = "AS"
            elif kw.islower():
                want = "as"
            else:
                continue
            word = ins.words[1]
            if word.value == want:
                continue
            yield self.report(word.start, word.end, self.message.format(as_=word.value, from_=kw),
                              fix=self.make_fix([Edit(word.start, word.end, want)]))
