import pytest

from rules.context_trees import lint_dockerfile

CATCHES = [
    ("COPY . .\n", ".git\n", {".env": "K=1"}),
    ("COPY . .\n", "", {"deploy/id_rsa": "k"}),
    ("COPY config/ /etc/app/\n", ".git\n", {"config/server.pem": "k", "config/app.yml": "x"}),
    ("COPY . .\n", "*.md\n", {".aws/credentials": "k", ".npmrc": "//reg/:_authToken=x"}),
    ("COPY . .\n", None, {".env.production": "k"}),
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
    (d,) = lint_dockerfile("DW523", tmp_path, _files("COPY . .\n", ".git\r\n*.md", {".env": "k", "a/id_rsa": "k"}))
    (fe,) = d.fix.other_files
    assert not fe.create and fe.path == str(tmp_path / ".dockerignore")
    (e,) = fe.edits
    assert (e.start, e.end) == (len(".git\r\n*.md"), len(".git\r\n*.md"))
    assert e.text == "\r\n.env\r\n**/id_rsa\r\n"


def test_fix_never_excludes_an_explicit_copy_source(tmp_path):
    (d,) = lint_dockerfile("DW523", tmp_path, _files("COPY . .\nCOPY certs/ca.pem /etc/\n", "",
                                                      {"certs/ca.pem": "c", "keys/server.pem": "k"}))
    assert "keys/server.pem" in d.message and "certs/ca.pem" not in d.message
    (fe,) = d.fix.other_files  # `**/*.pem` would drop certs/ca.pem: the path itself instead
    assert fe.edits[0].text == "keys/server.pem\n"


def test_fix_respects_user_exception(tmp_path):
    (d,) = lint_dockerfile("DW523", tmp_path, _files("COPY . .\n", "*.pem\n!dev.pem\n", {"dev.pem": "k"}))
    assert d.fix is None
