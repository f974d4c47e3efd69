from __future__ import annotations

from ...analysis.shipping import shipping
from ...engine.diagnostic import Applicability, Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..support.dockerignore import append_patterns, copied_findings, ignore_file_name, safe_patterns


def _why_kept(view, df, path: str) -> str | None:
    """Why a fix may not exclude the secret `path` (the build uses it), or None."""
    from ..support.fixguard import build_use, used_by_build
    return used_by_build(path, build_use(df))


class ContextSendsSecrets(Rule):
    """COPY/ADD copies credentials from the build context into the image.

    ## What it does
    Looks for secrets that a COPY/ADD copies because the ignore file does not exclude them.
    Names point at candidates (`.env`, `.env.*`, `*.pem`, `*.key`, `*.crt`, key stores, SSH
    keys, `.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`, `.docker/config.json`,
    kubeconfigs, cloud credential files, `.aws/`, `.ssh/`, `.gnupg/`) and the content decides:
    a private key block, a `.env` with assignments, an `.npmrc` with a literal auth token, AWS
    credentials with `aws_secret_access_key`, a GCP service-account key with `private_key`
    are secrets; a PEM file of `CERTIFICATE` blocks (a CA bundle the application loads), a
    public key, an `.npmrc` of settings, a `credentials/` package of source code are not.
    An empty file is judged by name only when the name is always a secret (`id_rsa`,
    `*.key`). At most a few KB of each candidate is read. A file that a COPY names explicitly
    is left alone (it is copied on purpose; DW218 looks at those).

    Stages: all: a secret copied into a builder stage stays in that stage's layers and the build
    cache, and a `COPY --from` of its folder carries it on. The message says "into the image"
    only when the stage ships, else it names the builder stage.

    ## Why is this bad?
    Every layer of an image can be read by anyone who can pull it: a token in `.npmrc` or a
    key in `.env` copied by `COPY . .` is published with it, even if a later `RUN rm` deletes
    the file. Pass build-time credentials with `RUN --mount=type=secret` instead.

    ## Example
    ```dockerfile
    # the context holds .env and deploy/id_rsa; .dockerignore lists only .git
    COPY . .
    ```

    Use instead:
    ```text
    # .dockerignore
    .git
    .env
    **/id_rsa
    ```

    ## Fix safety
    Unsafe: the fix appends the patterns to the ignore file (creating `.dockerignore` when
    there is none), keeping its content, order and line endings. It computes the files each
    pattern would newly exclude and never writes one that would take out something the build
    uses (a CA bundle beside a key that `*.pem` would also match, a file a RUN names, an
    explicitly copied path) or override an exception you wrote: it writes the exact paths of
    the secrets instead, or offers no fix. A build step might still read one of these files
    (better done with a secret mount).
    """

    code = "DW523"
    name = "context-sends-secrets"
    category = Category.SECURITY
    severity = Severity.WARNING
    needs_context = True
    fix_availability = FixAvailability.SOMETIMES
    message = "COPY copies secrets from the build context into the image"
    fix_title = "Exclude the secrets in the ignore file"

    def check(self, ctx: RuleContext):
        view = ctx.context
        found, _ = copied_findings(view, ctx.df, secrets=True)
        if not found:
            return
        name = ignore_file_name(view)
        src = found[0][1]
        paths = [p for f, _ in found for p in f.paths]
        shown = ", ".join(f"`{p}`" for p in paths[:4]) + (f" and {len(paths) - 4} more" if len(paths) > 4 else "")
        kinds = ", ".join(dict.fromkeys(f.label for f, _ in found))
        why = f"not excluded by {name}" if view.ignore_path else "there is no .dockerignore"
        into = "into the image" if shipping(ctx.df, ctx.settings.target).ships(src.ins.stage) else \
            f"into the {_stage_name(src.ins.stage)} stage (a build can bake them into its output)"
        msg = f"This copies secrets from {view.phrase} {into} ({kinds}): {shown}; {why}"
        fixable = safe_patterns(view, ctx.df, [f for f, _ in found], view.ignore)
        fix = None
        kept = [p for p in paths if not any(p == f.paths[0] or p in f.paths for f in fixable)]
        if kept:
            why = _why_kept(view, ctx.df, kept[0])
            if why:
                msg += f"; no exclusion offered for `{kept[0]}`: {why}"
        if fixable:
            patterns = list(dict.fromkeys(f.pattern for f in fixable))
            fix = self.make_fix([], Applicability.UNSAFE,
                                title=f"Add {', '.join(patterns)} to {name}",
                                other_files=(append_patterns(view, patterns),))
        yield self.report(src.word.start, src.word.end, msg, fix=fix)


def _stage_name(stage) -> str:
    return f"`{stage.name}`" if stage.name else f"#{stage.index}"
