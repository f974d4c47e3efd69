import pytest

from rules.context_trees import lint_ignore, make_tree
from dockwise.buildcontext import load_context
from rule_harness import fixed

# (ignore file, other files in the context)
CATCHES = [
    ("*.pyc\n", {"pkg/a.pyc": "x"}),
    ("__pycache__\n", {"pkg/__pycache__/a.pyc": "x"}),
    ("node_modules\n", {"node_modules/a": "x", "web/node_modules/b": "x"}),
    ("*.log\n", {"logs/app.log": "x"}),
]
PASSES = [
    ("**/*.pyc\n", {"pkg/a.pyc": "x"}),
    ("/node_modules\n", {"web/node_modules/b": "x"}),
    ("*.pyc\n", {"a.pyc": "x"}),
    ("docs\n", {"docs/x": "x", "web/docs/y": "x"}),          # root match, not a junk name
    ("*.pyc\npkg\n", {"pkg/a.pyc": "x"}),                    # nested ones excluded anyway
    ("src/*.pyc\n", {"src/a/b.pyc": "x"}),                   # has a slash: anchored on purpose
]


@pytest.mark.parametrize("ignore,files", CATCHES)
def test_catches(tmp_path, ignore, files):
    found = lint_ignore("DW502", tmp_path, {".dockerignore": ignore, **files})
    assert found and "in this build context" in found[0].message


@pytest.mark.parametrize("ignore,files", PASSES)
def test_passes(tmp_path, ignore, files):
    assert not lint_ignore("DW502", tmp_path, {".dockerignore": ignore, **files})


def test_fix_prefixes_double_star_unsafe(tmp_path):
    make_tree(tmp_path, {".dockerignore": "a\n*.pyc\n", "pkg/m.pyc": "x"})
    view = load_context(tmp_path)
    text = "a\n*.pyc\n"
    assert fixed("DW502", text, path=str(tmp_path / ".dockerignore"), context=view, unsafe=False) == text
    assert fixed("DW502", text, path=str(tmp_path / ".dockerignore"), context=view) == "a\n**/*.pyc\n"


def test_without_context_the_rule_does_not_run(tmp_path):
    from rule_harness import findings
    assert not findings("DW502", "*.pyc\n", path=".dockerignore")


# --- a root-only pattern whose deeper matches are source: a question, never an applied fix ---

QUESTIONS = [
    # Laravel: `storage` at the root is runtime data; app/config/storage holds PHP config
    ("storage\n", {"app/config/storage/disks.php": "<?php", "app/Http/Kernel.php": "<?php"}),
    # Go: `files/` meant the root upload folder; pkg/files is a package
    ("files/\n", {"pkg/files/files.go": "package files", "main.go": "package main"}),
    # minio: root `*.zip` releases, test data deeper
    ("*.zip\n", {"cmd/testdata/xl-meta-merge.zip": "PK"}),
    # a `coverage` Go package is not a coverage report
    ("coverage\n", {"internal/coverage/report.go": "package coverage"}),
]


@pytest.mark.parametrize("ignore,files", QUESTIONS)
def test_deeper_source_makes_it_a_question_with_a_suggestion_only(tmp_path, ignore, files):
    (d,) = lint_ignore("DW502", tmp_path, {".dockerignore": ignore, **files})
    assert d.severity.label == "info" and "?" in d.message
    assert d.fix.applicability.value == "suggestion"
    view = load_context(tmp_path)
    path = str(tmp_path / ".dockerignore")
    assert fixed("DW502", ignore, path=path, context=view) == ignore       # not even with unsafe fixes


def test_deeper_junk_and_secrets_keep_the_warning_and_unsafe_fix(tmp_path):
    key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----\n"
    files = {".dockerignore": "id_ed25519\nnode_modules\n", "deploy/id_ed25519": key,
             "web/node_modules/react/index.js": "x"}
    found = lint_ignore("DW502", tmp_path, files)
    assert [(d.severity.label, d.fix.applicability.value) for d in found] == [("warning", "unsafe")] * 2


def test_an_empty_env_deeper_is_not_a_secret(tmp_path):
    # `.env` at the root holds the developer's settings; `docker/.env` is an empty placeholder
    (d,) = lint_ignore("DW502", tmp_path, {".dockerignore": ".env\n", "docker/.env": "", "app.py": "x"})
    assert d.severity.label == "info" and d.fix.applicability.value == "suggestion"


def _dw502_lines(tree) -> list[int]:
    import json
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "dockwise", "check", "--format", "json", "--exit-zero",
                           "--select", "DW502", str(tree)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return [f["line"] for f in json.loads(done.stdout) if f["path"].endswith(".dockerignore")]


MINIO_LIKE = {
    ".git/HEAD": "ref: refs/heads/master\n",
    ".dockerignore": ".git\n*.gz\n*.zip\nnode_modules\n",
    "cmd/testdata/xl-meta-consist.zip": 100,
    "cmd/testdata/xl.meta-corrupt.gz": 100,
    "cmd/server-main.go": "package cmd\n",
    "main.go": "package main\n",
    "LICENSE": "Apache\n",
}


def test_a_question_no_image_depends_on_is_not_asked(tmp_path):
    """minio: every Dockerfile built from the root copies named files (a release binary picked by
    a build argument, the LICENSE), so whether `cmd/testdata/*.zip` is sent changes no image."""
    from rules.context_trees import make_tree
    make_tree(tmp_path, {**MINIO_LIKE, "Dockerfile.release": (
        "FROM registry.access.redhat.com/ubi9/ubi-micro:latest\nARG TARGETARCH\nARG RELEASE\n"
        "COPY ./minio-${TARGETARCH}.${RELEASE} /usr/bin/minio\nCOPY LICENSE /licenses/LICENSE\n"
        "ENTRYPOINT [\"/usr/bin/minio\"]\n")})
    assert _dw502_lines(tmp_path) == []
    # a Dockerfile of the same context that copies `cmd/` makes the question real
    (tmp_path / "Dockerfile").write_text("FROM golang:1.24\nWORKDIR /src\nCOPY main.go go.mod ./\nCOPY cmd/ cmd/\n"
                                         "RUN go build -o /minio .\n")
    assert _dw502_lines(tmp_path) == [2, 3]


def test_an_ignore_file_no_build_uses_asks_nothing(tmp_path):
    """jupyterhub: a root `.dockerignore` while every Dockerfile lives in an example folder built
    with its own context."""
    from rules.context_trees import make_tree
    make_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n",
                         ".dockerignore": "jupyterhub_cookie_secret\njupyterhub.sqlite\njupyterhub_config.py\n",
                         "testing/jupyterhub_config.py": "c = get_config()\n",
                         "examples/service-fastapi/Dockerfile": "FROM python:3.12\nCOPY app /srv/app\n",
                         "examples/service-fastapi/app/main.py": "app = 1\n"})
    assert _dw502_lines(tmp_path) == []
