from __future__ import annotations

from ...analysis import covers, picture_of
from ...analysis.picture import needed
from ...engine.diagnostic import Category, FixAvailability, Related, Severity
from ...engine.rule import Rule, RuleContext, per_stage


class VenvInterpreterMismatch(Rule):
    """A virtualenv is copied into a stage whose Python is not the one it was made with.

    ## What it does
    Follows each virtualenv (`python -m venv X`, `virtualenv X`) from the stage that creates it
    to every stage that copies it with `COPY --from`, and compares the Python interpreters of
    both stages, as far as the base images and installed packages tell: its path
    (`/usr/local/bin/python3.9` on `python:3.9-*`, `/usr/bin/python3` from `apk`/`apt`), its
    minor version, and its C library (musl on Alpine, glibc on Debian/Ubuntu). Reports only
    when both sides are known and differ.

    Stages: all: every stage that copies a virtualenv from another stage, whether it ships or
    feeds a later stage.

    ## Why is this bad?
    A virtualenv is not relocatable: `bin/python` is a symlink to the interpreter that made it,
    its packages live in `lib/python3.X/site-packages`, and compiled wheels are built for one
    C library. Copied next to another interpreter, the venv's `python` is a dangling symlink,
    or imports fail (`No module named ...`, `Error loading shared library`) at run time only.

    ## Example
    ```dockerfile
    FROM python:3.9-alpine AS build
    RUN python -m venv /venv && /venv/bin/pip install flask

    FROM alpine:3.20
    RUN apk add --no-cache python3
    COPY --from=build /venv /venv
    CMD ["/venv/bin/python", "-m", "flask", "run"]
    ```

    Use instead:
    ```dockerfile
    FROM python:3.9-alpine
    COPY --from=build /venv /venv
    CMD ["/venv/bin/python", "-m", "flask", "run"]
    ```

    ## References
    - [venv: creation of virtual environments](https://docs.python.org/3/library/venv.html)
    """

    code = "DW451"
    name = "venv-copied-to-other-interpreter"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    fix_availability = FixAvailability.NEVER
    message = "The virtualenv `{venv}` was made with Python {src} in stage `{stage}`, but this stage's Python is {dst}: {why}"
    fix_title = "Use the same Python image (version and C library) in both stages"

    def check(self, ctx: RuleContext):
        # What is found in a stage follows from it and the stages its picture reads (those it
        # is built FROM or copies from): kept per stage while editing (`per_stage`).
        df = ctx.df
        for stage in df.stages:
            yield from per_stage(ctx, stage, "DW451", lambda: self._stage(df, stage), lambda: needed(df, stage))

    def _stage(self, df, stage):
        pic = picture_of(df, stage)
        for cp in pic.copies:
            if cp.stage is None or not cp.resolved or cp.dest is None:
                continue
            src = picture_of(df, cp.stage)
            dst_py = pic.interpreters.get("python")
            if dst_py is None or pic.interpreters_unknown and pic.facts is None:
                continue
            for venv, made_with in src.venvs.items():
                if made_with is None:
                    continue
                if not any(covers(s, venv) for s in cp.sources):
                    continue
                why = _difference(made_with, dst_py)
                if why is None:
                    continue
                f = cp.ins.flag("from")
                yield self.report(cp.ins.start, cp.ins.end, self.message.format(
                    venv=venv, src=made_with.describe(), stage=cp.stage.label, dst=dst_py.describe(), why=why),
                    related=(Related("the venv's Python comes from this base image", None,
                                     cp.stage.from_.start, cp.stage.from_.end),) if f else ())
                break


def _difference(a, b) -> str | None:
    if a.libc and b.libc and a.libc != b.libc:
        return f"compiled packages built for {a.libc} will not load on {b.libc}"
    if a.version and b.version and a.version != b.version:
        return f"site-packages is under python{a.version}, which Python {b.version} does not read"
    if a.version and b.version and a.path != b.path:
        return f"the venv's `bin/python` points to {a.path}, which does not exist here"
    return None
