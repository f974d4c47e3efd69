from __future__ import annotations

import posixpath

from ...analysis.picture import picture_of, resolve
from ...analysis.shipping import shipping
from ...engine.diagnostic import Applicability, Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..support.dockerignore import (append_patterns, bytes_under, copied_findings, human_bytes, ignore_file_name,
                                   safe_patterns)


class ContextSendsBuildJunk(Rule):
    """COPY/ADD copies version-control data, dependencies, caches, build output or logs.

    ## What it does
    With an ignore file in place (without one, DW522 reports `COPY .`), looks for what a
    COPY/ADD copies that images rarely need and the ignore file does not exclude: `.git`,
    `.hg`, `.svn`; `node_modules`, `__pycache__`, `.venv`, `.tox`, `.nox`, `.pytest_cache`,
    `.mypy_cache`, `.ruff_cache` at any depth; `dist`, `build`, `target`, `coverage`,
    `htmlcov` at the root; `*.log`, `*.pyc`, `.DS_Store`. Each finding says how many bytes it adds.
    Build output is junk only when nothing in the Dockerfile uses it: `COPY dist ./dist`,
    `RUN cd build && make`, `CMD ["node", "dist/server.js"]` or a bind mount of `out` make it
    a source, `.git` is a source when a RUN runs git on the copied tree (`git describe`), and
    `node_modules` is one when the image runs Node with no install step of its own.

    Stages: shipped only — a `COPY`/`ADD` in the final stage or a stage it is built `FROM`,
    or in a stage a `COPY --from` takes the copied files out of (`COPY --from=build /app /app`).
    A builder's `COPY . .` whose stage only hands over `/app/dist` puts no `.git` in the
    image, and its cache is broken by the sources it copies anyway.

    ## Why is this bad?
    These files make the context slower to send and the image bigger, and since they change
    all the time (`.git` on every commit) they break the layer cache of `COPY . .` and every
    step after it. Dependencies should be installed in the image for its platform, not
    copied from the host.

    ## Example
    ```text
    # .dockerignore
    *.md
    ```
    ```dockerfile
    COPY . .
    ```

    Use instead:
    ```text
    # .dockerignore
    *.md
    .git
    node_modules
    ```

    ## Fix safety
    Unsafe: the fix appends the patterns to the ignore file, keeping its content, order and
    line endings. Before a pattern is offered, dockwise computes every file it would newly
    exclude; if one of them is source code or configuration that a COPY/ADD brings in, or a
    path the Dockerfile names, the pattern is not written: the exact paths of the junk are,
    or nothing. A program might still read a file at run time that no instruction names.
    """

    code = "DW524"
    name = "context-sends-build-junk"
    category = Category.SIZE
    severity = Severity.INFO
    needs_context = True
    fix_availability = FixAvailability.SOMETIMES
    message = "COPY copies files the image does not need"
    fix_title = "Exclude them in the ignore file"

    def check(self, ctx: RuleContext):
        view = ctx.context
        if view.ignore_path is None:
            return  # DW522
        answer = shipping(ctx.df, ctx.settings.target)
        found = [(f, src) for f, src in copied_findings(view, ctx.df, secrets=False)[0]
                 if _reaches_image(ctx.df, answer, src, f.paths[0])]
        if not found:
            return
        snap = view.snapshot
        name = ignore_file_name(view)
        fixable = {f.pattern for f in safe_patterns(view, ctx.df, [f for f, _ in found], view.ignore)}
        for f, src in found:
            size = bytes_under(snap, f.paths)
            where = f"`{f.paths[0]}`" + (f" and {len(f.paths) - 1} more" if len(f.paths) > 1 else "")
            label = f.label
            if label == "version control data" and src.everything:
                label += ", whose history may hold secrets,"  # every past commit, deleted keys included
            msg = (f"This copies {label} ({where}, {human_bytes(size)} in {view.phrase}) that "
                   f"{name} does not exclude")
            fix = None
            if f.pattern in fixable:
                fix = self.make_fix([], Applicability.UNSAFE, title=f"Add `{f.pattern}` to {name}",
                                    other_files=(append_patterns(view, [f.pattern]),))
            yield self.report(src.word.start, src.word.end, msg, fix=fix, bytes=size)


def _reaches_image(df, answer, src, junk: str) -> bool:
    """Whether the copy of `junk` (a context path) by `src` ends up in the image: its stage
    ships, or a `COPY --from` takes where it landed (unknown where: assume it does)."""
    stage = src.ins.stage
    if answer.ships(stage):
        return True
    if not answer.copied_out.get(stage.index):
        return False
    landed = _destination(df, stage, src.ins)
    if landed is None:
        return True
    # a folder's contents land in the destination (`COPY web /app`: web/node_modules → /app/node_modules)
    inside = junk if src.path == "." else posixpath.relpath(junk, src.path.rstrip("/"))
    return answer.reaches_image(stage, posixpath.normpath(posixpath.join(landed, inside)))


def _destination(df, stage, ins) -> str | None:
    """The absolute folder a COPY/ADD writes to (None: a variable or an unknown WORKDIR), from
    the stage picture's WORKDIR in force there (inherited, expanded, the base image's own)."""
    dest = ins.words[-1].value
    if "$" in dest:
        return None
    return resolve(dest, picture_of(df, stage).workdir.get(ins.index))