from __future__ import annotations

import os

from ...engine.diagnostic import Category, FixAvailability, Related, Severity
from ...engine.rule import Rule, RuleContext
from ...ignorefile import BadPattern, go_match
from ..support.dockerignore import copy_sources


def _ignored_matches(snapshot, pattern: str) -> list[str]:
    segs = pattern.split("/")
    out = []
    for q in snapshot.ignored:
        qs = q.split("/")
        if len(qs) == len(segs) and all(go_match(a, b) for a, b in zip(segs, qs)):
            out.append(q)
    return sorted(out)


def _folders_holding(files) -> set[str]:
    """Every folder above a sent file. `**/.bundle` with `!*/.bundle/config` excludes the
    folders yet sends them with their `config`: a COPY of them copies that."""
    out = set()
    for f in files:
        parent = f.rpartition("/")[0]
        while parent and parent not in out:
            out.add(parent)
            parent = parent.rpartition("/")[0]
    return out


class CopyIgnoredFile(Rule):
    """COPY or ADD names a source that `.dockerignore` excludes from the build context.

    ## What it does
    Checks each COPY/ADD source from the build context against the ignore file the build
    uses, with Docker's matching: a literal path excluded by a pattern (or lying in an excluded
    directory), or a wildcard (`COPY *.json ./`) whose every match is excluded. `COPY --from`,
    heredocs, URLs and sources with variables are not checked; sources with `..` are DW521's.

    Stages: all: a source the builder never receives fails the `COPY` in any stage.

    ## Why is this bad?
    The builder never receives an excluded file, so the build fails with
    `failed to compute cache key: "/app/config.json": not found`, often only in CI where the
    ignore file differs from a developer's habits. BuildKit reports this as `CopyIgnoredFile`.

    ## Example
    ```dockerfile
    # .dockerignore: *.json
    COPY package.json ./
    ```

    Use instead:
    ```text
    # .dockerignore
    *.json
    !package.json
    ```

    ## References
    - BuildKit check `CopyIgnoredFile`
    """

    code = "DW520"
    name = "copy-ignored-file"
    buildkit_name = "CopyIgnoredFile"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    needs_context = True
    fix_availability = FixAvailability.NEVER
    message = "This COPY source is excluded by the ignore file"

    def check(self, ctx: RuleContext):
        view = ctx.context
        if view.ignore is None:
            return
        snap = view.snapshot
        ignore_name = os.path.basename(view.ignore_path)
        holding = None  # folders that hold a sent file: an exception re-includes part of them
        for src in copy_sources(ctx.df):
            if src.everything:
                continue
            if holding is None:  # once per snapshot: Dockerfiles of one context and keystrokes share it
                holding = snap.memo.get("folders_holding")
                if holding is None:
                    holding = snap.memo["folders_holding"] = _folders_holding(snap.files)
            if src.wildcard:
                try:
                    if snap.matching(src.path):
                        continue
                    hits = [h for h in _ignored_matches(snap, src.path) if h not in holding]
                except BadPattern:
                    continue
                if not hits:
                    continue
                status = snap.status(hits[0])
                what = f"every match of `{src.path}` (e.g. `{hits[0]}`) is"
            else:
                status = snap.status(src.path)
                if status.state != "ignored" or src.path.strip("/") in holding:
                    continue
                what = f"`{src.path}` is"
            pat = status.pattern
            if pat is None and status.under:
                pat = snap.ignored.get(status.under).pattern if status.under in snap.ignored else None
            if pat is None or pat.start < 0:
                continue
            msg = (f"{what} excluded by `{pat.raw}` ({ignore_name} line {pat.line + 1}) in "
                   f"{view.phrase}: the builder never receives it and {src.ins.keyword} fails")
            related = (Related(f"`{pat.raw}` excludes `{hits[0] if src.wildcard else src.path}`",
                               view.ignore_path, pat.start, pat.end),)
            yield self.report(src.word.start, src.word.end, msg, related=related)
