from __future__ import annotations

import posixpath
import re

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ...lazy_regex import lazy_compile

SECRET_NAMES = lazy_compile(
    r"^(?:\.env(?:\.[\w-]+)?|id_(?:rsa|dsa|ecdsa|ed25519)|\.npmrc|\.pypirc|\.netrc|_netrc|\.git-credentials|"
    r"credentials(?:\.json)?|.*\.(?:pem|key|p12|pfx|jks|keystore)|\.htpasswd)$", re.IGNORECASE)
SECRET_DIRS = (".ssh", ".aws", ".gnupg", ".kube")
# Names that are secrets whatever they hold (an `.env` or `.npmrc` may hold only settings).
UNAMBIGUOUS = lazy_compile(r"^(?:id_(?:rsa|dsa|ecdsa|ed25519)|\.git-credentials|.*\.(?:key|p12|pfx|jks|keystore)|"
                           r"\.docker/config\.json)$", re.IGNORECASE)
# Files that look like secrets but are meant to be public or are templates.
NOT_SECRET = lazy_compile(r"(?:\.example|\.sample|\.template|\.dist|\.defaults?)$|^\.env\.(?:example|sample|template|dist|defaults?)$|\.pub$|"
                          r"^(?:ca|cacert|ca-bundle|ca-certificates|fullchain|chain|cert|public)[\w.-]*\.pem$", re.IGNORECASE)


# `*.key` is also the usual name of public signing keys for package repositories.
PUBLIC_KEY_HINT = lazy_compile(r"gpg|pub|public|signing|release|archive|keyring|repo|\.asc$", re.IGNORECASE)
PUBLIC_KEY_DEST = lazy_compile(r"\.(?:pub|asc|gpg)$|keyrings|/etc/apt/|rpm-gpg|trusted\.gpg", re.IGNORECASE)


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


def _named_like_credentials(source: str) -> bool:
    from ...buildcontext.secrets import secret_by_name
    clean = source.strip("\"'").rstrip("/")
    return bool(clean) and "$" not in clean and "://" not in clean and secret_by_name(clean) is not None


def _context_verdict(view, source: str) -> tuple[bool, str] | None:
    """(is a secret, what) for a COPY source judged by the files it names in the build
    context `view`; None when the context does not hold it (judge by name then)."""
    from ...buildcontext.secrets import classify, secret_by_name
    from ...ignorefile import BadPattern, go_clean
    rel = go_clean(source.strip("\"'")).lstrip("/") or "."
    if rel == "." or rel.startswith(".."):
        return None
    snap = view.snapshot
    if any(c in rel for c in "*?["):
        try:
            matched = snap.matching(rel)
        except BadPattern:
            return None
    else:
        matched = [rel] if snap.exists(rel) else []
    if not matched:
        return None
    files = []
    for m in matched:
        if m in snap.dirs:
            kind = secret_by_name(m, is_dir=True)
            if kind:
                return True, f"`{m.rsplit('/', 1)[-1]}/` ({kind})"
            files.extend(f for f in snap.files if f.startswith(m + "/"))
        elif m in snap.files:
            files.append(m)
    for f in files:
        if secret_by_name(f) is None:
            continue
        verdict = classify(view.root, f)
        if verdict.secret:
            return True, f"`{f.rsplit('/', 1)[-1]}` ({verdict.kind}: {verdict.reason})"
    return False, ""


class SecretFileCopied(Rule):
    """`COPY`/`ADD` puts a secret file (key, `.env`, credentials) into the image.

    ## What it does
    Flags `COPY`/`ADD` sources named like secrets: `.env`, `id_rsa` and other SSH keys,
    `*.pem`, `*.key`, `*.p12`, `.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`, anything under
    `.ssh/`, `.aws/`, `.gnupg/`, `.kube/`, and `.docker/config.json`. Templates
    (`.env.example`), public keys (`*.pub`, `*.key` files named or copied as
    repository signing keys: `repo.gpg.key`, `… /usr/share/keyrings/`) and CA bundles (`ca.pem`, `fullchain.pem`) are not
    flagged, nor is `COPY --from=` (files from another stage).

    With the build context at hand the file itself decides, by content as well as name: a
    PEM file holding only `CERTIFICATE` blocks (often a CA bundle the application loads) or a
    public key is not a secret; a private key block, a `.env` with assignments, an `.npmrc`
    with an auth token, AWS credentials with `aws_secret_access_key`, a GCP service-account
    JSON with a `private_key`, a kubeconfig with a token are. A folder called `credentials`
    full of source code is not. An empty file cannot be judged by content: only names that
    are secrets whatever they hold (`id_rsa`, `*.key`, key stores) count, and the message
    says so. When the source is not in the build context, only such names are reported;
    without any context (checking text alone) the name decides.

    A credential file that a later `RUN` of the stage deletes after using it (`COPY .npmrc`
    … `RUN npm ci && rm .npmrc`) is DW222's (`credential-file-copied-then-deleted`), which
    offers the secret mount; this rule stays silent on such a COPY while DW222 is enabled.

    Stages: all (`ONBUILD` too): a secret copied into a builder stage stays in that stage's
    layers and the build cache, and any `COPY --from` of its folder carries it on.

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
    # the build context's files decide a name like `credentials.json` (not stage-local: the
    # language server's stage memo checks stages without a context)
    uses_context = True
    inputs = Inputs(keywords={"COPY", "ADD"})
    name = "secret-file-copied"
    category = Category.SECURITY
    severity = Severity.ERROR
    message = "{what} looks like a secret and will be stored in the image"

    def check_instruction(self, ins, ctx: RuleContext):
        if ins.flag("from") is not None or ins.heredocs:
            return
        dest = ins.words[-1].value if ins.words else ""
        for w in ins.words[:-1]:
            what = secret_source(w.value)
            if what and what.endswith(".key`") and (PUBLIC_KEY_HINT.search(what) or PUBLIC_KEY_DEST.search(dest)):
                continue  # a repository's public signing key
            if what is None and ctx.context is not None and _named_like_credentials(w.value):
                what = f"`{w.value}`"  # `service-account.json`, `kubeconfig`: the content decides
            if what and ctx.context is not None:
                judged = _context_verdict(ctx.context, w.value)
                if judged is not None:
                    if judged[0]:
                        yield self.report(w.start, w.end, self.message.format(what=judged[1]))
                    continue
                if not UNAMBIGUOUS.match(what.strip("`")) and not what.startswith(("`.ssh", "`.aws", "`.gnupg")):
                    continue  # not in this context: only a name that is always a secret says enough
            if what:
                yield self.report(w.start, w.end, self.message.format(what=what))
