from __future__ import annotations

import posixpath
import re

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Rule, RuleContext
from ..helpers import instructions

SECRET_NAMES = re.compile(
    r"^(?:\.env(?:\.[\w-]+)?|id_(?:rsa|dsa|ecdsa|ed25519)|\.npmrc|\.pypirc|\.netrc|_netrc|\.git-credentials|"
    r"credentials(?:\.json)?|.*\.(?:pem|key|p12|pfx|jks|keystore)|\.htpasswd)$", re.IGNORECASE)
SECRET_DIRS = (".ssh", ".aws", ".gnupg", ".kube")
# Files that look like secrets but are meant to be public or are templates.
NOT_SECRET = re.compile(r"(?:\.example|\.sample|\.template|\.dist|\.defaults?)$|^\.env\.(?:example|sample|template|dist|defaults?)$|\.pub$|"
                        r"^(?:ca|cacert|ca-bundle|ca-certificates|fullchain|chain|cert|public)[\w.-]*\.pem$", re.IGNORECASE)


# `*.key` is also the usual name of public signing keys for package repositories.
PUBLIC_KEY_HINT = re.compile(r"gpg|pub|public|signing|release|archive|keyring|repo|\.asc$", re.IGNORECASE)
PUBLIC_KEY_DEST = re.compile(r"\.(?:pub|asc|gpg)$|keyrings|/etc/apt/|rpm-gpg|trusted\.gpg", re.IGNORECASE)


def secret_source(path: str) -> str | None:
    """Why `path` looks like a secret file, or None."""
    clean = path.strip("\"'").rstrip("/")
    if not clean or "$" in clean or clean.startswith(("http://", "https://")):
        return None
    parts = [p for p in clean.split("/") if p not in ("", ".")]
    if not parts:
        return None
    for d in SECRET_DIRS:
        if d in parts:
            return f"`{d}/`"
    base = parts[-1]
    if posixpath.join(*parts[-2:]) == ".docker/config.json":
        return "`.docker/config.json`"
    if NOT_SECRET.search(base):
        return None
    if SECRET_NAMES.match(base):
        return f"`{base}`"
    return None


class SecretFileCopied(Rule):
    """`COPY`/`ADD` puts a secret file (key, `.env`, credentials) into the image.

    ## What it does
    Flags `COPY`/`ADD` sources named like secrets: `.env`, `id_rsa` and other SSH keys,
    `*.pem`, `*.key`, `*.p12`, `.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`, anything under
    `.ssh/`, `.aws/`, `.gnupg/`, `.kube/`, and `.docker/config.json`. Templates
    (`.env.example`), public keys (`*.pub`, `*.key` files named or copied as
    repository signing keys: `repo.gpg.key`, `… /usr/share/keyrings/`) and CA bundles (`ca.pem`, `fullchain.pem`) are not
    flagged, nor is `COPY --from=` (files from another stage).

    ## Why is this bad?
    Every layer is readable by anyone who can pull the image; deleting the file later does not
    remove it from the earlier layer. Use a build secret for build time
    (`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`) and mount or inject secrets
    at run time.

    ## Example
    ```dockerfile
    COPY .npmrc /root/.npmrc
    RUN npm ci
    ```

    Use instead:
    ```dockerfile
    RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    ```

    ## References
    - trivy DS031 (AVD-DS-0031, secrets passed via build-args, envs or copied files)
    """

    code = "DW218"
    stage_local = True
    reads = frozenset({"COPY", "ADD"})
    name = "secret-file-copied"
    category = Category.SECURITY
    severity = Severity.ERROR
    message = "{what} looks like a secret and will be stored in the image"

    def check(self, ctx: RuleContext):
        for ins in instructions(ctx.df, "COPY", "ADD"):
            if ins.flag("from") is not None or ins.heredocs:
                continue
            dest = ins.words[-1].value if ins.words else ""
            for w in ins.words[:-1]:
                what = secret_source(w.value)
                if what and what.endswith(".key`") and (PUBLIC_KEY_HINT.search(what) or PUBLIC_KEY_DEST.search(dest)):
                    continue  # a repository's public signing key
                if what:
                    yield self.report(w.start, w.end, self.message.format(what=what))
