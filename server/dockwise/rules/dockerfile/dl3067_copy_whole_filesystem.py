from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext


class CopyWholeFilesystem(Rule):
    """`COPY --from` copies another stage's (or image's) entire filesystem.

    ## What it does
    Flags `COPY --from=<stage or image> / <dest>`: a source of `/` (or `/.`).

    Stages: all: copying a whole filesystem is as fragile in a builder stage as in the final one.

    ## Why is this bad?
    Copying a whole root filesystem drags in everything the other stage had: package
    manager caches, compilers, shells, `/etc/passwd`... It defeats the point of a multi-stage
    build, hides what the image really needs, and can overwrite the target's own system
    files. Copy the directories you need instead. (Squashing an image on purpose with
    `FROM scratch` + `COPY --from=x / /` is a known idiom: suppress the rule there.)

    ## Example
    ```dockerfile
    FROM golang:1.22 AS build
    RUN go build -o /out/app .

    FROM scratch
    COPY --from=build / /
    ```

    Use instead:
    ```dockerfile
    FROM scratch
    COPY --from=build /out/app /app
    ```

    ## References
    - hadolint DL3067
    """

    code = "DL3067"
    stage_local = True
    reads = frozenset({"COPY"})
    name = "copy-whole-filesystem-from-stage"
    category = Category.SIZE
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "`COPY --from` copies the entire filesystem of `{}`"
    fix_title = "Copy only the directories the image needs"

    def check(self, ctx: RuleContext):
        for ins in ctx.df.all_instructions():
            frm = ins.flag("from")
            if ins.keyword != "COPY" or frm is None or ins.heredocs:
                continue
            words = list(ins.words)
            for w in words[:-1]:
                if w.value.startswith("/") and w.value.rstrip("/.") == "":
                    yield self.report(w.start, w.end, self.message.format(frm.value))
