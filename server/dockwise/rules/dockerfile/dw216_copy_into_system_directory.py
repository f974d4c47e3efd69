from __future__ import annotations

import posixpath

from ...analysis.shipping import test_input_folder_of
from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import instructions

# Directories of the distribution's own programs and libraries. /usr/local/bin and /opt are
# where images are meant to add theirs, and /etc/<app>/ is where configuration belongs.
SYSTEM_DIRS = ("/bin", "/sbin", "/usr/bin", "/usr/sbin", "/lib", "/lib64", "/usr/lib", "/usr", "/etc")
WHOLE_CONTEXT = (".", "./", "*", "./*")


class CopyIntoSystemDirectory(Rule):
    """The whole build context is copied into `/` or a system directory.

    ## What it does
    Flags `COPY . <dir>` / `ADD . <dir>` (the whole context, `.`, `./`, `*`) when `<dir>` is `/`
    or a directory of the distribution itself (`/bin`, `/sbin`, `/usr/bin`, `/usr/sbin`,
    `/usr`, `/lib`, `/usr/lib`, `/etc`). A relative `<dir>` (`COPY . .`) is resolved against
    the stage's last literal `WORKDIR` (or that of the stage it is built `FROM`); with no
    `WORKDIR` the base image's is unknown and nothing is reported. Copying one named file
    (`COPY entrypoint.sh /`, `COPY app /usr/bin/app`, `COPY nginx.conf /etc/nginx/`) is normal
    and not flagged, and neither is `WORKDIR` alone: it writes nothing.

    A Dockerfile among test inputs (under `testfiles/`, `testdata/`, `fixtures/`…, such as
    BuildKit's parser fixtures next to their expected parse) is data for a test, not an image
    anyone builds: it is not reported.

    Stages: all (`ONBUILD` too): copying the whole context over a distribution's own folders is
    as fragile in a builder stage.

    ## Why is this bad?
    Dumping a source tree over the root or a system directory mixes your files with the
    distribution's: a stray `bin/`, `lib/` or `etc/passwd` in the context overwrites system
    files, and it is impossible to tell later what belongs to the image.

    ## Example
    ```dockerfile
    WORKDIR /
    COPY . .
    ```

    Use instead:
    ```dockerfile
    WORKDIR /app
    COPY . .
    ```

    ## References
    - No checkov or trivy check covers it; related: checkov CKV_DOCKER_10 (WORKDIR must be absolute)
    """

    code = "DW216"
    inputs = Inputs(keywords={"WORKDIR", "COPY", "ADD"}, scope=Scope.STAGE)
    name = "copy-into-system-directory"
    category = Category.SECURITY
    severity = Severity.WARNING
    message = "{what} puts files among the system's own in `{dest}`"

    def check(self, ctx: RuleContext):
        if test_input_folder_of(ctx.path):
            return  # data for a test (a parser's input), not a build of its folder
        workdirs: dict[int, str | None] = {}   # stage index → literal WORKDIR at its end
        for ins in instructions(ctx.df, "WORKDIR", "COPY", "ADD"):
            stage = ins.stage
            if stage is None or ins.sub is not None:
                continue
            if stage.index not in workdirs:
                base = stage.base_stage
                workdirs[stage.index] = workdirs.get(base.index) if base is not None else None
            cwd = workdirs[stage.index]
            if ins.keyword == "WORKDIR":
                value = ins.rest.strip().strip("\"'")
                if "$" in value or not value:
                    workdirs[stage.index] = None
                elif value.startswith("/"):
                    workdirs[stage.index] = posixpath.normpath(value)
                else:
                    workdirs[stage.index] = posixpath.normpath(posixpath.join(cwd, value)) if cwd else None
            elif len(ins.words) >= 2 and not ins.heredocs and ins.flag("from") is None:
                *sources, target = ins.words
                dest = target.value
                if "$" in dest:
                    continue
                if not dest.startswith("/"):
                    if cwd is None:
                        continue
                    dest = posixpath.join(cwd, dest)
                dest = posixpath.normpath(dest)
                if (dest == "/" or dest in SYSTEM_DIRS) and any(s.value in WHOLE_CONTEXT for s in sources):
                    yield self.report(ins.start, ins.end,
                                      self.message.format(what=f"`{ins.keyword}` of the whole build context", dest=dest))
