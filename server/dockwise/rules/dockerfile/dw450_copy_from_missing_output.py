from __future__ import annotations

import re

from ...analysis.picture import full_text
from ...analysis import covers, picture_of, resolve
from ...analysis.images import FHS_TOP
from ...analysis.picture import StagePicture, needed
from ...engine.diagnostic import Category, FixAvailability, Related, Severity
from ...engine.rule import Rule, RuleContext, per_stage
from ...lazy_regex import lazy_compile

PYTHON_ENTRY = lazy_compile(r"^(python(3(\.\d+)?)?|gunicorn|uvicorn|celery|flask|hypercorn|daphne|streamlit|"
                            r"django-admin|waitress-serve|huey_consumer|rq|dramatiq|pytest|fastapi)$")
INSTALL_WORDS = lazy_compile(r"\b(pip3?(\.\d+)?|poetry|pipenv|uv|conda|mamba|micromamba|pdm|hatch)\b")


class CopyFromMissingOutput(Rule):
    """`COPY --from` leaves behind what the source stage produced, or copies what it never made.

    ## What it does
    Uses the per-stage picture of where each stage installs things to find two mistakes:

    - **dependencies left in the builder**: stage `build` runs `pip install` (into the
      interpreter's site-packages, `~/.local` with `--user`, a `--target`/`--prefix`
      directory, or a virtualenv), the final stage copies other paths from it (say `/app`),
      installs no Python packages itself, and runs Python: the packages are not in the image.
    - **a path nothing creates**: `COPY --from=build /dist ...` where `/dist` lies under a
      top-level directory that nothing in `build` (nor its base image, when known) writes
      to: no `WORKDIR`, `COPY`/`ADD` destination, `RUN` mention, `ENV`/`ARG` value, and no
      `RUN` working from `/`. A relative source is read from the source stage's root, not its
      `WORKDIR`, a frequent cause.

    Only what the Dockerfile shows is reported: anything that could have produced the
    path (an unknown base image, a build running in `/`, a variable) keeps the rule silent.

    Stages: all for a path nothing creates (every `COPY --from=<stage>`, whichever stage copies:
    such a `COPY` fails the build in any stage); the final stage only (the last stage of the
    file, whose command runs) for dependencies left in the builder.

    ## Why is this bad?
    The build may still succeed (or fail late with a puzzling "not found"), and the image
    fails at run time with `ModuleNotFoundError` or a missing file: the work done in the
    builder never reaches the final image.

    ## Example
    ```dockerfile
    FROM python:3.12 AS build
    WORKDIR /app
    COPY . .
    RUN pip install -r requirements.txt

    FROM python:3.12-slim
    COPY --from=build /app /app
    CMD ["python", "/app/main.py"]
    ```

    Use instead:
    ```dockerfile
    FROM python:3.12 AS build
    WORKDIR /app
    COPY . .
    RUN python -m venv /venv && /venv/bin/pip install -r requirements.txt

    FROM python:3.12-slim
    COPY --from=build /venv /venv
    COPY --from=build /app /app
    CMD ["/venv/bin/python", "/app/main.py"]
    ```

    ## References
    - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    """

    code = "DW450"
    name = "copy-from-misses-stage-output"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "COPY --from misses what the source stage produced"
    fix_title = "Copy the directory the source stage actually writes"

    def check(self, ctx: RuleContext):
        # What is found in a stage follows from it and the stages its picture reads (those it
        # is built FROM or copies from): kept per stage while editing (`per_stage`).
        df = ctx.df
        if len(df.stages) < 2:
            return
        last = df.stages[-1]
        yield from per_stage(ctx, last, "DW450 dependencies", lambda: self._missing_dependencies(df),
                             lambda: needed(df, last))
        for stage in df.stages:
            yield from per_stage(ctx, stage, "DW450", lambda: self._stage(df, stage), lambda: needed(df, stage))

    def _stage(self, df, stage):
        for cp in picture_of(df, stage).copies:
            if cp.stage is None or not cp.resolved:
                continue
            yield from self._never_made(df, picture_of(df, cp.stage), cp)

    # -- dependencies installed in the builder, not copied --------------------------------
    def _missing_dependencies(self, df):
        final = picture_of(df, df.stages[-1])
        if final.facts is None or not final.entry_argv:
            return
        if not PYTHON_ENTRY.match(final.entry_argv[0].rsplit("/", 1)[-1]):
            return
        chain = list(final.chain())
        chain_stages = {p.stage.index for p in chain}
        if any(INSTALL_WORDS.search(full_text(ins)) for p in chain for ins in p.stage.instructions
               if ins.keyword == "RUN"):
            return
        copies = final.all_copies()
        if any(not cp.resolved for cp in copies):
            return
        done = set()
        for cp in final.copies:
            if cp.stage is None or cp.stage.index in chain_stages or cp.stage.index in done:
                continue
            done.add(cp.stage.index)
            src = picture_of(df, cp.stage)
            for pi in src.all_pip():
                if not pi.real or pi.path is None or pi.kind == "unknown":
                    continue
                if any(covers(s, pi.path) or covers(pi.path, s) for c in copies for s in c.sources):
                    continue
                if pi.kind == "system" and any(s.startswith(("/usr/local", "/usr/lib/python")) or s == "/usr"
                                               for c in copies for s in c.sources):
                    continue
                where = {"system": "the interpreter's site-packages", "user": "`--user` packages",
                         "target": "`--target`", "prefix": "`--prefix`", "venv": "the virtualenv"}[pi.kind]
                msg = (f"Stage `{cp.stage.label}` installs Python packages into {pi.path} ({where}), "
                       f"but this stage copies only {', '.join(s for c in copies if c.stage is cp.stage for s in c.sources)} "
                       f"from it and installs none itself: `{final.entry_argv[0]}` will not find them")
                yield self.report(cp.ins.start, cp.ins.end, msg,
                                  related=(Related("packages installed here", None, pi.cmd.start, pi.cmd.end),))
                break

    # -- a source path nothing in the source stage creates --------------------------------
    def _never_made(self, df, src: StagePicture, cp):
        root = src
        for p in src.chain():
            root = p
        if root.facts is None:
            return
        chain = list(src.chain())
        # anything written at "/" (or an unknown directory) could have created any top-level path
        for p in chain:
            for ins in p.stage.instructions:
                cwd = p.workdir.get(ins.index)
                if ins.keyword == "RUN" and cwd in (None, "/"):
                    return
                if ins.keyword in ("COPY", "ADD") and ins.words:
                    dest = ins.words[-1].value
                    if "$" in dest or resolve(dest, cwd) in (None, "/"):
                        return
        text = src.mentions
        if "/$" in text or "../" in text or "\ncd /" in text:
            return
        for ins_word, s in zip(cp.ins.words, cp.sources):
            top = s.strip("/").split("/", 1)[0]
            if not top or top in FHS_TOP or top in root.facts.top_dirs or any(c in top for c in "*?["):
                continue
            if re.search(r"(?<![\w.}-])/" + re.escape(top) + r"(?![\w.-])", text):
                continue
            rel = "" if ins_word.value.startswith("/") else \
                " (a relative source is read from the stage's root, not its WORKDIR)"
            hint = ""
            if rel and src.final_workdir not in (None, "/"):
                hint = f"; did you mean {src.final_workdir.rstrip('/')}/{ins_word.value.lstrip('./')}?"
            msg = f"Nothing in stage `{cp.stage.label}` creates {s}{rel}{hint}"
            yield self.report(ins_word.start, ins_word.end, msg)
