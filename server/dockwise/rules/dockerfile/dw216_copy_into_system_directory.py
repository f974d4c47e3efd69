from __future__ import annotations

import posixpath

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Rule, RuleContext
from ..helpers import instructions

# Directories of the distribution's own programs and libraries. /usr/local/bin and /opt are
# where images are meant to add theirs, and /etc/<app>/ is where configuration belongs.
SYSTEM_DIRS = ("/bin", "/sbin", "/usr/bin", "/usr/sbin", "/lib", "/lib64", "/usr/lib", "/usr", "/etc")
WHOLE_CONTEXT = (".", "./", "*", "./*")


def normal(path: str) -> str:
    return posixpath.normpath(path) if path.startswith("/") else ""


class CopyIntoSystemDirectory(Rule):
    """The whole build context is copied into `/` or a system directory, or `WORKDIR` is one.

    ## What it does
    Flags `COPY . <dir>` / `ADD . <dir>` (the whole context, `.`, `./`, `*`) when `<dir>` is `/`
    or a directory of the distribution itself (`/bin`, `/sbin`, `/usr/bin`, `/usr/sbin`,
    `/usr`, `/lib`, `/usr/lib`, `/etc`), and `WORKDIR` set to one of those directories.
    Copying one named file (`COPY entrypoint.sh /`, `COPY app /usr/bin/app`, `COPY nginx.conf
    /etc/nginx/`) is normal and not flagged.

    ## Why is this bad?
    Dumping a source tree over the root or a system directory mixes your files with the
    distribution's: a stray `bin/`, `lib/` or `etc/passwd` in the context overwrites system
    files, and it is impossible to tell later what belongs to the image. With `WORKDIR` there,
    every later relative `COPY` and every file the build writes lands among system files.

    ## Example
    ```dockerfile
    WORKDIR /usr/bin
    COPY . /
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
    stage_local = True
    reads = frozenset({"WORKDIR", "COPY", "ADD"})
    name = "copy-into-system-directory"
    category = Category.SECURITY
    severity = Severity.WARNING
    message = "{what} puts files among the system's own in `{dest}`"

    def check(self, ctx: RuleContext):
        for ins in instructions(ctx.df, "WORKDIR", "COPY", "ADD"):
            if ins.keyword == "WORKDIR" and ins.words:
                w = ins.words[0]
                dest = normal(w.value.strip("\"'"))
                if dest in SYSTEM_DIRS:
                    yield self.report(w.start, w.end, self.message.format(what="`WORKDIR`", dest=dest))
            elif ins.keyword in ("COPY", "ADD") and len(ins.words) >= 2 and not ins.heredocs \
                    and ins.flag("from") is None:
                *sources, target = ins.words
                dest = normal(target.value)
                if (dest == "/" or dest in SYSTEM_DIRS) and any(s.value in WHOLE_CONTEXT for s in sources):
                    yield self.report(ins.start, ins.end,
                                      self.message.format(what=f"`{ins.keyword}` of the whole build context", dest=dest))
