from __future__ import annotations

import re

from ...dockerfile.variables import unquote
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..helpers import instructions

# BuildKit's heuristic: one of these words as a whole word of the key (split at `_`, `-`, `.`).
_SECRET_WORDS = frozenset({"apikey", "auth", "credential", "credentials", "key", "password", "pword",
                           "passwd", "secret", "token"})
# BuildKit allows `public`; dockwise also allows names that hold a reference to a secret,
# not the secret (`*_KEY_FILE`, `*_TOKEN_PATH`), and public key material (`GPG_KEY`).
_ALLOWED_WORDS = frozenset({"public", "pub", "gpg", "pgp", "fingerprint", "file", "path", "dir", "url",
                            "location", "name", "length", "size", "type", "header"})
_SPLIT = re.compile(r"[^a-z0-9]+")
# Values that are secrets whatever the key is called.
_SECRET_VALUES = (
    ("an AWS access key id", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("a GitHub token", re.compile(r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{50,}")),
    ("a GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_-]{20}\b")),
    ("a Slack token", re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}")),
    ("an OpenAI/Anthropic-style API key", re.compile(r"\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{32,}")),
    ("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("a private key", re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")),
)


def secret_key_word(key: str) -> str | None:
    words = [w for w in _SPLIT.split(key.lower()) if w]
    if any(w in _ALLOWED_WORDS for w in words):
        return None
    return next((w for w in words if w in _SECRET_WORDS), None)


def secret_value_kind(value: str) -> str | None:
    for kind, pattern in _SECRET_VALUES:
        if pattern.search(value):
            return kind
    return None


class SecretInArgOrEnv(Rule):
    """A secret is passed through `ARG` or `ENV`.

    ## What it does
    Off by default: hadolint's DL3064 is the default check for secrets in `ARG`/`ENV`. Select
    this rule (or `SecretsUsedInArgOrEnv`) for BuildKit's exact heuristic plus values that look
    like real credentials.

    Flags `ARG` and `ENV` whose name says it holds a secret, with BuildKit's heuristic:
    one of the words `apikey`, `auth`, `credential(s)`, `key`, `password`, `pword`,
    `passwd`, `secret`, `token` as a whole word of the name, case-insensitively
    (`AWS_SECRET_ACCESS_KEY`, `GITHUB_TOKEN`, `db-password`; not `KEYBOARD`, `TOKENIZER`),
    unless a word is `public` (`STRIPE_PUBLIC_KEY`). dockwise also lets through names
    that point to a secret rather than hold it (`*_FILE`, `*_PATH`, `*_DIR`, `*_URL`,
    `*_NAME`…) and public key material (`GPG_KEY`, `*_FINGERPRINT`, `*_PUB`), which
    BuildKit flags (the official `python` image's `GPG_KEY` is a typical false positive). Also flags any ARG/ENV value that looks
    like a real credential whatever the name: AWS access key ids (`AKIA…`), GitHub
    (`ghp_…`), GitLab, Slack, Google API keys, OpenAI-style `sk-…` keys, and private key
    headers. A value found this way is an error: it is already leaked in the Dockerfile.

    hadolint (2.12) has no rule for this; BuildKit's check is `SecretsUsedInArgOrEnv`.

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
    stage_local = True
    reads = frozenset()
    name = "secret-in-arg-or-env"
    category = Category.SECURITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Potentially sensitive data in `ARG`/`ENV`: it stays readable in the image; use a secret mount"
    buildkit_name = "SecretsUsedInArgOrEnv"
    # hadolint's DL3064 is the default secrets check; this one follows BuildKit's heuristic and
    # adds credential-shaped values. Off by default so the two do not report the same line twice.
    default_enabled = False

    def check(self, ctx: RuleContext):
        df = ctx.df
        for ins in instructions(df, "ARG", "ENV"):
            for kv in ins.pairs:
                key = kv.key.value
                if kv.value is not None:
                    kind = secret_value_kind(unquote(kv.value.value, df.escape))
                    if kind:
                        d = self.report(kv.value.start, kv.value.end,
                                        f"`{ins.keyword} {key}` holds what looks like {kind}: it is leaked in the "
                                        "Dockerfile and readable in the image; revoke it and use a secret mount")
                        d.severity = Severity.ERROR
                        yield d
                        continue
                word = secret_key_word(key)
                if word:
                    yield self.report(kv.key.start, kv.key.end,
                                      f"`{ins.keyword} {key}` looks like a secret (`{word}`): ARG/ENV values stay "
                                      "readable in the image; use a secret mount")
