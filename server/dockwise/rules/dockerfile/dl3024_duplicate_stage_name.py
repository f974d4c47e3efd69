from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Related, Severity
from ...engine.rule import Inputs, Rule, RuleContext


class DuplicateStageName(Rule):
    """Two build stages have the same name.

    ## What it does
    Flags a `FROM … AS <name>` whose name an earlier stage already uses. Names are compared
    case-insensitively, as BuildKit does (`AS Build` and `AS build` are the same stage name).

    Stages: file-wide: stage names must be unique across the whole file.

    ## Why is this bad?
    BuildKit refuses the Dockerfile ("duplicate stage name"); older builders silently make
    every `--from=<name>` refer to one of them.

    ## Example
    ```dockerfile
    FROM golang:1.22 AS build
    FROM node:20 AS build
    ```

    Use instead:
    ```dockerfile
    FROM golang:1.22 AS build-go
    FROM node:20 AS build-web
    ```

    ## References
    - hadolint DL3024
    - BuildKit check `DuplicateStageName`
    """

    code = "DL3024"
    inputs = Inputs(keywords=frozenset())
    name = "duplicate-stage-name"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    fix_availability = FixAvailability.NEVER
    message = "Stage name `{name}` is already used by an earlier stage"
    buildkit_name = "DuplicateStageName"

    def check(self, ctx: RuleContext):
        first = {}
        for stage in ctx.df.stages:
            if not stage.name or stage.name_word is None:
                continue
            if stage.name in first:
                earlier = first[stage.name]
                yield self.report(stage.name_word.start, stage.name_word.end,
                                  self.message.format(name=stage.name_word.value),
                                  related=(Related("first defined here", None, earlier.start, earlier.end),))
            else:
                first[stage.name] = stage.name_word
