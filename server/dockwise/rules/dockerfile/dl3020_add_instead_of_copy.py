from __future__ import annotations

import re

from ...dockerfile.variables import unquote
from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import keyword_like
from ...lazy_regex import lazy_compile

# Extensions of files ADD may unpack (tar, optionally compressed: gzip, bzip2, xz, zstd…).
_ARCHIVE_RE = lazy_compile(
    r"\.(tar|tgz|tbz|tbz2|tb2|txz|tlz|tzst|tZ|taz|tpz|gz|bz2|xz|lz|lzma|zst|Z)$", re.IGNORECASE)
_REMOTE_FLAGS = frozenset({"checksum", "keep-git-dir", "unpack"})


def is_remote(src: str) -> bool:
    return "://" in src or src.startswith("git@") or src.endswith(".git")


class AddInsteadOfCopy(Rule):
    """`ADD` used where `COPY` does the job.

    ## What it does
    Flags `ADD` whose sources are all local files or directories that are not archives.
    Not flagged: URLs and git repositories, anything that looks like a tar archive (which ADD
    unpacks: `.tar`, `.tar.gz`, `.tgz`, `.tar.bz2`, `.tar.xz`, `.zst`…, quoted or not), sources built from
    variables (they might be either), heredocs, and ADD-only flags (`--checksum`,
    `--keep-git-dir`, `--unpack`).

    Stages: all (`ONBUILD ADD` too), as hadolint.

    ## Why is this bad?
    ADD has hidden behaviours (downloading URLs, unpacking archives). COPY says exactly what
    happens: the file is copied, nothing else. Readers and reviewers should not have to
    wonder whether a file gets extracted.

    ## Example
    ```dockerfile
    ADD requirements.txt /app/
    ```

    Use instead:
    ```dockerfile
    COPY requirements.txt /app/
    ```

    ## Fix safety
    Safe: for local non-archive sources ADD and COPY do the same; the fix only swaps the
    keyword (keeping its case), flags such as `--chown` work with both.

    ## References
    - hadolint DL3020
    """

    code = "DL3020"
    inputs = Inputs(keywords={"ADD"}, scope=Scope.STAGE)
    name = "add-instead-of-copy"
    category = Category.MAINTAINABILITY
    severity = Severity.ERROR
    fix_availability = FixAvailability.ALWAYS
    message = "Use `COPY` instead of `ADD` for local files and folders"
    fix_title = "Replace `ADD` with `COPY`"

    def check_instruction(self, ins, ctx: RuleContext):
        if ins.heredocs:
            return
        if any(f.name in _REMOTE_FLAGS for f in ins.flags):
            return
        words = [unquote(w.value, ctx.df.escape) for w in ins.words]  # `"app.tgz"` is `app.tgz`
        if len(words) < 2:
            return
        sources = words[:-1]
        if any("$" in s or is_remote(s) or _ARCHIVE_RE.search(s.rstrip("*?]")) for s in sources):
            return
        edit = [Edit(ins.start, ins.keyword_end, keyword_like(ins.raw_keyword, "COPY"))]
        yield self.report(ins.start, ins.end, fix=self.make_fix(edit))
