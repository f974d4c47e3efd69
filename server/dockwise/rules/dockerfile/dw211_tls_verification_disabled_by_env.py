from __future__ import annotations

from ...dockerfile.variables import unquote
from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import instructions, runs


def disables_tls(name: str, value: str | None) -> bool:
    """True when setting `name` to `value` turns certificate verification off."""
    if value is None:
        return False
    v = value.strip().lower()
    if name == "GIT_SSL_NO_VERIFY":
        return v not in ("", "0", "false")   # git: any non-empty value disables verification
    if name in ("NODE_TLS_REJECT_UNAUTHORIZED", "PYTHONHTTPSVERIFY"):
        return v == "0"
    if name in ("NPM_CONFIG_STRICT_SSL", "npm_config_strict_ssl", "YARN_STRICT_SSL", "CURL_INSECURE"):
        return v in ("false", "0", "no")
    if name == "PIP_TRUSTED_HOST":
        return bool(v)
    return False


NAMES = ("GIT_SSL_NO_VERIFY", "NODE_TLS_REJECT_UNAUTHORIZED", "PYTHONHTTPSVERIFY", "NPM_CONFIG_STRICT_SSL",
         "npm_config_strict_ssl", "YARN_STRICT_SSL", "PIP_TRUSTED_HOST")


class TlsVerificationDisabledByEnv(Rule):
    """An environment variable turns off TLS certificate verification.

    ## What it does
    Flags `ENV`/`ARG` defaults, and `NAME=value` assignments in `RUN` (`export NAME=…`,
    `env NAME=… cmd`, `NAME=… cmd`), that disable certificate checks: `GIT_SSL_NO_VERIFY`
    (any value), `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`,
    `NPM_CONFIG_STRICT_SSL=false`, `YARN_STRICT_SSL=false`, `PIP_TRUSTED_HOST`.

    Stages: all (global `ARG`s and `ONBUILD RUN` too): a download that skips certificate checks
    in a builder stage can be replaced in transit, and so can everything built from it.

    ## Why is this bad?
    In `ENV` the setting stays in the image: every process of every container started from
    it, not only the build, accepts forged certificates. In `ARG`/`RUN` it still lets a
    man-in-the-middle replace what the build downloads.

    ## Example
    ```dockerfile
    ENV NODE_TLS_REJECT_UNAUTHORIZED=0
    ```

    Use instead:
    ```dockerfile
    COPY corp-ca.pem /usr/local/share/ca-certificates/corp-ca.crt
    ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/corp-ca.crt
    ```

    ## References
    - checkov CKV2_DOCKER_5 (PYTHONHTTPSVERIFY), CKV2_DOCKER_6 (NODE_TLS_REJECT_UNAUTHORIZED),
      CKV2_DOCKER_12 (NPM_CONFIG_STRICT_SSL), CKV2_DOCKER_14 (GIT_SSL_NO_VERIFY),
      CKV2_DOCKER_16 (PIP_TRUSTED_HOST)
    """

    code = "DW211"
    inputs = Inputs(keywords={"ARG", "ENV", "RUN"}, scope=Scope.STAGE)
    name = "tls-verification-disabled-by-env"
    category = Category.SECURITY
    severity = Severity.WARNING
    message = "`{name}={value}` disables TLS certificate verification"

    def check(self, ctx: RuleContext):
        df = ctx.df
        for ins in instructions(df, "ENV", "ARG"):
            for kv in ins.pairs:
                if kv.key.value in NAMES and kv.value is not None:
                    value = unquote(kv.value.value, df.escape)
                    if disables_tls(kv.key.value, value):
                        yield self.report(kv.key.start, kv.value.end,
                                          self.message.format(name=kv.key.value, value=value))
        for ins, script in runs(df):
            text = script.text
            for name in NAMES:
                start = 0
                while True:
                    i = text.find(name + "=", start)
                    if i < 0:
                        break
                    start = i + 1
                    if i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"):
                        continue
                    j = i + len(name) + 1
                    k = j
                    while k < len(text) and not text[k].isspace() and text[k] not in ";&|":
                        k += 1
                    value = unquote(text[j:k], df.escape)
                    if disables_tls(name, value):
                        yield self.report(script.to_source(i), script.end_to_source(k),
                                          self.message.format(name=name, value=value))
