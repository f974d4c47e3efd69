"""The language server's build context: inferred as the CLI infers it, silent when undecided."""

from types import SimpleNamespace

from dockwise.config import Config
from dockwise.lsp.documents import Document
from dockwise.lsp.service import Service

WORKFLOW = ("on: push\njobs:\n  image:\n    steps:\n      - name: Build\n        uses: docker/build-push-action@v6\n"
            "        with:\n          context: {}\n          file: docker/Dockerfile\n")


def _service(root):
    folder = SimpleNamespace(uri=root.as_uri())
    server = SimpleNamespace(workspace=SimpleNamespace(folders={"w": folder}, root_path=str(root)))
    return Service(server)


def _doc(path, text):
    doc = Document(path.as_uri(), "dockerfile", "")
    doc.set_text(text, 1)
    return doc


def _tree(root, files):
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


def test_workspace_folder_is_the_repository_and_the_view_names_the_context(tmp_path):
    # no .git: the workspace folder is the repository the workflow is looked for in
    _tree(tmp_path, {".github/workflows/ci.yml": WORKFLOW.format("."), ".dockerignore": "*.md\n",
                     "docker/Dockerfile": "FROM a\nCOPY . /app\n"})
    service = _service(tmp_path)
    kw = service.context_for(_doc(tmp_path / "docker/Dockerfile", "FROM a\nCOPY . /app\n"), Config(select=["DW520"]))
    assert kw["context"].root == str(tmp_path) and kw["ignore_path"] == str(tmp_path / ".dockerignore")
    assert kw["context"].phrase == "the build context `.` (from .github/workflows/ci.yml, step `Build`)"


def test_undecided_context_leaves_context_rules_without_a_view(tmp_path):
    _tree(tmp_path, {".github/workflows/a.yml": WORKFLOW.format("."), ".github/workflows/b.yml": WORKFLOW.format("docker"),
                     "docker/Dockerfile": "FROM a\nCOPY . /app\n"})
    service = _service(tmp_path)
    doc = _doc(tmp_path / "docker/Dockerfile", "FROM a\nCOPY . /app\n")
    assert service.context_for(doc, Config(select=["DW520", "DW522"])) == {}
    # the user settles it in the Dockerfile: COPY sources that only exist from the root
    (tmp_path / "docker/app.py").write_text("")
    doc.set_text("FROM a\nCOPY docker/app.py /app/\n", 2)
    kw = service.context_for(doc, Config(select=["DW520"]))
    assert kw["context"].root == str(tmp_path)


def test_an_ignore_file_sees_the_dockerfiles_built_with_it_as_the_editor_holds_them(tmp_path):
    """DW502 asks only about paths a Dockerfile of the context copies: the server hands the
    ignore file's view those Dockerfiles, with the editor's unsaved text."""
    from dockwise.engine.check import check
    _tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", ".dockerignore": "*.zip\n",
                     "cmd/testdata/corpus.zip": "x", "LICENSE": "x",
                     "Dockerfile": "FROM alpine:3.20\nCOPY LICENSE /licenses/\n"})
    service = _service(tmp_path)
    ignore = Document((tmp_path / ".dockerignore").as_uri(), "dockerignore", "")
    ignore.set_text("*.zip\n", 1)
    cfg = Config(select=["DW502"])
    kw = service.context_for(ignore, cfg)
    assert [p for p, _ in kw["context"].builds] == [str(tmp_path / "Dockerfile")]
    assert not [d for d in check("*.zip\n", str(tmp_path / ".dockerignore"), cfg, **kw) if d.code == "DW502"]
    # the Dockerfile open in the editor now copies everything: the question is real
    dockerfile = _doc(tmp_path / "Dockerfile", "FROM alpine:3.20\nCOPY . /src\n")
    service.docs[dockerfile.uri] = dockerfile
    kw = service.context_for(ignore, cfg)
    assert [d.code for d in check("*.zip\n", str(tmp_path / ".dockerignore"), cfg, **kw)] == ["DW502"]


def test_two_ignore_files_in_one_folder_keep_their_own_views(tmp_path):
    """`api.Dockerfile.dockerignore` serves `api.Dockerfile`, `.dockerignore` the others: one
    shared view handed each the other's builds whenever both were open."""
    _tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", ".dockerignore": "*.zip\n",
                     "api.Dockerfile.dockerignore": "*.md\n",
                     "Dockerfile": "FROM alpine:3.20\nCOPY . /src\n",
                     "api.Dockerfile": "FROM alpine:3.20\nCOPY . /api\n"})
    service = _service(tmp_path)
    cfg = Config(select=["DW502"])
    views = {}
    for name, text in ((".dockerignore", "*.zip\n"), ("api.Dockerfile.dockerignore", "*.md\n")):
        doc = Document((tmp_path / name).as_uri(), "dockerignore", "")
        doc.set_text(text, 1)
        views[name] = service.context_for(doc, cfg)["context"]
    general, api = views[".dockerignore"], views["api.Dockerfile.dockerignore"]
    assert general is not api
    assert [p for p, _ in general.builds] == [str(tmp_path / "Dockerfile")]
    assert [p for p, _ in api.builds] == [str(tmp_path / "api.Dockerfile")]
    assert general.ignore_path == str(tmp_path / ".dockerignore")
    assert api.ignore_path == str(tmp_path / "api.Dockerfile.dockerignore")
