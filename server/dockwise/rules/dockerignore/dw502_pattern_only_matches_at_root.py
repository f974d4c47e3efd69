from __future__ import annotations

from dataclasses import replace

from ...engine.diagnostic import Applicability, Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ...dockerfile.parser import parse
from ...ignorefile import go_clean
from ...lazy_regex import lazy_compile
from ..support.dockerignore import Source, always_sent, copy_sources, covering_source
from ..support.fixguard import newly_excluded, violations

# Names that are junk wherever they are: flagged even when the root has one too.
_VARIABLE = lazy_compile(r"\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*")


def copied_sources(view) -> list[Source] | None:
    """The context sources the Dockerfiles built with this context COPY/ADD (a variable stands
    for any name: `./minio-${TARGETARCH}` → `minio-*`); None when which Dockerfiles use the
    context is unknown."""
    if view.builds is None:
        return None
    out: list[Source] = []
    for _, text in view.builds:
        df = parse(text)
        out.extend(copy_sources(df))
        for ins in df.instructions:
            if ins.keyword not in ("COPY", "ADD") or ins.flag("from") is not None or ins.heredocs:
                continue
            for w in list(ins.words)[:-1]:
                if "$" in w.value and "://" not in w.value:
                    path = go_clean(_VARIABLE.sub("*", w.value))
                    if path != ".." and not path.startswith("../"):
                        out.append(Source(ins, w, path.lstrip("/") or ".", True))
    return out


ANYWHERE = {"node_modules", "__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*.log", ".pytest_cache",
            ".mypy_cache", ".ruff_cache", ".tox", ".venv", "*.swp", "*~", "Thumbs.db", ".git", ".env",
            "*.tmp", ".idea", ".vscode", "coverage", ".coverage", ".nyc_output", "*.egg-info"}


class PatternOnlyMatchesAtRoot(Rule):
    """A one-segment pattern matches only at the context root, while the context has matches deeper.

    ## What it does
    Flags patterns such as `*.pyc`, `__pycache__` or `node_modules` (no `/`, not starting
    with `**/`) when files or directories of that name exist below the root of this build
    context and are still sent. Root-anchored spellings (`/name`, `./name`) are left alone:
    they say "root only" on purpose.

    ## Why is this bad?
    In `.gitignore` a pattern without a slash matches at any depth; in `.dockerignore` every
    pattern is anchored at the context root, and `*` never crosses `/`. `*.pyc` excludes
    `app.pyc` but sends `pkg/mod.pyc`; `node_modules` keeps out `./node_modules` only.

    Other gitignore habits that mean something else in Docker (see also DW500, DW501,
    DW503, DW504):

    - `*.log` means "anywhere" in git, "at the root" in Docker: write `**/*.log`.
    - `build/` (directory only in git) also matches a *file* named `build` in Docker.
    - `foo\\ ` (escaped trailing space in git) becomes the invalid `foo\\` (DW500).
    - `  # note` is a comment in neither, but people expect it to be; `a # b` is one
      pattern in both (DW501).
    - `\\#file` matches `#file` in both: it works the same.
    - `[!a]` negates in git, not in Docker (DW503).
    - `dir` then `!dir/keep.txt`: git cannot re-include a file inside an excluded directory,
      Docker can (and does): the exception works.

    ## Example
    ```text
    __pycache__
    *.pyc
    ```

    Use instead:
    ```text
    **/__pycache__
    **/*.pyc
    ```

    Only matches that a Dockerfile built with this context copies count (`COPY . .`, `COPY
    cmd/ ./cmd/`): when every Dockerfile that uses the ignore file copies named files only
    (`COPY LICENSE /licenses/`), or none does, whether deeper matches are sent changes no
    image, and nothing is reported.

    ## When it only asks
    A pattern that matches nothing at the root but matches deeper (`storage`, `files/`) may
    be meant for the root only, or written for another layout. When every deeper match is
    junk (caches, host-installed dependencies, logs, VCS data) or a secret by its content
    (a private key, a `.env` with assignments, …), the finding is a warning with a fix. When
    some deeper match is ordinary source or configuration (`app/config/storage/*.php`,
    `pkg/files/*.go`), the finding is only a question (info), naming what `**/` would take
    out, and its fix is a suggestion that `--fix` never applies.

    ## Fix safety
    Unsafe: `**/` makes the pattern match at every depth, which changes what is sent. It is
    offered as a fix only when everything it newly excludes is junk or a secret (as decided
    by `dockwise.rules.support.fixguard`); otherwise it is a suggestion, never applied
    by `--fix` or fix-all.
    """
    code = "DW502"
    name = "pattern-only-matches-at-root"
    category = Category.SIZE
    severity = Severity.WARNING
    file_kind = "dockerignore"
    needs_context = True
    fix_availability = FixAvailability.ALWAYS
    message = "This pattern only matches at the context root"
    fix_title = "Prefix the pattern with `**/`"

    def check(self, ctx: RuleContext):
        view = ctx.context
        ign = ctx.ignore
        candidates = [p for p in ign.patterns
                      if not p.exclusion and not p.is_bad and "/" not in p.pattern
                      and not p.pattern.startswith("**") and not p.raw.startswith(("/", "./"))]
        if not candidates:
            return
        copied = copied_sources(view)
        everything = view.unfiltered
        paths = list(everything.files) + list(everything.symlinks) + list(everything.dirs)
        for p in candidates:
            at_root = False
            nested: list[str] = []
            for q in paths:
                i = q.rfind("/")
                if p.match(q[i + 1:]):
                    if i < 0:
                        at_root = True
                    elif not any(q.startswith(n + "/") for n in nested[-1:]):
                        nested.append(q)
            if not nested or (at_root and p.pattern not in ANYWHERE):
                continue
            nested = sorted(nested)
            still_sent = [q for q in nested if not ign.verdict(q).excluded]
            if copied is not None:
                # only what a COPY/ADD takes into an image makes the pattern's reach matter
                still_sent = [q for q in still_sent if covering_source(copied, q) is not None]
            if not still_sent:
                continue
            added = [q for q in newly_excluded(everything, ["**/" + p.pattern], always_sent(view))
                     if not ign.verdict(q).excluded]
            needed = violations(view.root, added, None)
            shown = ", ".join(f"`{q}`" for q in still_sent[:3]) + (" …" if len(still_sent) > 3 else "")
            plural = len(still_sent) > 1
            edit = Edit.insert(p.start + (1 if p.raw.startswith("!") else 0), "**/")
            if not needed:
                msg = (f"`{p.raw}` only matches at the context root; in {view.phrase} {len(still_sent)} "
                       f"deeper match{'es are' if plural else ' is'} still sent ({shown}): "
                       f"write `**/{p.pattern}`")
                yield self.report(p.start, p.end, msg, fix=self.make_fix([edit], Applicability.UNSAFE))
                continue
            example = needed[0].path
            inside = "" if example in still_sent else f", e.g. `{example}`"
            msg = (f"`{p.raw}` only matches at the context root: is that meant? {len(still_sent)} deeper "
                   f"match{'es are' if plural else ' is'} sent ({shown}{inside}) and "
                   f"{'are' if plural else 'is'} not junk but source, data or configuration; "
                   f"write `**/{p.pattern}` only if {'they' if plural else 'it'} should be excluded too")
            d = self.report(p.start, p.end, msg, fix=self.make_fix(
                [edit], Applicability.SUGGESTION, title=f"Exclude `{p.pattern}` at every depth"))
            d = replace(d, severity=Severity.INFO)  # findings are frozen
            yield d
