from __future__ import annotations

import re

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext


def stage_references(df, stage):
    """Source spans that name `stage` after its definition: `FROM <stage>`, `COPY --from=<stage>`,
    `RUN --mount=…,from=<stage>` (ONBUILD's inner instruction included)."""
    spans = []
    after = False
    for ins in df.all_instructions():
        if ins is stage.from_:
            after = True
            continue
        if not after:
            continue
        if ins.keyword == "FROM" and ins.words and ins.words[0].value.lower() == stage.name:
            w = ins.words[0]
            spans.append((w.start, w.end))
        for flag in ins.flags:
            if flag.name == "from" and flag.value and flag.value.lower() == stage.name:
                raw = df.text[flag.value_start:flag.value_end]
                if raw.lower() == stage.name:
                    spans.append((flag.value_start, flag.value_end))
            elif flag.name == "mount" and flag.value:
                raw = df.text[flag.value_start:flag.value_end]
                for m in re.finditer(r"(?:^|,)\s*from=([^,\s\"']+)", raw, re.IGNORECASE):
                    if m.group(1).lower() == stage.name:
                        spans.append((flag.value_start + m.start(1), flag.value_start + m.end(1)))
    return spans


class StageNameCasing(Rule):
    """A stage name is not lowercase.

    ## What it does
    Flags `FROM image AS Name` when the stage name has upper-case letters.

    Stages: all: every stage name, with the references to it.

    ## Why is this bad?
    BuildKit lower-cases stage names when it resolves them, so `Builder` and `builder` are the
    same stage. Mixed casing makes references such as `COPY --from=BUILDER` look like they
    name something else, and BuildKit's `--check` warns about it.

    ## Example
    ```dockerfile
    FROM golang:1.22 AS Builder
    COPY --from=Builder /out /out
    ```

    Use instead:
    ```dockerfile
    FROM golang:1.22 AS builder
    COPY --from=builder /out /out
    ```

    ## Fix safety
    Safe: the name and every reference to it (`FROM <stage>`, `COPY --from`, `RUN --mount
    from=`) are lower-cased; BuildKit resolves them case-insensitively, so the build is unchanged.
    A `--target Builder` on the command line keeps working for the same reason.

    ## References
    - BuildKit `StageNameCasing`: https://docs.docker.com/reference/build-checks/stage-name-casing/
    """

    code = "DW410"
    name = "stage-name-not-lowercase"
    category = Category.MAINTAINABILITY
    severity = Severity.STYLE
    fix_availability = FixAvailability.ALWAYS
    buildkit_name = "StageNameCasing"
    message = "Stage name `{name}` should be lowercase"
    fix_title = "Lowercase the stage name and its references"

    def check(self, ctx: RuleContext):
        df = ctx.df
        for stage in df.stages:
            word = stage.name_word
            if word is None or word.value == word.value.lower() or "$" in word.value:
                continue
            edits = [Edit(word.start, word.end, word.value.lower())]
            for start, end in stage_references(df, stage):
                text = df.text[start:end]
                if text != text.lower():
                    edits.append(Edit(start, end, text.lower()))
            edits.sort(key=lambda e: e.start)
            yield self.report(word.start, word.end, self.message.format(name=word.value),
                              fix=self.make_fix(edits))
