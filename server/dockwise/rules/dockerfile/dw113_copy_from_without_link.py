from __future__ import annotations

from ...analysis.shipping import shipping
from ...dockerfile.stages import iter_stage_env, stage_by_ref
from ...dockerfile.variables import expand
from ...engine.diagnostic import Applicability, Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ..support.buildkit import NEEDS_BUILDKIT, frontend
from ..support.helpers import script_of
from ..support.runs_as_root import base_known_root
from ..support.paths import absolute, within

# Folders a `--link` layer must not carry: it holds every parent of the destination as a plain
# root-owned 0755 directory, which replaces the image's own. /tmp and /var/tmp are 1777, homes
# and /root belong to their users or are private; /bin, /sbin, /lib* are symlinks into /usr on
# merged-/usr systems (Debian 12, Ubuntu, Fedora), /var/run and /var/lock into /run, and
# /etc/ssl/certs into /etc/pki/tls/certs on Red Hat's family (UBI, Fedora, Rocky, Amazon Linux).
FRAGILE_DIRS = ("/tmp", "/var/tmp", "/home", "/root", "/run", "/var/run", "/var/lock",
                "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc/ssl/certs")
ROOT_USERS = frozenset({"root", "0"})




class CopyFromWithoutLink(Rule):
    """`COPY --from` into the image without `--link`.

    ## What it does
    Suggests `COPY --link` for a `COPY --from=<stage or image>` into a stage that ships, when
    the file's frontend has it (`# syntax=docker/dockerfile:1.4` or later, or none) and
    nothing the stage shows makes it unsafe. Not suggested when:
    - `--chown` names a user or group (not a number or `root`): with `--link` BuildKit cannot
      look the name up (the copy runs on an empty layer) and the build fails with `invalid user
      index: -1` on the builders that link (the `docker-container` driver, the containerd image
      store that Docker 29 uses by default);
    - the COPY has `--chmod`: BuildKit then copies in place and ignores `--link`;
    - the destination is `/`, or lies in a folder whose owner or mode matters or that is a
      symlink in common bases (`/tmp`, `/var/tmp`, `/home`, `/root`, `/run`, `/var/run`,
      `/bin`, `/sbin`, `/lib*`, and `/etc/ssl/certs`, a link to `/etc/pki/tls/certs` on UBI
      and Fedora);
    - an earlier instruction of the stage (or of a stage it is built `FROM`) made the
      destination or a folder above it special: a RUN that `chown`s, `chmod`s or symlinks it
      (`ln -s`), or a `WORKDIR` created while the user may not be root (it is owned by that
      user): after a non-root `USER`, or before any `USER` on a base not known to run as root
      (distroless `:nonroot` runs as 65532; a vendor image may set its own user);
    - it copies a path back to the same place from a stage on the same base image
      (`COPY --from=builder /usr/local/lib/python3.12/ /usr/local/lib/python3.12/`): most of
      those files are in the stage's layers already, and a plain COPY stores only the files
      that differ, where a `--link` layer, made without looking at the layers below, stores
      them all.
    `COPY --link=false` is a choice and is left alone; Windows stages are left alone too
    (what is said here is about Linux images).

    Stages: shipped only — the final stage and the stages it is built `FROM`: a builder
    stage's layers are not pushed, and rebasing them gains nothing.

    ## Why is this bad?
    A plain `COPY --from` is applied on top of the stage's earlier layers, so any change to
    them (a new base image, an edited `RUN`) invalidates it and every layer after it, and
    with `--cache-from` the builder must rebuild the stage it copies from. With `--link` the
    files go into an independent layer merged on top: BuildKit reuses it whatever changed
    below, and can rebase the image on a new base without pulling or rebuilding it.

    ## Example
    ```dockerfile
    # syntax=docker/dockerfile:1
    FROM golang:1.23 AS build
    RUN go build -o /out/app ./cmd/app

    FROM gcr.io/distroless/static-debian12
    COPY --from=build /out/app /usr/local/bin/app
    ```

    Use instead:
    ```dockerfile
    COPY --link --from=build /out/app /usr/local/bin/app
    ```

    ## Fix safety
    A suggestion (shown in the editor, never applied in bulk): whether `--link` keeps the
    image the same depends on the base image, which dockwise cannot see. `--link` copies into
    an empty layer, so:
    - every parent folder of the destination is created in that layer as a root-owned 0755
      directory and replaces the image's own owner and mode (with the builders that link:
      the `docker-container` driver, the containerd image store): a destination under a
      folder the base gives to another user (`/var/www/html` owned by `www-data`, a home
      folder) ends up root-owned;
    - a destination path through a symlink of an earlier layer is not followed: the layer
      creates a real folder there, which hides the link and what it pointed to;
    - a `--chown` name cannot be resolved (see above; numbers and `root` work).
    Apply it when the destination's folders are plain root-owned folders of the base image,
    as for `/usr/local/bin`, `/app` or `/opt/<tool>`. It needs BuildKit: the legacy builder
    rejects the flag.

    ## References
    - Dockerfile reference, `COPY --link`; moby/buildkit#2987 and #4964 (`--chown` by name,
      parent folders' ownership with `--link`)
    """

    code = "DW113"
    # every RUN and COPY: which stages ship is decided by later stages (shipping.py); USER and
    # WORKDIR make folders that --link would replace
    inputs = Inputs(keywords={"COPY", "RUN", "USER", "WORKDIR"})
    name = "copy-from-without-link"
    category = Category.CACHE
    severity = Severity.INFO
    fix_availability = FixAvailability.ALWAYS
    message = ("`COPY --from` without `--link` is redone whenever an earlier layer of the stage changes: "
               "`--link` keeps it in a layer of its own that BuildKit reuses and can rebase")
    fix_title = f"Add `--link` ({NEEDS_BUILDKIT})"

    def check(self, ctx: RuleContext):
        df = ctx.df
        if not frontend(df).copy_link:
            return
        if not any(ins.keyword == "COPY" and ins.flag("from") is not None for ins in df.instructions):
            return
        answer = shipping(df, ctx.settings.target)
        for stage in df.stages:
            if answer.ships(stage) and not stage.windows:
                yield from self._stage(df, stage)

    def _stage(self, df, stage):
        special: set[str] = set()   # folders an earlier instruction gave an owner, a mode or a link
        # until a USER says so, a WORKDIR is made as the base image's user: root only in known bases
        ref = stage.root_ref
        user_is_root = ref is not None and base_known_root(ref)
        for st in stage.lineage():
            cwd: str | None = "/"
            for ins, env in iter_stage_env(df, st):
                if ins.keyword == "USER":
                    user_is_root = ins.rest.strip().split(":", 1)[0] in ROOT_USERS
                elif ins.keyword == "WORKDIR":
                    done = expand(ins.rest.strip(), env, df.escape)
                    cwd = None if done.unknown or done.dynamic else absolute(done.value, cwd)
                    if cwd and not user_is_root:
                        special.add(cwd)
                elif ins.keyword == "RUN":
                    special.update(_special_paths(df, ins, cwd, env))
                elif ins.keyword == "COPY" and st is stage and ins.flag("from") is not None:
                    if self._linkable(df, stage, ins, env, cwd, special):
                        at = ins.flags[-1].end if ins.flags else ins.keyword_end
                        fix = self.make_fix([Edit.insert(at, " --link")], Applicability.SUGGESTION)
                        yield self.report(ins.start, ins.keyword_end, fix=fix)

    def _linkable(self, df, stage, ins, env, cwd, special) -> bool:
        if ins.flag("link") is not None or ins.flag("chmod") is not None or ins.heredocs or len(ins.words) < 2:
            return False
        chown = ins.flag("chown")
        if chown is not None:
            parts = (chown.value or "").split(":")
            if not all(p.isdigit() or p in ROOT_USERS for p in parts):
                return False  # a name: `--link` cannot look it up
        done = expand(ins.words[-1].value, env, df.escape)
        dest = None if done.unknown or done.dynamic else absolute(done.value, cwd)
        if dest is None or dest == "/":
            return False
        if any(within(dest, d) for d in FRAGILE_DIRS):
            return False
        if any(within(dest, p) or within(p, dest) for p in special):
            return False
        return not _copied_back(df, stage, ins, dest, env)


def _copied_back(df, stage, ins, dest, env) -> bool:
    """`COPY --from=builder /usr/local/lib/python3.12/ /usr/local/lib/python3.12/` from a stage
    on the same base image: most of those files are in this stage's layers already, and a
    plain COPY stores only those that differ, where a `--link` layer stores them all."""
    source = stage_by_ref(df, ins.flag("from").value or "", stage.index)
    if source is None or source.root.image != stage.root.image:
        return False
    sources = [expand(w.value, env, df.escape).value for w in ins.words[:-1]]
    return any(absolute(s.rstrip("/") or "/", "/") == dest for s in sources)


def _special_paths(df, ins, cwd, env) -> list[str]:
    """Paths a RUN chowns, chmods or makes a symlink."""
    script = script_of(df, ins)
    if script is None:
        return []
    here = cwd if not any(c.program in ("cd", "pushd") for c in script.commands) else None
    out = []
    for cmd in script.commands:
        if cmd.program in ("chown", "chgrp", "chmod"):
            words = cmd.positional()[1:]
        elif cmd.program == "ln" and cmd.has_flag("-s", "--symbolic"):
            words = cmd.positional()[-1:]
        else:
            continue
        for w in words:
            text = w.value if w.literal else expand(df.text[w.start:w.end].strip("\"'"), env, df.escape).value
            path = absolute(text.rstrip("/"), here)
            if path:
                out.append(path)
    return out
