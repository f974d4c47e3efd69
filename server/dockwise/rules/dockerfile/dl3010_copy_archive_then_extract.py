from __future__ import annotations

from ...dockerfile.variables import unquote
from ...engine.diagnostic import Category, FixAvailability, Related, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import runs_with

ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tb2", ".tar.xz", ".txz",
                    ".tar.lz", ".tar.lzma", ".tlz", ".tar.z", ".tar.zst", ".tzst", ".gz", ".bz2", ".xz",
                    ".lz", ".lzma", ".z", ".zst", ".zip")
DECOMPRESSORS = ("unzip", "gunzip", "bunzip2", "unlzma", "unxz", "zgz", "uncompress", "zcat", "gzcat")


def basename(path: str) -> str:
    return unquote(path).replace("\\", "/").rsplit("/", 1)[-1]


def is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def extracts(cmd) -> bool:
    prog = cmd.program
    if prog in DECOMPRESSORS:
        return True
    if prog != "tar":
        return False
    words = cmd.unwrapped()
    args = [w.value for w in words[1:]]
    if any(a in ("--extract", "--get") for a in args):
        return True
    if any(a.startswith("-") and not a.startswith("--") and "x" in a for a in args):
        return True
    # old-style `tar xzf file`: the first argument is a cluster of letters without a dash
    return bool(args) and not args[0].startswith("-") and "x" in args[0] and args[0].isalpha()


class CopyArchiveThenExtract(Rule):
    """An archive is `COPY`'d into the image and then extracted by a later `RUN`.

    ## What it does
    Flags a `COPY` (from the build context) of a local archive (`.tar`, `.tar.gz`, `.tgz`,
    `.zip`, …) that a later `RUN` in the same stage unpacks with `tar -x`, `unzip`, `gunzip`
    and friends.

    Stages: all, as hadolint: the archive's layer ships only in the final stage and the
    stages it is built `FROM`, but the double copy also slows every build of a builder stage.

    ## Why is this bad?
    The copied archive stays in the `COPY` layer even if the `RUN` deletes it, so the image
    carries the data twice. `ADD` extracts a local tar archive in one step, with no copy left
    behind.

    ## Example
    ```dockerfile
    COPY app.tar.gz /tmp/
    RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
    ```

    Use instead:
    ```dockerfile
    ADD app.tar.gz /opt/
    ```

    ## References
    - hadolint DL3010
    """

    code = "DL3010"
    inputs = Inputs(keywords={"COPY", "RUN"}, programs={"tar", *DECOMPRESSORS}, scope=Scope.STAGE)
    name = "copy-archive-then-extract"
    category = Category.SIZE
    severity = Severity.INFO
    fix_availability = FixAvailability.NEVER
    message = "Use `ADD` to extract a local archive: `{archive}` is copied, then extracted"

    def check(self, ctx: RuleContext):
        df = ctx.df
        extracting: dict[tuple[int, str], list] = {}
        for ins, script in runs_with(df, "tar", *DECOMPRESSORS):
            for cmd in script.commands:
                if extracts(cmd):
                    for w in cmd.unwrapped()[1:]:
                        extracting.setdefault((id(ins.stage), basename(w.value)), []).append((ins, cmd))
        if not extracting:
            return  # nothing is extracted: no COPY to look at
        for stage in df.stages:
            for ins in stage.instructions:
                if ins.keyword != "COPY" or ins.flag("from") is not None or ins.json or len(ins.words) < 2:
                    continue
                *sources, dest = ins.words
                names = [basename(dest.value)] if is_archive(dest.value) else \
                    [basename(w.value) for w in sources if is_archive(w.value)]
                for name in names:
                    later = [hit for hit in extracting.get((id(stage), name), ()) if hit[0].index > ins.index]
                    if not later:
                        continue
                    cmd = later[0][1]
                    related = (Related("extracted here", None, cmd.start, cmd.end),)
                    yield self.report(ins.start, ins.rest_end, self.message.format(archive=name), related=related)
                    break
