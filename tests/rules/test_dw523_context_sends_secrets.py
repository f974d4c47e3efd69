import pytest

from rules.context_trees import lint_dockerfile

KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n" \
      "-----END RSA PRIVATE KEY-----\n"
CERT = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n" \
       "-----END CERTIFICATE-----\n"

CATCHES = [
    ("COPY . .\n", ".git\n", {".env": "SECRET_KEY=dev-7f3a\n"}),
    ("COPY . .\n", "", {"deploy/id_rsa": ""}),            # empty: the name alone says it
    ("COPY config/ /etc/app/\n", ".git\n", {"config/server.pem": KEY, "config/app.yml": "x"}),
    ("COPY . .\n", "*.md\n", {".aws/credentials": "k", ".npmrc": "//reg/:_authToken=x"}),
    ("COPY . .\n", None, {".env.production": "SECRET_KEY_BASE=9f8e7d\n"}),
]
PASSES = [
    ("COPY . .\n", ".env\n", {".env": "K=1"}),
    ("COPY . .\n", "", {".env.example": "K="}),
    ("COPY src/ /app\n", "", {".env": "K=1", "src/a.py": "x"}),
    ("COPY certs/server.pem /etc/ssl/\n", "", {"certs/server.pem": "k"}),   # named on purpose
    ("COPY --from=b . .\n", "", {".env": "k"}),
]


def _files(copy, ignore, files):
    out = {"Dockerfile": "FROM a\n" + copy, **files}
    if ignore is not None:
        out[".dockerignore"] = ignore
    return out


@pytest.mark.parametrize("copy,ignore,files", CATCHES)
def test_catches(tmp_path, copy, ignore, files):
    (d,) = lint_dockerfile("DW523", tmp_path, _files(copy, ignore, files))
    assert d.severity.label == "warning"


@pytest.mark.parametrize("copy,ignore,files", PASSES)
def test_passes(tmp_path, copy, ignore, files):
    assert not lint_dockerfile("DW523", tmp_path, _files(copy, ignore, files))


def test_fix_appends_keeping_crlf_and_order(tmp_path):
    (d,) = lint_dockerfile("DW523", tmp_path, _files("COPY . .\n", ".git\r\n*.md", {".env": "DB_PASSWORD=postgres\n", "a/id_rsa": KEY}))
    (fe,) = d.fix.other_files
    assert not fe.create and fe.path == str(tmp_path / ".dockerignore")
    (e,) = fe.edits
    assert (e.start, e.end) == (len(".git\r\n*.md"), len(".git\r\n*.md"))
    assert e.text == "\r\n.env\r\n**/id_rsa\r\n"


def test_fix_never_excludes_an_explicit_copy_source(tmp_path):
    (d,) = lint_dockerfile("DW523", tmp_path, _files("COPY . .\nCOPY certs/ca.pem /etc/\n", "",
                                                      {"certs/ca.pem": CERT, "keys/server.pem": KEY}))
    assert "keys/server.pem" in d.message and "certs/ca.pem" not in d.message
    (fe,) = d.fix.other_files  # `*.pem` would drop certs/ca.pem: the path itself instead
    assert fe.edits[0].text == "keys/server.pem\n"


def test_fix_respects_user_exception(tmp_path):
    (d,) = lint_dockerfile("DW523", tmp_path, _files("COPY . .\n", "*.pem\n!dev.pem\n", {"dev.pem": KEY}))
    assert d.fix is None


# --- decided by content, fixes that keep what the build uses ---------------------------------

PASSES_BY_CONTENT = [
    # fastapi template: frontend/.env holds the settings the Vite build reads
    ("COPY ./frontend /app/frontend\n", "", {"frontend/.env": "VITE_API_URL=http://localhost:8000\n"}),
    # a CA bundle the application loads is public material
    ("COPY . .\n", "", {"certs/ca-bundle.pem": CERT + CERT, "app.py": "x"}),
    # a Python package called `credentials`
    ("COPY . .\n", "", {"src/credentials/__init__.py": "", "src/credentials/vault.py": "x"}),
    # empty placeholders whose names are not secrets on their own
    ("COPY . .\n", "", {".env": "", "config/server.pem": "", ".npmrc": ""}),
    # npm settings without a token
    ("COPY . .\n", "", {"src-ui/.npmrc": "legacy-peer-deps=true\n"}),
]


@pytest.mark.parametrize("copy,ignore,files", PASSES_BY_CONTENT)
def test_passes_by_content(tmp_path, copy, ignore, files):
    assert not lint_dockerfile("DW523", tmp_path, _files(copy, ignore, files))


def test_private_key_beside_a_ca_bundle_gets_its_exact_path(tmp_path):
    # `*.pem` would take the CA bundle the app loads out of `COPY . .`
    files = {"ca.pem": CERT, "server.pem": KEY, "app/main.go": "x"}
    (d,) = lint_dockerfile("DW523", tmp_path, _files("COPY . .\n", ".git\n", files))
    assert "`server.pem`" in d.message and "ca.pem" not in d.message
    assert d.fix.other_files[0].edits[0].text == "/server.pem\n"


def test_secret_the_build_reads_gets_no_applied_fix(tmp_path):
    # `RUN ./scripts/load.sh .env.build`: excluding the file would break the RUN
    files = {".env.build": "REGISTRY_TOKEN=abc\n", "scripts/load.sh": "x"}
    (d,) = lint_dockerfile("DW523", tmp_path, _files("COPY . .\nRUN sh scripts/load.sh .env.build\n", "", files))
    assert d.fix is None and "the Dockerfile refers to `.env.build`" in d.message


# the same frontend, built in a stage whose output only the nginx image takes
def test_a_secret_copied_into_a_builder_stage_names_the_stage(tmp_path):
    from rules.context_trees import lint_dockerfile
    files = {"Dockerfile": "FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n"
                           "FROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
             ".dockerignore": "node_modules\n", "package.json": '{"dependencies": {"vue": "^3.4.0"}}',
             ".env": "DB_PASSWORD=s3cr3t-Value-91\n"}
    (d,) = lint_dockerfile("DW523", tmp_path, files)
    assert "into the `build` stage" in d.message and "into the image" not in d.message
    shipped = dict(files, Dockerfile="FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n")
    (d,) = lint_dockerfile("DW523", tmp_path / "shipped", shipped)
    assert "into the image" in d.message
