"""One walk shared by the Dockerfiles of a context whose ignore file excludes them: the same
answer as walking with each one's always-sent exceptions."""

from pathlib import Path

from dockwise.buildcontext.view import ContextView
from dockwise.buildcontext.walk import walk_context
from dockwise.files import discover, is_dockerfile_name
from dockwise.project import ProjectView
from shared_data import SHARED


def _same(view: ContextView) -> None:
    shared = view.snapshot
    full = walk_context(view.root, view.effective_ignore)
    assert shared.files == full.files and shared.dirs == full.dirs and shared.symlinks == full.symlinks
    for path in full.ignored:  # everything the real walk excluded is excluded in the shared one
        assert view.snapshot.status(path).state == "ignored", path


def test_dockerfiles_excluded_by_their_ignore_file(tmp_path):
    files = {".dockerignore": "Dockerfile*\n.dockerignore\n*.md\nbuild/\n", "Dockerfile.api": "FROM a\n",
             "Dockerfile.web": "FROM a\n", "README.md": "x", "src/app.py": "", "build/out.o": "",
             "ops/Dockerfile": "FROM a\n"}
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    project = ProjectView(str(tmp_path), stable=True)
    from dockwise.config import Config
    views = [project.for_file(str(tmp_path / name), "", Config(select=["DW520"]))["context"]
             for name in ("Dockerfile.api", "Dockerfile.web", "ops/Dockerfile")]
    for v in views:
        _same(v)
    api, web = views[0].snapshot, views[1].snapshot
    assert "Dockerfile.api" in api.files and "Dockerfile.api" not in web.files and ".dockerignore" in api.files
    assert api.dirs is web.dirs  # one walk


def test_the_shared_walk_matches_real_walks_over_the_contexts():
    from dockwise.config import Config
    checked = 0
    for repo in sorted(p for p in (SHARED / "contexts").iterdir() if p.is_dir()):
        project = ProjectView(stable=True, trees=[repo])
        here = 0
        for path in discover(Path(repo)):
            if here == 4:  # a few per repository: each costs a full walk
                break
            if not is_dockerfile_name(path.name):
                continue
            extra = project.for_file(str(path), "", Config(select=["DW520"]))
            view = extra.get("context")
            if view is None or view.effective_ignore is view.ignore:
                continue
            _same(view)
            checked += 1
            here += 1
    assert checked >= 10  # dependabot-core, jenkins, … exclude their Dockerfiles
