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


WORKFLOW = ("on: push\njobs:\n  image:\n    steps:\n      - name: Build\n        uses: docker/build-push-action@v6\n"
            "        with:\n          context: .\n          file: docker/Dockerfile\n")


def test_workflow_context_reaches_the_view_and_names_it(tmp_path):
    _tree(tmp_path, {".git/HEAD": "", ".github/workflows/ci.yml": WORKFLOW,
                     "docker/Dockerfile": "FROM a\nCOPY . /app\n", ".dockerignore": ".git\n"})
    extra = ProjectView(stable=True).for_file(str(tmp_path / "docker/Dockerfile"), "", Config(select=["DW520"]))
    view = extra["context"]
    assert view.root == str(tmp_path) and extra["ignore_path"] == str(tmp_path / ".dockerignore")
    assert view.phrase == "the build context `.` (from .github/workflows/ci.yml, step `Build`)"


def test_undecided_context_gives_no_view(tmp_path):
    other = WORKFLOW.replace("context: .", "context: docker")
    _tree(tmp_path, {".git/HEAD": "", ".github/workflows/a.yml": WORKFLOW, ".github/workflows/b.yml": other,
                     "docker/Dockerfile": "FROM a\nCOPY . /app\n"})
    project = ProjectView()
    df = str(tmp_path / "docker/Dockerfile")
    assert project.for_file(df, "", Config(select=["DW520", "DW522"])) == {}
    assert project.context_dir(df, None) is None


def test_the_editor_view_rereads_changed_build_files(tmp_path):
    _tree(tmp_path, {".git/HEAD": "", "compose.yaml": "services:\n  a:\n    build:\n      context: .\n"
                                                      "      dockerfile: docker/Dockerfile\n",
                     "docker/Dockerfile": "FROM a\n"})
    project = ProjectView()  # not stable: the language server's
    df = str(tmp_path / "docker/Dockerfile")
    assert project.context_choice(df, None).source == "compose"
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    build:\n      context: docker\n")
    os.utime(tmp_path / "compose.yaml", ns=(10**9, 10**9))
    c = project.context_choice(df, None)
    assert (c.source, c.shown) == ("compose", "docker")


def test_the_editor_text_is_the_evidence(tmp_path):
    _tree(tmp_path, {".git/HEAD": "", "docker/Dockerfile": "FROM a\n", "docker/start.sh": ""})
    df = str(tmp_path / "docker/Dockerfile")
    assert ProjectView().context_choice(df, None, "FROM a\nCOPY docker/start.sh /\n").source == "evidence"
    assert ProjectView().context_choice(df, None).source == "folder"


def test_root_ignore_file_concerns_the_dockerfile_built_from_the_root(tmp_path):
    _tree(tmp_path, {".git/HEAD": "", ".github/workflows/ci.yml": WORKFLOW, ".dockerignore": "",
                     "docker/Dockerfile": "FROM a\n"})
    assert dockerfiles_for_ignore(str(tmp_path / ".dockerignore")) == [str(tmp_path / "docker/Dockerfile")]


def test_a_configuration_in_the_home_folder_is_not_the_repository(tmp_path, monkeypatch):
    _tree(tmp_path, {"home/.dockwise.toml": "", "home/elsewhere/compose.yaml":
                     "services:\n  a:\n    build:\n      context: ../proj\n      dockerfile: docker/Dockerfile\n",
                     "home/proj/docker/Dockerfile": "FROM a\n"})
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    cfg = Config(root=str(tmp_path / "home"), source=str(tmp_path / "home/.dockwise.toml"))
    c = ProjectView().context_choice(str(tmp_path / "home/proj/docker/Dockerfile"), cfg)
    assert (c.source, c.repo_root) == ("folder", str(tmp_path / "home/proj/docker"))
    # the same configuration in a project folder makes that folder the repository
    cfg = Config(root=str(tmp_path / "home/elsewhere"), source=str(tmp_path / "home/elsewhere/.dockwise.toml"))
    assert ProjectView().context_choice(str(tmp_path / "home/elsewhere/x/Dockerfile"), cfg).repo_root \
        == str(tmp_path / "home/elsewhere")


def test_kept_listings_go_with_a_file_or_folder_created_or_deleted_in_them(tmp_path):
    from dockwise.project import ProjectView
    _tree(tmp_path, {"Dockerfile": "FROM alpine:3.20\n", "svc/api/Dockerfile": "FROM alpine:3.20\n"})
    project = ProjectView(trees=[str(tmp_path)])
    assert project.dockerfiles_under(str(tmp_path / "svc")) == [str(tmp_path / "svc/api/Dockerfile")]
    _tree(tmp_path, {"svc/web/Dockerfile": "FROM nginx:1.27\n"})
    # nobody reports creations: nothing is kept
    assert len(project.dockerfiles_under(str(tmp_path / "svc"))) == 2
    project.listings_watched = True
    root, svc = project.dockerfiles_under(str(tmp_path)), project.dockerfiles_under(str(tmp_path / "svc"))
    assert (len(root), len(svc)) == (3, 2)
    (tmp_path / "svc/web/Dockerfile").unlink()
    assert len(project.dockerfiles_under(str(tmp_path))) == 3  # kept: nobody said
    project.forget_listings([str(tmp_path / "svc/web/Dockerfile")])
    assert len(project.dockerfiles_under(str(tmp_path))) == 2
    assert len(project.dockerfiles_under(str(tmp_path / "svc"))) == 1
    # a folder holding a kept listing deleted
    project.dockerfiles_under(str(tmp_path / "svc/api"))
    import shutil
    shutil.rmtree(tmp_path / "svc")
    project.forget_listings([str(tmp_path / "svc")])
    assert project.dockerfiles_under(str(tmp_path / "svc/api")) == []
    assert project.dockerfiles_under(str(tmp_path)) == [str(tmp_path / "Dockerfile")]


def _count_folder_lookups(monkeypatch) -> dict:
    """Count the repository-root and walk-refusal look-ups a context choice makes."""
    import dockwise.buildcontext.infer as infer
    import dockwise.project as project
    calls = {"root": 0, "refused": 0}
    real_root, real_refused = infer.find_repo_root, project.refused_walk_root

    def root(*a):
        calls["root"] += 1
        return real_root(*a)

    def refused(*a):
        calls["refused"] += 1
        return real_refused(*a)

    monkeypatch.setattr(infer, "find_repo_root", root)
    monkeypatch.setattr(project, "refused_walk_root", refused)
    return calls


def _service_with_variants(tmp_path):
    _tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", "svc/app.py": "print()\n",
                     "svc/Dockerfile": "FROM python:3.12-slim\nCOPY app.py /app/\n",
                     "svc/Dockerfile.dev": "FROM python:3.12\nCOPY app.py /app/\n",
                     "svc/Dockerfile.test": "FROM python:3.12\nCOPY . /app/\n"})
    return [str(tmp_path / "svc" / n) for n in ("Dockerfile", "Dockerfile.dev", "Dockerfile.test")]


def test_a_stable_view_looks_up_a_folder_once_for_all_its_dockerfiles(tmp_path, monkeypatch):
    dockerfiles = _service_with_variants(tmp_path)
    calls = _count_folder_lookups(monkeypatch)
    view = ProjectView(stable=True, trees=[str(tmp_path)])  # the CLI's view: files do not change
    choices = [view.context_choice(path, None) for path in dockerfiles]
    assert [c.directory for c in choices] == [str(tmp_path / "svc")] * 3
    assert calls == {"root": 1, "refused": 1}
    view.forget()  # a fix wrote a file: look again
    view.context_choice(dockerfiles[0], None)
    assert calls == {"root": 2, "refused": 2}


def test_an_editors_view_looks_up_the_folder_for_every_check(tmp_path, monkeypatch):
    dockerfiles = _service_with_variants(tmp_path)
    calls = _count_folder_lookups(monkeypatch)
    view = ProjectView(trees=[str(tmp_path)])  # the language server's: a .git may appear
    for path in dockerfiles:
        view.context_choice(path, None)
    assert calls == {"root": 3, "refused": 3}
