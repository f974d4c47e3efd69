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
