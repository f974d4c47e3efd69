"""Names and values that say an `ARG`/`ENV` holds a secret (DW201's heuristic, also asked by
DW222 to tell a credential file from a template that reads a secret variable)."""

from __future__ import annotations

from functools import lru_cache

from ...lazy_regex import lazy_compile

# BuildKit's heuristic: one of these words as a whole word of the key (split at `_`, `-`, `.`).
# dockwise adds `pass` and `passphrase` (`DB_PASS`, `SSH_PASSPHRASE`) and also splits at case
# boundaries (`apiKey`, `dbPassword`), as BuildKit splits only at `_`.
_SECRET_WORDS = frozenset({"apikey", "auth", "credential", "credentials", "key", "password", "pword",
                           "passwd", "secret", "token", "pass", "passphrase"})
# BuildKit allows `public`; dockwise also allows names that hold a reference to a secret,
# not the secret (`*_KEY_FILE`, `*_TOKEN_PATH`), and public key material (`GPG_KEY`).
_ALLOWED_WORDS = frozenset({"public", "pub", "gpg", "pgp", "fingerprint", "file", "path", "dir", "url",
                            "location", "name", "length", "size", "type", "header",
                            # settings about authentication, not credentials (`AUTH_ENABLED`, `AUTH_MODE`)
                            "enabled", "disabled", "enable", "disable", "mode", "method", "provider", "required",
                            "uri", "endpoint", "host", "server", "port", "domain", "realm", "scope", "version",
                            "plugin", "backend", "strategy", "issuer", "audience", "timeout", "ttl", "expiry",
                            "algorithm", "keyring", "keyserver", "format"})
_SPLIT = lazy_compile(r"[^a-z0-9]+")
_CASE_BOUNDARY = lazy_compile(r"(?<=[a-z0-9])(?=[A-Z])")
# Values that are settings, not secrets: a boolean, or an absolute path to where the secret lives.
NOT_A_SECRET_VALUE = lazy_compile(r"(?i)true|false|yes|no|on|off|/[^\s:]*")
# Values that are secrets whatever the key is called.
_SECRET_VALUES = (
    ("an AWS access key id", lazy_compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("a GitHub token", lazy_compile(r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{50,}")),
    ("a GitLab token", lazy_compile(r"\bglpat-[A-Za-z0-9_-]{20}\b")),
    ("a Slack token", lazy_compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}")),
    ("an OpenAI/Anthropic-style API key", lazy_compile(r"\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{32,}")),
    ("a Google API key", lazy_compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("a private key", lazy_compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")),
)


@lru_cache(maxsize=4096)  # the same names (`PATH`, `DEBIAN_FRONTEND`) recur in every file
def secret_key_word(key: str) -> str | None:
    """The word of `key` that says it holds a secret (None when none does, or an allowed word
    says it is public, a reference to a secret, or a setting)."""
    words = [w for w in _SPLIT.split(_CASE_BOUNDARY.sub("_", key).lower()) if w]
    if any(w in _ALLOWED_WORDS for w in words):
        return None
    for k, w in enumerate(words):
        if w == "key" and words[k + 1:k + 2] in (["id"], ["ids"]):
            continue  # `AWS_ACCESS_KEY_ID`, `PGP_KEY_ID`: an identifier; the secret is its own variable
        if w in _SECRET_WORDS:
            return w
    return None


# The shortest text any of _SECRET_VALUES matches (a Slack token: `xoxb-` and 10 more):
# most values (versions, paths, flags) are shorter and need no search.
_SHORTEST_SECRET = 15


def secret_value_kind(value: str) -> str | None:
    if len(value) < _SHORTEST_SECRET:
        return None
    for kind, pattern in _SECRET_VALUES:
        if pattern.search(value):
            return kind
    return None
