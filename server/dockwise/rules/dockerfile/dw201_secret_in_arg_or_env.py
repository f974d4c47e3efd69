from __future__ import annotations

from dataclasses import replace

from ...dockerfile.variables import unquote
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
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

    ## References
    - BuildKit check SecretsUsedInArgOrEnv
    - https://docs.docker.com/build/building/secrets/
    """

    code = "DW201"
    inputs = Inputs(keywords={"ARG", "ENV"}, scope=Scope.STAGE)
    name = "secret-in-arg-or-env"
    category = Category.SECURITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Potentially sensitive data in `ARG`/`ENV`: it stays readable in the image; use a secret mount"
    buildkit_name = "SecretsUsedInArgOrEnv"

    def check_instruction(self, ins, ctx: RuleContext):
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
                yield self.report(kv.key.start, kv.key.end,
                                  f"`{ins.keyword} {key}` looks like a secret (`{word}`): ARG/ENV values stay "
                                  "readable in the image; use a secret mount")
