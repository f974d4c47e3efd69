from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, replace

from ...analysis.picture import full_text
from ...analysis.shipping import shipping
from ...dockerfile.model import Instruction, Word
from ...dockerfile.variables import unquote
from ...engine.diagnostic import Applicability, Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ...lazy_regex import lazy_compile
from ..support.buildkit import NEEDS_BUILDKIT, add_run_flag, frontend
from ..support.helpers import QuietTexts
from ..support.mounts import ROOT_USERS, delete_instruction, delete_word, reads_no_credentials, secret_id, user_before
from ..support.secret_names import NOT_A_SECRET_VALUE, secret_key_word, secret_value_kind


class SecretInArgOrEnv(Rule):
    """A secret is passed through `ARG` or `ENV`.

    ## What it does
    Flags `ARG` and `ENV` whose name says it holds a secret, with BuildKit's
    `SecretsUsedInArgOrEnv` heuristic: one of the words `apikey`, `auth`, `credential(s)`,
    `key`, `password`, `pword`, `passwd`, `secret`, `token` as a whole word of the name,
    case-insensitively (`AWS_SECRET_ACCESS_KEY`, `GITHUB_TOKEN`, `db-password`; not
    `KEYBOARD`, `TOKENIZERS_PARALLELISM`), unless a word is `public` (`STRIPE_PUBLIC_KEY`).
    dockwise also splits at case boundaries (`apiKey`, `dbPassword`) and knows `pass` and
    `passphrase` (`DB_PASS`), and it lets through what BuildKit flags wrongly:
    - names that point to a secret rather than hold it (`*_FILE`, `*_PATH`, `*_DIR`,
      `*_URL`, `*_NAME`…) and values that are an absolute path (`TLS_KEY=/run/secrets/tls.key`);
    - public key material: `GPG_KEY`/`GPG_KEYS` (every docker-library image sets one to a
      release-signing key fingerprint), `*_PGP_KEY_ID`, `*_FINGERPRINT`, `*_PUB`;
    - key ids (`AWS_ACCESS_KEY_ID`: an identifier; its secret, `AWS_SECRET_ACCESS_KEY`, is
      flagged on its own line);
    - settings about authentication (`AUTH_ENABLED`, `AUTH_MODE`, `AUTH_PROVIDER`, a
      boolean value) and an `ENV` with an empty value (nothing is stored);
    - user names (`DB_USER`, `*_USERNAME`): none of the words above.
    Also flags any ARG/ENV value that looks like a real credential whatever the name: AWS
    access key ids (`AKIA…`), GitHub (`ghp_…`), GitLab, Slack, Google API keys,
    OpenAI-style `sk-…` keys, and private key headers. A value found this way is an error:
    it is already leaked in the Dockerfile.

    This is dockwise's secrets check, on by default. hadolint's DL3064 (a fixed list of
    names plus substrings such as `username` and `token`, so also `USERNAME` and
    `TOKENIZERS_PARALLELISM`) is off by default so that one variable gets one finding.

    Stages: all, as BuildKit's check: a credential passed to a builder stage as an `ARG` or
    `ENV` is recorded in the build's cache and provenance (and in the Dockerfile itself when it
    is a default), whether or not the stage ships.

    ## Why is this bad?
    `ENV` values are stored in the image config and `ARG` values in the build history and
    provenance: anyone who can pull the image can read them (`docker history`,
    `docker inspect`). Build secrets belong in secret mounts, which never reach a layer.

    ## Example
    ```dockerfile
    ARG NPM_TOKEN
    RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
    ```

    Use instead:
    ```dockerfile
    RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
        echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
    ```

    ## Fix safety
    Unsafe: the build command must change, from `--build-arg NAME=…` to
    `docker build --secret id=<id>,env=NAME` (read from the variable `NAME` of the shell that
    runs `docker build`; the message and the fix's title show it), and a new value no longer
    invalidates the build cache as a changed build argument did. The fix removes the `ARG` (and
    an `ENV NAME=$NAME` copying it) and adds `--mount=type=secret,id=<id>,env=NAME` to each RUN
    that names the variable; when none names it (npm reading `${NPM_TOKEN}` from a copied
    `.npmrc`, a script reading its environment), to every RUN that sees it today, except RUNs
    made only of programs that read no credentials (`apt-get install`, `mkdir`, `useradd`…).
    On a frontend older than dockerfile 1.10 (no `env=`), and with no `# syntax=` directive
    naming 1.10 or newer (the frontend built into Docker 23 to 27 is older), the secret is a
    file, and each
    shell-form RUN starts with `export NAME="$(cat /run/secrets/<id>)" &&` (the mount gets
    `uid=` or `mode=0444` under a non-root user). It needs BuildKit.

    Only a suggestion when some RUNs name the variable and others that see it, and may read
    credentials, do not: they would lose it.

    Offered only for an `ARG` without a default (nor a global one with a default) in a stage,
    when nothing but RUNs reads the variable: no other instruction expands it, it is not
    declared again, and for an `ENV`, no container can run from the stage or a stage built
    FROM it (each is only copied from). None for a global `ARG`, an `ENV` with a value of its
    own, a frontend without `RUN --mount`, or when a RUN writes the secret to a file it does
    not delete again (`echo "…${NPM_TOKEN}" > .npmrc` kept for a later RUN,
    `sed -i "s|_TOKEN_|${NPM_TOKEN}|" .npmrc`, `git config --global url."https://${TOKEN}@…"`,
    `git clone https://${TOKEN}@…` whose URL stays in `.git/config`, `poetry config
    http-basic…`): the file keeps it in the layer, mounted or not.

    ## References
    - BuildKit check SecretsUsedInArgOrEnv
    - https://docs.docker.com/build/building/secrets/
    """

    code = "DW201"
    # the fix asks what else reads the variable: any instruction of the stage and of the stages
    # built FROM it, and which stages ship (an ENV reaches the running container)
    inputs = None
    name = "secret-in-arg-or-env"
    category = Category.SECURITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    message = "Potentially sensitive data in `ARG`/`ENV`: it stays readable in the image; use a secret mount"
    buildkit_name = "SecretsUsedInArgOrEnv"

    def check(self, ctx: RuleContext):
        df = ctx.df
        for ins in df.all_instructions():
            if ins.keyword in ("ARG", "ENV"):
                # whether an ARG/ENV holds a finding follows from its text (its fix reads RUNs)
                yield from _QUIET.found(df, ins, lambda: list(self._check_instruction(ins, ctx)))

    def _check_instruction(self, ins, ctx: RuleContext):
        df = ctx.df
        for kv in ins.pairs:
            key = kv.key.value
            value = unquote(kv.value.value, df.escape) if kv.value is not None else None
            if value is not None:
                kind = secret_value_kind(value)
                if kind:
                    d = self.report(kv.value.start, kv.value.end,
                                    f"`{ins.keyword} {key}` holds what looks like {kind}: it is leaked in the "
                                    "Dockerfile and readable in the image; revoke it and use a secret mount")
                    d = replace(d, severity=Severity.ERROR)  # findings are frozen
                    yield d
                    continue
            word = secret_key_word(key)
            if word and value is not None and NOT_A_SECRET_VALUE.fullmatch(value):
                continue  # `SE_HTTPS_PRIVATE_KEY=/opt/selenium/secrets/tls.key`: where it lives
            if word and ins.keyword == "ENV" and value == "":
                continue  # an empty ENV holds nothing; `docker run -e` fills it at run time
            if word:
                message = (f"`{ins.keyword} {key}` looks like a secret (`{word}`): ARG/ENV values stay "
                           "readable in the image; use a secret mount")
                mount = secret_mount_fix(ctx, ins, kv)
                fix = None
                if mount is not None:
                    message += f" (`{mount.build}`)"
                    fix = self.make_fix(mount.edits, mount.applicability, title=mount.title)
                yield self.report(kv.key.start, kv.key.end, message, fix=fix)


_QUIET = QuietTexts()  # ARG/ENV instructions that hold no finding


@dataclass(frozen=True)
class _SecretMount:
    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str
    build: str  # the `docker build --secret …` the build needs from now on


def secret_mount_fix(ctx: RuleContext, ins: Instruction, kv) -> _SecretMount | None:
    """The fix that replaces a stage's `ARG NAME` (and an `ENV NAME=$NAME` copying it) with a
    secret mount on the RUNs that see it; None when something else reads the variable or the
    frontend cannot mount secrets."""
    df = ctx.df
    stage = ins.stage
    front = frontend(df)
    if stage is None or ins not in stage.instructions or not front.mounts or stage.windows:
        return None  # a global ARG, an ONBUILD's, a Windows stage
    name = kv.key.value
    args = [(i, p) for i in stage.instructions if i.keyword == "ARG" for p in i.pairs if p.key.value == name]
    envs = [(i, p) for i in stage.instructions if i.keyword == "ENV" for p in i.pairs if p.key.value == name]
    if len(args) != 1 or len(envs) > 1:
        return None
    arg, arg_kv = args[0]
    if arg_kv.value is not None and unquote(arg_kv.value.value, df.escape) != "" or df.global_args.get(name):
        return None  # a default the build relies on when no value is passed (its own or the global ARG's)
    scope_stages = [stage]
    if envs:
        env, env_kv = envs[0]
        if env.index < arg.index or env_kv.value is None \
                or unquote(env_kv.value.value, df.escape) not in (f"${name}", f"${{{name}}}"):
            return None  # an ENV with a value of its own
        scope_stages = _inheriting(df, stage)
        if _reaches_a_container(df, ctx, scope_stages):
            return None  # the running container may read it
    declarations = {arg.index, *(e.index for e, _ in envs)}
    reference = re.compile(r"\$\{?" + re.escape(name) + r"(?![A-Za-z0-9_])")
    word = re.compile(r"(?<![A-Za-z0-9_])" + re.escape(name) + r"(?![A-Za-z0-9_])")
    runs, named = [], []
    for s in scope_stages:
        for i in s.instructions:
            if s is stage and i.index < arg.index:
                continue
            if i.index in declarations:
                if any(p is not arg_kv and not (envs and p is envs[0][1]) and p.value is not None
                       and reference.search(p.value.value) for p in i.pairs):
                    return None  # `ARG TOKEN URL=https://${TOKEN}@host`
                continue
            if i.keyword == "RUN":
                if any(reference.search(f.value or "") for f in i.flags):
                    return None
                if word.search(i.line.text[i.rest_index:]) or any(word.search(h.content) for h in i.heredocs):
                    named.append(i)
                    runs.append(i)
                elif not reads_no_credentials(df, i):
                    runs.append(i)
            elif i.keyword in ("ARG", "ENV") and any(p.key.value == name for p in i.pairs):
                return None  # declared again in a stage built FROM this one
            elif i.keyword == "ONBUILD" and word.search(i.line.text) or reference.search(full_text(i)):
                return None
    if not runs:
        return None  # nothing reads it: not a secret mount's business
    if any(_writes_it_down(df, run, word) for run in named):
        return None  # the secret would still be in a layer, in the file the RUN writes it to
    mounted = named or runs
    ident = secret_id(name)
    edits: list[Edit] = [_delete_pair(df, arg, arg_kv)] + [_delete_pair(df, e, p) for e, p in envs]
    for run in mounted:
        if any(m.options().get("type") == "secret" and (m.options().get("env") == name or m.options().get("id") == ident)
               for m in run.flags_named("mount")):
            continue  # mounted already (the ARG was left behind)
        if front.secret_env:
            edits.append(add_run_flag(run, f"--mount=type=secret,id={ident},env={name}"))
            continue
        # an older frontend: the secret is a file, read into the variable first
        if run.json or run.heredocs or df.script(run) is None:
            return None
        user = user_before(df, run.stage, run)
        if user is None:
            return None
        owner = "" if user in ROOT_USERS else f",uid={user}" if user.isdigit() else ",mode=0444"
        edits.append(add_run_flag(run, f"--mount=type=secret,id={ident}{owner}"))
        edits.append(Edit.insert(run.rest_start, f'export {name}="$(cat /run/secrets/{ident})" && '))
    build = f"docker build --secret id={ident},env={name}"
    what = "`ARG`" + (" and `ENV`" if envs else "")
    count = f"{len(mounted)} RUN" + ("s" if len(mounted) > 1 else "")
    title = f"Pass `{name}` to {count} as a build secret instead of an {what} ({NEEDS_BUILDKIT}; build with `{build}`)"
    # complete when every RUN that sees the variable today still does
    applicability = Applicability.UNSAFE if len(mounted) == len(runs) else Applicability.SUGGESTION
    return _SecretMount(tuple(edits), applicability, title, build)


def _delete_pair(df, ins: Instruction, kv) -> Edit:
    if len(ins.pairs) == 1:
        return delete_instruction(df, ins)
    words = tuple(Word(p.key.value, p.key.start, p.value.end if p.value is not None else p.key.end) for p in ins.pairs)
    return delete_word(words, words[[p is kv for p in ins.pairs].index(True)])


def _inheriting(df, stage) -> list:
    """`stage` and every stage built FROM it, directly or not."""
    out = [stage]
    for s in df.stages[stage.index + 1:]:
        base = s.base_stage
        while base is not None and base is not stage and base.index > stage.index:
            base = base.base_stage
        if base is stage:
            out.append(s)
    return out


def _reaches_a_container(df, ctx: RuleContext, stages: list) -> bool:
    """Whether a container may run from one of `stages` (which hold an ENV): one is a target
    (the last stage, the configured target, a stage nothing uses), or one that no stage builds
    on is not copied from either (a `test` or `dev` stage run by hand)."""
    answer = shipping(df, ctx.settings.target)
    bases = {s.base_stage.index for s in stages if s.base_stage is not None}
    return any(s.index in answer.targets or (s.index not in bases and s.index not in answer.copied_out)
               for s in stages)


# Commands that store what they are given in a configuration file (the user's or the project's).
_CONFIG_WRITERS = {"git": ("config",), "npm": ("config", "set", "login", "adduser"), "yarn": ("config",),
                   "pnpm": ("config", "set"), "pip": ("config",), "pip3": ("config",), "poetry": ("config",),
                   "composer": ("config",), "bundle": ("config",), "cargo": ("login",), "docker": ("login",),
                   "helm": ("registry",), "gh": ("auth",)}
# The files those commands write, and what a redirect usually writes to: deleting one of them in
# the same RUN is the clean-up that keeps the secret out of the layer.
_CONFIG_FILES = frozenset({".gitconfig", ".git-credentials", ".npmrc", ".yarnrc", ".yarnrc.yml", "pip.conf",
                           "auth.json", "config", "credentials", "credentials.toml", "config.json", ".netrc"})
_REDIRECT = lazy_compile(r"[ \t]*\d?>>?[ \t]*([^\s;&|)]+)")


def _writes_it_down(df, run: Instruction, name_word: re.Pattern) -> bool:
    """Whether the RUN writes the variable into a file it does not delete again (`echo
    "…${NPM_TOKEN}" > .npmrc`, `git config --global url."https://${TOKEN}@…"`): a secret mount
    would not keep such a secret out of the layer."""
    script = df.script(run)
    if script is None:
        return False
    written: set[str] = set()
    for cmd in script.commands:
        if cmd.program == "rm":
            written -= {posixpath.basename(w.value.rstrip("/")) for w in cmd.positional()}
            continue
        if not any(name_word.search(w.value) for w in cmd.argv[1:]):
            continue
        redirect = _REDIRECT.match(df.text, cmd.end)
        if redirect:
            written.add(posixpath.basename(redirect.group(1).strip("\"'")))
        elif cmd.program == "sed" and cmd.has_flag("-i", "--in-place") and cmd.positional():
            written.add(posixpath.basename(cmd.positional()[-1].value))  # a template filled in place
        elif cmd.pipes_into is not None and cmd.pipes_into.program == "tee":
            written.update(posixpath.basename(w.value) for w in cmd.pipes_into.positional())
        elif cmd.program in _CONFIG_WRITERS and any(w.value in _CONFIG_WRITERS[cmd.program] for w in cmd.argv[1:3]) \
                or cmd.program == "git" and any(w.value in ("clone", "remote", "submodule") for w in cmd.argv[1:3]):
            # `git clone https://${TOKEN}@github.com/…` keeps the URL in the clone's .git/config
            written.add("config-file")
    if "config-file" in written and any(cmd.program == "rm" and any(
            posixpath.basename(w.value.rstrip("/")) in _CONFIG_FILES for w in cmd.positional())
            for cmd in script.commands):
        written.discard("config-file")
    return bool(written)

