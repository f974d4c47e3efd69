from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ...analysis.picture import full_text
from ...dockerfile.model import Instruction, Word
from ...dockerfile.stages import stage_env
from ...dockerfile.variables import expand, unquote
from ...engine.diagnostic import Applicability, Category, Edit, FixAvailability, Related, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ...lazy_regex import lazy_compile
from ..support.buildkit import NEEDS_BUILDKIT, add_run_flag, frontend
from ..support.credential_files import credential_kind, file_id, holds_credential, is_template
from ..support.helpers import QuietTexts
from ..support.mounts import (ROOT_USERS, delete_instruction, delete_word, drop_command, reads_no_credentials,
                              user_before, workdir_before)
from ..support.paths import absolute
from ..support.secret_names import secret_key_word

# Commands that change a file in place: on a read-only secret mount they fail.
_WRITERS = frozenset({"chmod", "chown", "chgrp", "mv", "sed", "truncate", "tee", "dos2unix", "shred", "cp"})


@dataclass
class _Deletion:
    ins: Instruction     # the RUN that deletes the file
    script: object
    cmd: object          # its `rm`
    operand: object      # the `rm` word naming the file
    path: str            # the absolute path it names


_NO_CREDENTIAL = QuietTexts()  # COPY/ADD instructions that copy no credential file


def _credential(df, ins: Instruction, word: Word) -> str | None:
    """What kind of credential file the COPY's source `word` is (or the file it is copied to)."""
    source = unquote(word.value, df.escape)
    kind = credential_kind(source)
    if kind is None and len(ins.words) == 2:
        dest = unquote(ins.words[-1].value, df.escape)
        if not dest.endswith("/") and not is_template(source):
            kind = credential_kind(dest)  # `COPY npmrc /root/.npmrc` (not `COPY .npmrc.template .npmrc`)
    return kind


class CredentialFileCopiedThenDeleted(Rule):
    """A credential file is copied into the image, used, and deleted by a later `RUN`: it stays in the COPY's layer.

    ## What it does
    Flags a `COPY`/`ADD` of a file that package managers and cloud tools read credentials
    from — `.npmrc`, `.yarnrc.yml`, `.netrc`, `pip.conf`, `.pypirc`, `.git-credentials`,
    `.aws/credentials`, Google Cloud key files (`service-account.json`,
    `application_default_credentials.json`), `.docker/config.json`, Composer's `auth.json`,
    `.gem/credentials`, `.cargo/credentials`, Maven's `settings.xml`, `nuget.config`,
    `.pgpass`, a kubeconfig, an SSH private key (`id_rsa`…) — when a later `RUN` of the same
    stage deletes it (`rm` of the path the COPY wrote). A folder (`COPY .aws /root/.aws`) is
    left to DW218.

    With the build context at hand the file decides: it is reported only when it writes a
    credential out (an `_authToken=` value, a `<password>`, a URL with a password, a private
    key…). A `.npmrc` reading `${NPM_TOKEN}` holds no secret: the variable does (DW201). Without
    the file, the name decides, except when the stage declares a secret-looking `ARG`/`ENV`
    (the file is then most likely such a template).

    DW218 (`secret-file-copied`) reports every secret file a COPY brings in; this rule owns
    the copy-use-delete case (the user meant the file to be temporary, and a secret mount is
    the fix), so DW218 stays silent on a COPY this rule reports.

    Stages: all: a builder stage's layers are kept in the build cache and pushed with
    `--cache-to`, and `docker build --target` makes an image of any stage.

    ## Why is this bad?
    Each instruction makes a layer, and a later `rm` only hides the file in a new layer:
    `docker save` or `docker history` plus the layer tarball gives the token back to anyone who
    can pull the image or read the cache. A secret mount puts the file in place only while
    the `RUN` runs, in no layer at all.

    ## Example
    ```dockerfile
    COPY .npmrc /root/.npmrc
    RUN npm ci && rm /root/.npmrc
    ```

    Use instead (and build with `docker build --secret id=npmrc,src=.npmrc .`):
    ```dockerfile
    RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    ```

    ## Fix safety
    Unsafe: the build command must change. The fix removes the COPY (or the file's word in
    it) and the `rm`, and mounts the file (`--mount=type=secret,id=<id>,target=<the path the
    COPY wrote>`) in each RUN from the COPY to the deletion that could read it (not one made
    only of `apt-get`, `mkdir`, `echo`… that does not name it); a `chmod 600 <file>` for ssh
    goes too, since the mount's mode, 0400, keeps others out as well. The build then needs
    `--secret id=<id>,src=<file>` (the message and the fix's title show it): without it the
    RUNs find no file. Offered only when the file's frontend has `RUN --mount` (needs
    BuildKit).

    The mount is owned by root; under a numeric non-root `USER` the fix adds `uid=`. The fix
    is only a suggestion under a named user (it adds `mode=0444`, readable by that RUN's
    user; ssh refuses a key others can read) and when a RUN changes the file (`chown`,
    `sed -i`, `>>`), which a read-only mount refuses.

    No fix when the path the COPY wrote is unknown (a relative destination with no WORKDIR, a
    variable), when the `rm` cannot be taken out on its own (`|| true`, inside an `if`), or
    when a COPY of `.` or a folder in between may bring the file back before the `rm` (the
    `rm` must then stay, and would fail on the mount). For an SSH key, `RUN --mount=type=ssh`
    with an agent (`docker build --ssh default`) keeps the key off the builder entirely.

    ## References
    - https://docs.docker.com/build/building/secrets/
    - https://docs.docker.com/reference/dockerfile/#run---mounttypesecret
    """

    code = "DW222"
    # the build context's file decides whether it holds a credential (not stage-local: the
    # language server's stage memo checks stages without a context)
    uses_context = True
    inputs = Inputs(keywords={"COPY", "ADD", "RUN", "WORKDIR", "USER"})
    name = "credential-file-copied-then-deleted"
    category = Category.SECURITY
    severity = Severity.ERROR
    fix_availability = FixAvailability.SOMETIMES
    message = "{what} is copied here and deleted by a later RUN, but it stays in this COPY's layer"

    def check(self, ctx: RuleContext):
        df = ctx.df
        for stage in df.stages:
            for k, ins in enumerate(stage.instructions):
                if ins.keyword not in ("COPY", "ADD") or ins.flag("from") is not None or ins.heredocs \
                        or ins.flag("parents") is not None or len(ins.words) < 2:
                    continue
                # what is copied is known from the text
                copied = _NO_CREDENTIAL.found(df, ins, lambda: [(word, kind) for word in ins.words[:-1]
                                                                if (kind := _credential(df, ins, word))])
                for word, kind in copied:
                    found = self._judge(ctx, stage, k, ins, word, kind)
                    if found is not None:
                        yield found

    def _judge(self, ctx: RuleContext, stage, k: int, ins: Instruction, word: Word, kind: str):
        df = ctx.df
        source = unquote(word.value, df.escape)
        dest = unquote(ins.words[-1].value, df.escape)
        single = len(ins.words) == 2
        paths = self._copied_to(df, stage, ins, source, dest, single)
        if not paths:
            return None
        later = stage.instructions[k + 1:]
        deletion = self._deletion(df, stage, later, paths)
        if deletion is None:
            return None
        verdict = _context_verdict(ctx, source, kind)
        if verdict is False:
            return None
        if verdict is None and _secret_variable_in_scope(df, stage, deletion.ins):
            return None  # `ARG NPM_TOKEN` + `.npmrc` reading `${NPM_TOKEN}`: DW201 reports the variable
        ident = file_id(source if credential_kind(source) else dest)
        build = f"docker build --secret id={ident},src={source}"
        what = f"`{source}` ({kind})"
        message = self.message.format(what=what) + f"; use a secret mount (`{build}`)"
        fix = self._fix(ctx, stage, ins, word, later, deletion, paths, kind, ident, build)
        related = (Related("deleted here", None, deletion.operand.start, deletion.operand.end),)
        return self.report(word.start, word.end, message, fix=fix, related=related)

    @staticmethod
    def _copied_to(df, stage, ins, source: str, dest: str, single: bool) -> list[str]:
        """The absolute paths the COPY may have written the file at (a destination without a
        trailing `/` is the file itself, or a folder it goes into when one exists there)."""
        if "$" in dest:
            exp = expand(dest, stage_env(df, stage, ins), df.escape)
            if exp.unknown:
                return []
            dest = exp.value
        if not dest.startswith("/"):
            cwd = workdir_before(df, stage, ins)
            if cwd is None:
                return []
            dest = posixpath.join(cwd, dest)
        base = posixpath.basename(source.rstrip("/"))
        folder = posixpath.normpath(dest)
        if dest.endswith("/") or dest.endswith("/.") or not single:
            return [posixpath.join(folder, base)]
        return [folder, posixpath.join(folder, base)]

    @staticmethod
    def _deletion(df, stage, later, paths: list[str]) -> _Deletion | None:
        for ins in later:
            if ins.keyword in ("COPY", "ADD") and ins.flag("from") is None and ins.words \
                    and _resolve_in(df, stage, ins, ins.words[-1].value) in paths:
                return None  # copied again: a later `rm` deletes that copy
            if ins.keyword != "RUN":
                continue
            script = df.script(ins)
            if script is None:
                continue
            cwd = workdir_before(df, stage, ins)
            home = "/root" if user_before(df, stage, ins) in ROOT_USERS else None  # another user's: unknown
            for cmd in script.commands:
                if cmd.program == "cd" and not cmd.in_substitution:
                    target = cmd.positional()[:1]
                    cwd = _resolve(target[0].value, cwd, home) if target else home
                    continue
                if cmd.program != "rm" or cmd.in_substitution:
                    continue
                for w in cmd.positional():
                    path = _resolve(w.value, cwd, home)
                    if path in paths:
                        return _Deletion(ins, script, cmd, w, path)
        return None

    def _fix(self, ctx, stage, copy, word, later, deletion: _Deletion, paths, kind, ident, build):
        df = ctx.df
        if not frontend(df).mounts:
            return None
        target = deletion.path
        between = later[:later.index(deletion.ins)]
        if any(_may_copy_again(df, stage, i, target) for i in between):
            return None  # `COPY . .` may bring the file back before the `rm`: the rm must stay, on a mount it fails
        edits: list[Edit] = [delete_instruction(df, copy) if len(copy.words) == 2 else delete_word(copy.words[:-1], word)]
        complete = True
        runs = [i for i in later[:later.index(deletion.ins) + 1] if i.keyword == "RUN"]
        name = posixpath.basename(target)
        for run in runs:
            script = df.script(run)
            if run is not deletion.ins and name not in full_text(run) and reads_no_credentials(df, run):
                continue  # `RUN apt-get install …`, `RUN if [ -z "$TAG" ]; then exit 1; fi`: no reader
            cwd = workdir_before(df, stage, run)
            # what goes from the RUN: the `rm`, and a `chmod 600` the mount's own mode (0400) makes moot
            gone = [c for c in (script.commands if script else ()) if _owner_only_chmod(c, target, cwd)]
            if run is deletion.ins:
                gone.append(deletion.cmd)
            top = [c for c in (script.commands if script else ()) if not c.in_substitution]
            operands_left = len(deletion.cmd.positional()) > 1
            if top and all(c in gone for c in top) and not (run is deletion.ins and operands_left):
                edits.append(delete_instruction(df, run))
                continue
            for c in gone:
                if c is deletion.cmd and operands_left:
                    edits.append(Edit.delete(_word_before(c, deletion.operand).end, deletion.operand.end))
                    continue
                drop = drop_command(df, script, c)
                if drop is None:
                    return None
                edits.append(drop)
            user = user_before(df, stage, run)
            if user is None:
                return None
            options = f"type=secret,id={ident},target={target}"
            if user not in ROOT_USERS:
                if user.isdigit():
                    options += f",uid={user}"
                else:
                    options += ",mode=0444"
                    complete = False
                if kind == "SSH key":
                    complete = False
            if not any(m.options().get("target") == target for m in run.flags_named("mount")):
                edits.append(add_run_flag(run, f"--mount={options}"))
            if script is not None and _writes(script, posixpath.basename(target), gone):
                complete = False
        title = (f"Mount `{posixpath.basename(target)}` as a build secret instead of copying it "
                 f"({NEEDS_BUILDKIT}; build with `{build}`)")
        return self.make_fix(edits, Applicability.UNSAFE if complete else Applicability.SUGGESTION, title=title)


# Modes that only keep others out: the secret mount's 0400 (its owner may read) does as much.
_OWNER_ONLY = frozenset({"600", "0600", "400", "0400", "u=rw,go=", "u=r,go=", "go-rwx", "og-rwx", "go=", "u+rw,go-rwx"})


def _owner_only_chmod(cmd, target: str, cwd: str | None) -> bool:
    """`chmod 600 <the file>` (to satisfy ssh): the mount needs none."""
    if cmd.program != "chmod" or cmd.in_substitution or cmd.in_condition or cmd.in_pipeline:
        return False
    words = [w.value for w in cmd.argv[1:]]
    return len(words) == 2 and words[0] in _OWNER_ONLY and _resolve(words[1], cwd) == target


def _resolve(path: str, cwd: str | None, home: str | None = "/root") -> str | None:
    """An absolute path for a path a RUN names (None when a variable, a glob, an unknown working
    folder or another user's home decides it)."""
    path = path.strip("\"'")
    if path.startswith(("~/", "$HOME/", "${HOME}/")):
        if home is None:
            return None
        path = home + "/" + path.split("/", 1)[1]
    return absolute(path, cwd)


_PLAIN_FILE = lazy_compile(r"[\w.-]*\w\.\w+")


def _may_copy_again(df, stage, ins, target: str) -> bool:
    """Whether a COPY/ADD from the context may put a file at `target` again: a folder, `.` or a
    glob copied into a folder above it."""
    if ins.keyword not in ("COPY", "ADD") or ins.flag("from") is not None or len(ins.words) < 2:
        return False
    dest = _resolve_in(df, stage, ins, ins.words[-1].value)
    if dest is None:
        return True
    if not (target.startswith(dest.rstrip("/") + "/")):
        return False
    name = posixpath.basename(target)
    for w in ins.words[:-1]:
        base = posixpath.basename(unquote(w.value, df.escape).rstrip("/"))
        if base == name or not _PLAIN_FILE.fullmatch(base):
            return True
    return False


def _resolve_in(df, stage, ins, dest: str) -> str | None:
    return _resolve(unquote(dest, df.escape), workdir_before(df, stage, ins))


def _word_before(cmd, word):
    argv = cmd.argv
    return argv[argv.index(word) - 1]


def _writes(script, name: str, gone) -> bool:
    """Whether a command of `script` (other than those in `gone`) changes the file `name` in place
    (`chown app .npmrc`, `sed -i`, `echo … >> .npmrc`): a read-only secret mount refuses that."""
    for cmd in script.commands:
        if cmd in gone:
            continue
        if cmd.program in _WRITERS and any(posixpath.basename(w.value) == name for w in cmd.argv[1:]):
            if cmd.program == "cp" and posixpath.basename(cmd.argv[-1].value) != name:
                continue  # copied from: read only
            if cmd.program == "sed" and not cmd.has_flag("-i", "--in-place"):
                continue
            return True
    return any(posixpath.basename(m.group(1).strip("\"'")) == name for m in _REDIRECT.finditer(script.text))


_REDIRECT = lazy_compile(r">>?\s*([^\s;&|]+)")


def _context_verdict(ctx: RuleContext, source: str, kind: str) -> bool | None:
    """Whether the context's file writes a credential out; None when the context does not hold it."""
    view = ctx.context
    if view is None:
        return None
    from ...buildcontext.secrets import read_head
    from ...ignorefile import go_clean
    rel = go_clean(source.strip("\"'")).lstrip("/")
    if not rel or rel == "." or rel.startswith(".."):
        return None
    snap = view.snapshot
    if rel not in snap.files:
        return None
    head = read_head(view.root, rel)
    if head is None:
        return None
    return holds_credential(kind, head)


def _secret_variable_in_scope(df, stage, ins) -> bool:
    return any(secret_key_word(name) for name in stage_env(df, stage, ins))
