import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a\nCOPY .env /app/\n',
    'FROM a\nCOPY id_rsa /root/.ssh/\n',
    'FROM a\nCOPY server.key /etc/ssl/\n',
    'FROM a\nCOPY .npmrc .\n',
    'FROM a\nADD .aws/credentials /root/.aws/\n',
    'FROM a\nCOPY .docker/config.json /root/.docker/\n',
    'FROM a\nCOPY certs/tls.pem /x\n',
    'FROM a\nCOPY .ssh /root/.ssh\n',
]
PASSES = [
    'FROM a\nCOPY .env.example /app/\n',
    'FROM a\nCOPY id_rsa.pub /root/.ssh/\n',
    'FROM a\nCOPY ca.pem /etc/ssl/\n',
    'FROM a\nCOPY --from=build /app/.env /x\n',
    'FROM a\nCOPY repo.gpg.key /usr/share/keyrings/\n',
    'FROM a\nCOPY jenkins.key /war/key.pub\n',
    'FROM a\nCOPY app.py /app/\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW218', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW218', text)


# --- with the build context: the file's content decides ------------------------------------

from rules.context_trees import lint_dockerfile  # noqa: E402

CERT = ("-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n"
        "-----END CERTIFICATE-----\n")
PRIVATE = "-----BEGIN PRIVATE KEY-----\nMIIG/QIBADANBgkqhkiG9w0BAQEFAASCBucwggbjAgEAAoIBgQDFoKw132Ojd2Zt\n" \
          "-----END PRIVATE KEY-----\n"
GCP = ('{\n  "type": "service_account",\n  "project_id": "shop-prod",\n  "private_key_id": "3f1c",\n'
       '  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0B\\n-----END PRIVATE KEY-----\\n"\n}\n')

CONTEXT_CATCHES = [
    # (Dockerfile body, context files, what the message says)
    ("COPY certs/tls.crt certs/tls.key /opt/selenium/secrets/\n",
     {"certs/tls.crt": CERT, "certs/tls.key": PRIVATE}, "holds a private key block"),
    ("COPY config/corp.pem /etc/ssl/private/\n", {"config/corp.pem": CERT + PRIVATE}, "private key"),
    ("COPY .env /app/.env\n", {".env": "# local settings\nDATABASE_URL=postgres://app:s3cret@db/app\n"},
     "assigns `DATABASE_URL`"),
    ("COPY service-account.json /secrets/\n", {"service-account.json": GCP}, "GCP service-account key"),
    ("COPY .npmrc /root/.npmrc\n", {".npmrc": "//registry.npmjs.org/:_authToken=npm_8f2b\n"}, "auth token"),
    ("COPY aws/credentials /root/.aws/credentials\n",
     {"aws/credentials": "[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = wJalrX\n"},
     "AWS credentials"),
    ("COPY deploy/id_ed25519 /root/.ssh/\n", {"deploy/id_ed25519": ""}, "judged by its name only"),
    ("COPY kubeconfig /root/.kube/config\n",
     {"kubeconfig": "apiVersion: v1\nusers:\n- name: ci\n  user:\n    token: eyJhbGciOi\n"}, "token"),
]
CONTEXT_PASSES = [
    # a CA bundle the application loads (certificates only)
    ("COPY certs/corp-root.pem /usr/local/share/ca-certificates/corp-root.crt\n", {"certs/corp-root.pem": CERT}),
    ("COPY certs/ /etc/app/certs/\n", {"certs/server.crt": CERT, "certs/chain.pem": CERT + CERT}),
    # a package named `credentials`, full of source code
    ("COPY credentials/ /app/credentials/\n", {"credentials/__init__.py": "", "credentials/store.py": "x"}),
    # settings only: no token, or one read from the environment at install time
    ("COPY .npmrc .\n", {".npmrc": "legacy-peer-deps=true\nregistry=https://registry.npmjs.org/\n"}),
    ("COPY .npmrc .\n", {".npmrc": "//npm.pkg.github.com/:_authToken=${NPM_TOKEN}\n"}),
    ("COPY .env /app/\n", {".env": "# filled in by the deploy job\n"}),
    # Vite reads .env at build time; its VITE_ variables are public by design
    ("COPY .env package.json /app/\n", {".env": "VITE_API_URL=https://api.example.com\n", "package.json": "{}"}),
    # an empty placeholder whose name does not say "secret" on its own
    ("COPY config/server.pem /etc/app/\n", {"config/server.pem": ""}),
    ("COPY .npmrc package.json /app/\n", {".npmrc": "", "package.json": "{}"}),
    # a public key
    ("COPY keys/release.pem /etc/app/\n", {"keys/release.pem": "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n"}),
]


@pytest.mark.parametrize("body,files,why", CONTEXT_CATCHES)
def test_catches_by_content(tmp_path, body, files, why):
    found = lint_dockerfile("DW218", tmp_path, {"Dockerfile": "FROM debian:12-slim\n" + body, **files})
    assert found and why in found[0].message


@pytest.mark.parametrize("body,files", CONTEXT_PASSES)
def test_passes_by_content(tmp_path, body, files):
    assert not lint_dockerfile("DW218", tmp_path, {"Dockerfile": "FROM debian:12-slim\n" + body, **files})


def test_missing_source_with_ambiguous_name_is_not_reported(tmp_path):
    # uptime-kuma's docker/dockerfile copies `.npmrc` from the repository root: when the
    # context at hand does not hold it, only names that are always secrets are reported.
    text = "FROM node:20\nCOPY .npmrc .npmrc\nCOPY id_rsa /root/.ssh/id_rsa\n"
    found = lint_dockerfile("DW218", tmp_path, {"Dockerfile": text})
    assert [d.message.split()[0] for d in found] == ["`id_rsa`"]
