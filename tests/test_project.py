import os

from dockwise.config import Config
from dockwise.project import ProjectView, dockerfiles_for_ignore, expand_ignore_targets


def _tree(root, files):
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


def test_for_file_gives_a_lazy_context_to_dockerfiles(tmp_path):
    _tree(tmp_path, {"Dockerfile": "FROM a\nCOPY . .\n", ".dockerignore": ".git\n", "a.txt": "x"})
    extra = ProjectView().for_file(str(tmp_path / "Dockerfile"), "", Config(select=["DW520"]))
    view = extra["context"]
    assert not view.walked
    assert extra["ignore_path"] == str(tmp_path / ".dockerignore") and extra["ignore"] is view.ignore
    assert view.root == str(tmp_path) and view.dockerfile_relpath == "Dockerfile"
    assert "a.txt" in view.snapshot.files and view.walked


def test_no_context_when_no_rule_needs_it(tmp_path):
    _tree(tmp_path, {"Dockerfile": "FROM a\n"})
    assert ProjectView().for_file(str(tmp_path / "Dockerfile"), "", Config(select=["DL3042"])) == {}


def test_context_override_and_config_mapping(tmp_path):
    _tree(tmp_path, {"docker/Dockerfile": "FROM a\n", "src/a": "x"})
    df = str(tmp_path / "docker/Dockerfile")
    assert ProjectView(str(tmp_path)).for_file(df, "", Config(select=["DW520"]))["context"].root == str(tmp_path)
    cfg = Config(select=["DW520"], context={"docker/*": "."}, root=str(tmp_path))
    view = ProjectView().for_file(df, "", cfg)["context"]
    assert view.root == os.path.normpath(str(tmp_path)) and view.dockerfile_relpath == "docker/Dockerfile"


def test_compose_build_context(tmp_path):
    _tree(tmp_path, {"compose.yaml": "services:\n  app:\n    build:\n      context: .\n      dockerfile: ops/app.Dockerfile\n",
                     "ops/app.Dockerfile": "FROM a\n"})
    view = ProjectView(trees=[tmp_path]).for_file(str(tmp_path / "ops/app.Dockerfile"), "", Config(select=["DW520"]))["context"]
    assert view.root == str(tmp_path)


def test_dockerignore_gets_its_folder_as_context(tmp_path):
    _tree(tmp_path, {"sub/.dockerignore": "*.pyc\n", "sub/pkg/a.pyc": "x"})
    extra = ProjectView().for_file(str(tmp_path / "sub/.dockerignore"), "", Config(select=["DW502"]))
    assert extra["context"].root == str(tmp_path / "sub")
    assert "ignore" not in extra  # the engine parses the text being checked


def test_dockerfile_specific_ignore_uses_that_dockerfiles_context(tmp_path):
    _tree(tmp_path, {"compose.yaml": "services:\n  a:\n    build:\n      context: ..\n      dockerfile: d/app.Dockerfile\n",
                     "d/app.Dockerfile": "FROM a\n", "d/app.Dockerfile.dockerignore": "x\n"})
    # compose beside the Dockerfile says the context is the parent folder
    (tmp_path / "d/compose.yaml").write_text((tmp_path / "compose.yaml").read_text())
    (tmp_path / "compose.yaml").unlink()
    extra = ProjectView(trees=[tmp_path]).for_file(str(tmp_path / "d/app.Dockerfile.dockerignore"), "", Config(select=["DW502"]))
    assert extra["context"].root == str(tmp_path)


def test_dockerfiles_for_ignore(tmp_path):
    _tree(tmp_path, {".dockerignore": "", "Dockerfile": "FROM a\n", "web.Dockerfile": "FROM a\n",
                     "web.Dockerfile.dockerignore": "", "sub/Dockerfile": "FROM a\n"})
    assert dockerfiles_for_ignore(str(tmp_path / ".dockerignore")) == [str(tmp_path / "Dockerfile")]
    assert dockerfiles_for_ignore(str(tmp_path / "web.Dockerfile.dockerignore")) == [str(tmp_path / "web.Dockerfile")]
    assert dockerfiles_for_ignore(str(tmp_path / "Dockerfile")) == []


def test_expand_ignore_targets_adds_dockerfiles_once(tmp_path):
    _tree(tmp_path, {".dockerignore": "", "Dockerfile": "FROM a\n"})
    ign, df = str(tmp_path / ".dockerignore"), str(tmp_path / "Dockerfile")
    assert expand_ignore_targets([ign]) == [ign, df]
    assert expand_ignore_targets([df, ign]) == [df, ign]
