"""When BuildKit's own build checks fire, matched the way BuildKit matches.

dockwise's rules report less than some BuildKit checks on purpose (DW201 lets `GPG_KEY` and
`*_KEY_ID` through), but a `# check=skip=<BuildKit check>` directive is read by `docker build`,
not by dockwise: whether it is needed is BuildKit's question, answered with BuildKit's matching.
"""

from __future__ import annotations

import re

# SecretsUsedInArgOrEnv (frontend/dockerfile/dockerfile2llb): a deny word that is the whole
# key, or a word of it between `_` (case-insensitive), unless an allow word is also one.
# Older releases allow only `public`; newer ones also `file` and `version`. A skip that only
# the older releases need is still needed, so the oldest allow list is used.
_SECRET_DENY = re.compile(r"(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)"
                          r"(?:_|$)")
_SECRET_ALLOW = re.compile(r"(?i)(?:_|^)public(?:_|$)")

SECRETS_USED_IN_ARG_OR_ENV = "secretsusedinargorenv"


def secrets_check_fires(key: str) -> bool:
    """Whether BuildKit's SecretsUsedInArgOrEnv reports an `ARG`/`ENV` named `key`."""
    return bool(_SECRET_DENY.search(key)) and not _SECRET_ALLOW.search(key)
