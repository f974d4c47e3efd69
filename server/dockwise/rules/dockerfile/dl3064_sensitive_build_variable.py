from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope

KNOWN_SENSITIVE = frozenset((
    "ACCESS_TOKEN", "APPLICATION_KEY", "APP_SECRET", "AUTH_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
    "CF_PASSWORD", "CF_USERNAME", "CIRCLE_TOKEN", "CI_DEPLOY_PASSWORD", "CI_DEPLOY_USER", "DOCKERHUB_PASSWORD",
    "DOCKER_EMAIL", "DOCKER_PASSWORD", "DOCKER_USERNAME", "FACEBOOK_ACCESS_TOKEN", "FACEBOOK_APP_ID",
    "FACEBOOK_APP_SECRET", "FIREBASE_API_TOKEN", "FIREBASE_TOKEN", "FOSSA_API_KEY", "GH_ENTERPRISE_TOKEN",
    "GH_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GITHUB_TOKEN", "HEROKU_API_KEY", "HEROKU_API_USER", "NPM_AUTH_TOKEN",
    "NPM_TOKEN", "OKTA_AUTHN_GROUPID", "OKTA_CLIENT_ORGURL", "OKTA_CLIENT_TOKEN", "OKTA_OAUTH2_CLIENTID",
    "OKTA_OAUTH2_CLIENTSECRET", "OPENAI_API_KEY", "OS_PASSWORD", "OS_USERNAME", "POSTGRES_PASSWORD",
    "SLACK_TOKEN", "STRIPE_API_KEY", "VAULT_CLIENT_KEY", "VAULT_TOKEN",
))
SUSPICIOUS = ("api_key", "client_key", "password", "private", "secret", "token", "username")


def sensitive(name: str) -> bool:
    return name.upper() in KNOWN_SENSITIVE or any(s in name.lower() for s in SUSPICIOUS)


class SensitiveBuildVariable(Rule):
    """An `ARG` or `ENV` name suggests it carries a secret.

    ## What it does
    Flags `ARG` and `ENV` variables whose names are well-known credentials (`GITHUB_TOKEN`,
    `AWS_SECRET_ACCESS_KEY`…) or contain `password`, `secret`, `token`, `api_key`, `client_key`,
    `private` or `username`.

    Off by default: DW201 is dockwise's secrets check (BuildKit's `SecretsUsedInArgOrEnv`
    heuristic, without user names, paths, `*_FILE` names or public keys), and one variable
    should get one finding. Over dockwise's corpus of real Dockerfiles most of this rule's
    findings were wrong (`ARG USERNAME` in every dev container, `TOKENIZERS_PARALLELISM`,
    `MINIO_SECRET_KEY_FILE`). Select DL3064 (and deselect DW201) for hadolint's exact
    behaviour.

    Stages: all: every `ARG` and `ENV` of the file, global `ARG`s before the first `FROM` too.

    ## Why is this bad?
    ENV values are stored in the image config, and ARG values in the image history: anyone who
    can pull the image can read them.

    ## Example
    ```dockerfile
    ARG NPM_TOKEN
    RUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc && npm ci
    ```

    Use instead:
    ```dockerfile
    RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
    ```

    ## References
    - hadolint DL3064
    """

    code = "DL3064"
    inputs = Inputs(keywords={"ARG", "ENV"}, scope=Scope.STAGE)
    name = "sensitive-build-variable"
    category = Category.SECURITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Potentially sensitive data should not be passed in `ARG` or `ENV`"

    def check_instruction(self, ins, ctx: RuleContext):
        for kv in ins.pairs:
            if sensitive(kv.key.value):
                yield self.report(kv.key.start, kv.key.end,
                                  f"`{kv.key.value}` looks like a secret: do not pass it in `{ins.keyword}`")
                break
