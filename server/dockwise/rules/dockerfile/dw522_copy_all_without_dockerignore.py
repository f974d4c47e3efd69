from __future__ import annotations

from ...engine.diagnostic import Applicability, Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..dockerignore.common import append_patterns, copy_sources, safe_patterns, scan_context


class CopyAllWithoutDockerignore(Rule):
    """`COPY . .` (or `ADD .`) with no `.dockerignore`: everything in the context is copied.

    ## What it does
    Flags a COPY/ADD whose source is the whole context (`.`, `./`, `/`) when the build has no
    ignore file at all (no `<Dockerfile>.dockerignore`, `.dockerignore` or `.containerignore`).

    ## Why is this bad?
    Whatever lies in the directory ends up in the image: `.git`, `node_modules`, virtual
    environments, build output, `.env` files with credentials. The image grows, the layer
    cache breaks on every commit, and secrets leak into a layer anyone with the image can read.

    ## Example
    ```dockerfile
    FROM node:22
    COPY . .
    ```

    Use instead: add a `.dockerignore` next to the Dockerfile:
    ```text
    .git
    node_modules
    .env
    ```

    ## Fix safety
    Unsafe: the fix creates `.dockerignore` listing what this context really holds among
    version-control data, dependency folders, caches, build output, logs and secrets (judged
    by content: a CA bundle is not one). For each pattern it computes the files it would
    exclude, and leaves out any pattern that would take source code or configuration,
    build output the Dockerfile uses (`RUN cd build && …`, `COPY dist ./dist`), a path an
    instruction names, or `.git` when a RUN runs git; exact paths of the junk are written
    instead where that is enough. A program might still read at run time a file that no
    instruction names.
    """

    code = "DW522"
    name = "copy-all-without-dockerignore"
    category = Category.SIZE
    severity = Severity.WARNING
    needs_context = True
    fix_availability = FixAvailability.SOMETIMES
    message = "`COPY .` with no .dockerignore copies the whole build context"
    fix_title = "Create .dockerignore"

    def check(self, ctx: RuleContext):
        view = ctx.context
        if view.ignore_path is not None:
            return
        src = next((s for s in copy_sources(ctx.df) if s.everything), None)
        if src is None:
            return
        snap = view.snapshot
        found = scan_context(snap, secrets=True) + scan_context(snap, secrets=False)
        found = safe_patterns(view, ctx.df, found, None)
        fix = None
        msg = self.message
        if found:
            patterns = [f.pattern for f in found]
            fix = self.make_fix([], Applicability.UNSAFE,
                                title=f"Create .dockerignore excluding {', '.join(patterns[:4])}"
                                      + (" …" if len(patterns) > 4 else ""),
                                other_files=(append_patterns(view, patterns),))
            msg += f", including {', '.join(f'`{p}`' for p in patterns[:5])}" + (" …" if len(patterns) > 5 else "") \
                + f" found in {view.phrase}"
        yield self.report(src.word.start, src.word.end, msg, fix=fix)
