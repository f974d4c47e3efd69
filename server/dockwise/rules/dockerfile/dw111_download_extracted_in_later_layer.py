from __future__ import annotations

import posixpath

from ...analysis.shipping import shipping
from ...engine.diagnostic import Category, Related, Severity
from ...engine.rule import Inputs, Rule, RuleContext, per_stage
from ..support.helpers import runs_any, script_of

ARCHIVES = (".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar.zst", ".tar", ".zip", ".gz", ".xz", ".bz2", ".7z")


def is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVES)


def downloaded_file(cmd) -> str | None:
    """The archive a curl/wget command writes, or None."""
    words = [w.value for w in cmd.unwrapped()]
    prog = cmd.program
    out = None
    url = None
    for i, w in enumerate(words[1:], 1):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if prog == "curl" and w in ("-o", "--output") and nxt:
            out = nxt
        elif prog == "curl" and w.startswith("--output="):
            out = w.split("=", 1)[1]
        elif prog == "wget" and w in ("-O", "--output-document") and nxt:
            out = nxt
        elif prog == "wget" and w.startswith("--output-document="):
            out = w.split("=", 1)[1]
        elif w.startswith(("http://", "https://", "ftp://")):
            url = w
    if out is None and url is not None and (prog == "wget" or cmd.has_flag("-O", "--remote-name")):
        out = posixpath.basename(url.split("?", 1)[0])
    if out and out != "-" and is_archive(out) and "$" not in out:
        return out
    return None


DECOMPRESSORS = ("unzip", "gunzip", "gzip", "xz", "unxz", "bunzip2", "7z", "zstd")
WATCHED = frozenset({"curl", "wget", "tar", *DECOMPRESSORS})  # the programs of the RUNs read


def extracted_files(cmd) -> list:
    """Words naming the archive(s) an extract command reads."""
    prog = cmd.program
    if prog != "tar" and prog not in DECOMPRESSORS:
        return []
    words = cmd.unwrapped()[1:]
    if prog == "tar":
        first = words[0].value if words else ""
        extracting = any(w.value in ("-x", "--extract", "--get") or (w.value.startswith("-") and not w.value.startswith("--") and "x" in w.value)
                         for w in words) or ("x" in first and not first.startswith("-"))
        return [w for w in words if extracting and is_archive(w.value)]
    return [w for w in words if is_archive(w.value)]


class DownloadExtractedInLaterLayer(Rule):
    """An archive downloaded in one `RUN` is extracted in a later `RUN`.

    ## What it does
    Flags `tar -x`/`unzip`/`gunzip` of a file that an earlier `RUN` of the same stage
    downloaded with `curl -o`/`-O` or `wget`, pointing at the extraction and at the download.
    An extracting `RUN` that downloads the file again before extracting it is not flagged,
    and a download whose own `RUN` deletes it again (`rm` of the file or of a folder holding
    it) is not the file a later `RUN` extracts.

    Stages: shipped only (the final stage and the stages it is built `FROM`). The layers of
    a builder stage are thrown away: a `COPY --from` takes its final files, not the layer
    that still holds the archive.

    ## Why is this bad?
    Each `RUN` is a layer: the archive stays in the download's layer even when the extracting
    `RUN` deletes it, so the image carries both the archive and its contents.

    ## Example
    ```dockerfile
    RUN curl -fsSL -o /tmp/node.tar.xz https://nodejs.org/dist/v22.0.0/node-v22.0.0-linux-x64.tar.xz
    RUN tar -xJf /tmp/node.tar.xz -C /usr/local --strip-components=1 && rm /tmp/node.tar.xz
    ```

    Use instead:
    ```dockerfile
    RUN curl -fsSL -o /tmp/node.tar.xz https://nodejs.org/dist/v22.0.0/node-v22.0.0-linux-x64.tar.xz \\
     && tar -xJf /tmp/node.tar.xz -C /usr/local --strip-components=1 \\
     && rm /tmp/node.tar.xz
    ```

    ## References
    - No hadolint, checkov or trivy check covers it (hadolint DL3010 is about `COPY` of archives)
    """

    code = "DW111"
    inputs = Inputs(keywords={"RUN", "COPY"})
    # every RUN: a `RUN --mount=from=` elsewhere decides which stages ship
    name = "download-extracted-in-later-layer"
    category = Category.SIZE
    severity = Severity.WARNING
    message = "`{name}` was downloaded in an earlier RUN: the archive stays in that layer"

    def check(self, ctx: RuleContext):
        # Which stages ship depends on the whole file; what is found in one, on the stage alone:
        # kept per stage while editing (`per_stage`).
        df = ctx.df
        if not runs_any(df, "curl", "wget") or not runs_any(df, "tar", *DECOMPRESSORS):
            return  # nothing downloaded, or nothing extracted
        answer = shipping(df, ctx.settings.target)
        for stage in df.stages:
            if answer.ships(stage):
                yield from per_stage(ctx, stage, "DW111", lambda: self._stage(df, stage))

    def _stage(self, df, stage):
        seen: dict[str, tuple] = {}
        for outer in stage.instructions:
            for ins in (outer, outer.sub):  # as `df.all_instructions()`: ONBUILD's RUN after its parent
                if ins is None or ins.keyword != "RUN" or ins.sub is not None:
                    continue
                script = script_of(df, ins)
                if script is None or WATCHED.isdisjoint(c.program for c in script.commands):
                    continue
                yield from self._run(ins, script, seen)

    def _run(self, ins, script, seen):
        fetched_here: set[str] = set()  # downloaded earlier in this RUN
        for cmd in script.commands:
            for w in extracted_files(cmd):
                if w.value in fetched_here or posixpath.basename(w.value) in fetched_here:
                    continue  # downloaded again by this RUN: that copy is the one extracted
                hit = seen.get(w.value) or seen.get(posixpath.basename(w.value))
                if hit is not None and hit[0] is not ins:
                    _, dcmd, path = hit
                    if posixpath.basename(path) != posixpath.basename(w.value):
                        continue
                    yield self.report(cmd.start, cmd.end, self.message.format(name=w.value),
                                      related=(Related("downloaded here", None, dcmd.start, dcmd.end),))
            if cmd.program in ("curl", "wget"):
                out = downloaded_file(cmd)
                if out:
                    fetched_here.update((out, posixpath.basename(out)))
        for cmd in script.commands:
            if cmd.program in ("curl", "wget"):
                out = downloaded_file(cmd)
                if out and not _removed_after(script.commands, cmd, out):
                    seen[out] = (ins, cmd, out)
                    seen.setdefault(posixpath.basename(out), (ins, cmd, out))


def _removed_after(commands, download, path: str) -> bool:
    """A later `rm` of the same RUN deletes the downloaded file (or a folder holding it):
    the archive never reaches that layer."""
    after = False
    for cmd in commands:
        if cmd is download:
            after = True
        elif after and cmd.program == "rm":
            for w in cmd.positional():
                target = w.value.rstrip("/")
                if target and (target in (path, posixpath.basename(path)) or path.startswith(target + "/")):
                    return True
    return False
