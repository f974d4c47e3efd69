import json
import os
import subprocess
import sys
from types import SimpleNamespace

from dockwise.context_cli import run_context


def _tree(root, files):
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, int):
            p.write_bytes(b"\0" * content)
        else:
            p.write_text(content)
    return root


def _args(directory, file=None, fmt="text", lst=False):
    return SimpleNamespace(directory=str(directory), file=file, format=fmt, list=lst)


TREE = {"Dockerfile": "FROM a\nCOPY src/ /app\n", ".dockerignore": "*.md\n", "README.md": "x",
        "src/main.py": 10, "web/node_modules/x/i.js": 5000, ".git/HEAD": 40}


def test_json_report(tmp_path, capsys):
    _tree(tmp_path, TREE)
    assert run_context(_args(tmp_path, fmt="json")) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["ignore_file"] == str(tmp_path / ".dockerignore")
    assert r["files_sent"] == 5 and r["bytes_sent"] == len(TREE["Dockerfile"]) + 5 + 10 + 5000 + 40
    assert r["largest_dirs"][0] == {"path": "web/", "files": 1, "bytes": 5000}
    assert r["unused"]["files"] == 2 and ".git/HEAD" in r["unused"]["paths"]
    saved = {s["pattern"]: s["bytes"] for s in r["suggestions"]}
    assert saved["**/node_modules"] == 5000 and saved[".git"] == 40


def test_copy_everything_uses_everything(tmp_path, capsys):
    _tree(tmp_path, {**TREE, "Dockerfile": "FROM a\nCOPY . .\n"})
    run_context(_args(tmp_path, fmt="json"))
    assert json.loads(capsys.readouterr().out)["unused"] is None


def test_list_prints_sent_paths(tmp_path, capsys):
    _tree(tmp_path, TREE)
    assert run_context(_args(tmp_path, lst=True)) == 0
    assert capsys.readouterr().out.splitlines() == [".dockerignore", ".git/HEAD", "Dockerfile", "src/main.py",
                                                    "web/node_modules/x/i.js"]


def test_dockerfile_option_selects_its_ignore_file(tmp_path, capsys):
    _tree(tmp_path, {**TREE, "app.Dockerfile": "FROM a\n", "app.Dockerfile.dockerignore": "web\n"})
    run_context(_args(tmp_path, file="app.Dockerfile", lst=True))
    out = capsys.readouterr().out.splitlines()
    assert "web/node_modules/x/i.js" not in out and "README.md" in out and "app.Dockerfile" in out


def test_errors_exit_2(tmp_path, capsys):
    assert run_context(_args(tmp_path / "missing")) == 2
    assert "no such directory" in capsys.readouterr().err
    assert run_context(_args(tmp_path)) == 2
    err = capsys.readouterr().err
    assert "no such Dockerfile" in err and len(err.strip().splitlines()) == 1


def test_text_report_via_subprocess(tmp_path):
    _tree(tmp_path, TREE)
    env = {**os.environ, "NO_COLOR": "1"}
    p = subprocess.run([sys.executable, "-m", "dockwise", "context", str(tmp_path)], capture_output=True,
                       text=True, env=env)
    assert p.returncode == 0, p.stderr
    assert "Sent:          5 files" in p.stdout and "**/node_modules" in p.stdout
    p = subprocess.run([sys.executable, "-m", "dockwise", "context", str(tmp_path / "nope")], capture_output=True,
                       text=True, env=env)
    assert p.returncode == 2 and "no such directory" in p.stderr


def _args2(directory=None, file=None, fmt="text", lst=False, context=None):
    return SimpleNamespace(directory=None if directory is None else str(directory), file=file, format=fmt,
                           list=lst, context=context)


REPO = {".git/HEAD": "", "docker/Dockerfile": "FROM a\nCOPY docker/start.sh /\n", "docker/start.sh": "x",
        "package.json": '{"scripts": {"image": "docker build -f docker/Dockerfile -t app ."}}', ".dockerignore": "*.md\n"}


def test_inferred_context_and_where_it_came_from(tmp_path, capsys):
    _tree(tmp_path, REPO)
    assert run_context(_args2(file=str(tmp_path / "docker/Dockerfile"), fmt="json")) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["root"] == str(tmp_path) and r["ignore_file"] == str(tmp_path / ".dockerignore")
    assert r["context"]["source"] == "script" and r["context"]["where"] == "package.json, script `image`"
    assert run_context(_args2(file=str(tmp_path / "docker/Dockerfile"))) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Build context: {tmp_path}\n  chosen by:   build script: package.json, script `image`\n")


def test_directory_with_file_is_the_context_like_docker_build(tmp_path, capsys):
    _tree(tmp_path, REPO)
    assert run_context(_args2(tmp_path / "docker", file="Dockerfile", fmt="json")) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["root"] == str(tmp_path / "docker") and r["context"]["source"] == "cli"
    assert run_context(_args2(file=str(tmp_path / "docker/Dockerfile"), fmt="json", context=str(tmp_path / "docker"))) == 0
    assert json.loads(capsys.readouterr().out)["root"] == str(tmp_path / "docker")


def test_undecided_context_is_explained(tmp_path, capsys):
    wf = ("on: push\njobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n"
          "          context: {}\n          file: docker/Dockerfile\n")
    _tree(tmp_path, {".git/HEAD": "", ".github/workflows/a.yml": wf.format("."),
                     ".github/workflows/b.yml": wf.format("docker"), "docker/Dockerfile": "FROM a\nCOPY . /\n"})
    assert run_context(_args2(tmp_path / "docker")) == 2
    out = capsys.readouterr().out
    assert out.startswith("Build context: undecided for")
    assert "candidate:   `.` (.github/workflows/a.yml line 5)" in out
    assert "candidate:   `docker` (.github/workflows/b.yml line 5)" in out and "--context" in out
    assert run_context(_args2(tmp_path / "docker", fmt="json")) == 2
    r = json.loads(capsys.readouterr().out)
    assert r["root"] is None and r["context"]["source"] == "undecided" and len(r["context"]["candidates"]) == 2
