"""One file selection (`dockwise.classify`) for the CLI, the language server, the pre-commit hooks
and the VS Code extension: a table of names every one of them must agree on."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from fnmatch import fnmatchcase
from pathlib import Path

import pytest
import yaml

from dockwise.classify import classify, document_kind, globs, lookalike, pre_commit_regex
from dockwise.files import discover
from dockwise.lsp.documents import kind_of

ROOT = Path(__file__).resolve().parents[1]
DF, DI = "dockerfile", "dockerignore"

# name -> kind: what a demanding user expects (see the module docstring of dockwise.classify)
TABLE = {
    # the names builders read, and variants real repositories use
    "Dockerfile": DF, "dockerfile": DF, "Containerfile": DF, "containerfile": DF,
    "Dockerfile.prod": DF, "Dockerfile.dev": DF, "Dockerfile.alpine": DF, "Dockerfile.3.12": DF,
    "Dockerfile.ubuntu22.04": DF, "Dockerfile.example": DF, "Dockerfile-prod": DF, "Dockerfile_gpu": DF,
    "api.Dockerfile": DF, "api-Dockerfile": DF, "web_Dockerfile": DF, "app.dockerfile": DF,
    "dockerfile.dev": DF, "Containerfile.fedora": DF, "Containerfile-rhel9": DF, "app.Containerfile": DF,
    "app.containerfile": DF, "worker-Containerfile": DF, "containerfile.ci": DF,
    # ignore files
    ".dockerignore": DI, "Dockerfile.dockerignore": DI, "api.Dockerfile.dockerignore": DI,
    "Containerfile.dockerignore": DI, ".containerignore": DI,
    # look-alikes: documentation, templates, source code, data, leftovers
    "Dockerfile.md": None, "Dockerfile.MD": None, "Dockerfile.txt": None, "Dockerfile.rst": None,
    "Dockerfile.j2": None, "Dockerfile.jinja2": None, "Dockerfile.template": None, "Dockerfile.tmpl": None,
    "Dockerfile.tpl": None, "Dockerfile.erb": None, "Dockerfile.in": None, "Containerfile.in": None,
    "dockerfile.go": None, "dockerfile.py": None, "dockerfile_test.go": None, "Dockerfile.json": None,
    "Dockerfile.yml": None, "Dockerfile.sh": None, "Dockerfile.orig": None, "Dockerfile.rej": None,
    "Dockerfile.bak": None, "Dockerfile.swp": None, ".Dockerfile.swp": None, "Dockerfile~": None,
    "Dockerfile.prod~": None, "Dockerfile.patch": None,
    # not Dockerfile names at all
    "dockerfile_utils.py": None, "inline_dockerfile": None, "dockerfile-parser": None, "DockerFile": None,
    "Dockerfiles": None, "MyDockerfile": None, ".Dockerfile": DF, "-Dockerfile": DF, "docker-compose.yml": None,
    "README.md": None, ".gitignore": None, ".npmignore": None, "x.containerignore": None, ".dockerignore~": None,
    ".dockerignore.bak": None, "dockerignore": None,
}


@pytest.mark.parametrize("name,kind", sorted(TABLE.items()))
def test_classify_table(name, kind):
    assert classify(name) == kind
    assert classify(f"services/api/{name}") == kind
    assert classify(f"C:\\src\\{name}") == kind


def test_only_the_last_component_counts():
    assert classify("Dockerfile.d/entrypoint.sh") is None
    assert classify("docker/Dockerfile/README.md") is None
    assert classify("Dockerfile.d/Dockerfile") == DF


def test_pre_commit_files_regex_is_generated_and_agrees_with_the_table():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"]: h["files"] for h in hooks} == {"dockwise": pre_commit_regex(), "dockwise-fix": pre_commit_regex()}
    pattern = re.compile(pre_commit_regex())
    disagree = [name for name, kind in TABLE.items()
                for path in (name, f"svc/api/{name}") if bool(pattern.search(path)) != (kind is not None)]
    assert disagree == []
    # a folder named like a Dockerfile selects nothing by itself
    assert not pattern.search("Dockerfile.d/entrypoint.sh")


def test_generated_selection_is_current():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_file_selection.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def _ts_patterns(name: str) -> list[str]:
    text = (ROOT / "vscode-extension" / "src" / "documents.ts").read_text()
    body = re.search(rf"export const {name} = \[(.*?)\] as const;", text, re.S).group(1)
    return re.findall(r"'([^']*)'", body)


def _vscode_glob(pattern: str, name: str) -> bool:
    assert pattern.startswith("**/") and "/" not in pattern[3:] and "[" not in pattern and "{" not in pattern
    return fnmatchcase(name, pattern[3:])


def _vscode_language(name: str) -> str | None:
    """The language id the extension's `languages` contribution gives a file (VS Code's order:
    file names, then name patterns, then extensions ignoring case)."""
    languages = json.loads((ROOT / "vscode-extension" / "package.json").read_text())["contributes"]["languages"]
    for test in (lambda lang: name in lang.get("filenames", ()),
                 lambda lang: any(fnmatchcase(name, p) for p in lang.get("filenamePatterns", ())),
                 lambda lang: any(name.lower().endswith(e.lower()) for e in lang.get("extensions", ()))):
        for lang in languages:
            if test(lang):
                return lang["id"]
    return None


def test_vscode_selector_and_languages_agree_with_the_table():
    patterns = _ts_patterns("DOCKERFILE_PATTERNS") + _ts_patterns("DOCKERIGNORE_PATTERNS")
    assert patterns == [f"**/{g}" for kind in (DF, DI) for g in globs()[kind]]
    missed, linted_wrongly = [], []
    for name, kind in TABLE.items():
        sent = any(_vscode_glob(p, name) for p in patterns)
        language = _vscode_language(name)
        if kind is not None and not sent:
            missed.append(name)  # another extension's language id would hide it from dockwise
        if (sent or language is not None) and kind_of(f"file:///w/{name}", language) != kind:
            linted_wrongly.append((name, language))
    assert missed == [] and linted_wrongly == []


def test_globs_select_every_accepted_name_and_only_dockerfile_shapes():
    for name, kind in TABLE.items():
        matched = [k for k in (DF, DI) if any(fnmatchcase(name, g) for g in globs()[k])]
        if kind is not None:
            assert kind in matched, name
        elif matched:
            assert lookalike(name) or name.endswith(".dockerignore"), name


@pytest.mark.parametrize("name,language,kind", [
    ("Dockerfile.prod", "plaintext", DF),        # the name is conclusive
    ("Dockerfile.md", "dockerfile", None),       # VS Code's `Dockerfile.*` pattern gave it that id
    ("Dockerfile~", "dockerfile", None),
    ("Dockerfile.j2", "jinja", None),
    ("Untitled-1", "dockerfile", DF),            # an untitled buffer in Dockerfile mode
    ("build.txt", "dockerfile", DF),             # a files.associations entry the user wrote
    ("ignore-list", "dockerignore", None),       # saved: the engine would take it for a Dockerfile
    (".npmignore", "ignore", None),              # VS Code's generic `ignore` language
    (".dockerignore", "ignore", DI),
    ("notes.txt", "plaintext", None),
    ("x.containerignore", None, None),
])
def test_document_kind_uses_the_language_id_only_when_the_name_is_not_conclusive(name, language, kind):
    assert document_kind(name, language) == kind
    assert kind_of(f"file:///repo/{name}", language) == kind


def test_untitled_and_encoded_uris():
    assert kind_of("untitled:Untitled-1", "dockerfile") == DF
    assert kind_of("untitled:Untitled-1", "plaintext") is None
    assert kind_of("untitled:Untitled-2", "dockerignore") == DI
    assert kind_of("file:///repo/my%20app/Dockerfile%2Dprod") == DF


def test_cli_walk_uses_the_classifier(tmp_path):
    names = ["Dockerfile", "Dockerfile-prod", "svc/api.Dockerfile", "svc/web_Dockerfile", "docs/Dockerfile.md",
             "templates/Dockerfile.j2", "Dockerfile~", "Dockerfile.orig", "src/dockerfile.go", ".dockerignore",
             "svc/api.Dockerfile.dockerignore", ".devcontainer/Dockerfile", "node_modules/x/Dockerfile",
             "images/production/Containerfile", "podman/Containerfile.in"]
    for rel in names:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("FROM alpine:3.20\n")
    found = {p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)}
    assert found == {"Dockerfile", "Dockerfile-prod", "svc/api.Dockerfile", "svc/web_Dockerfile", ".dockerignore",
                     "svc/api.Dockerfile.dockerignore", ".devcontainer/Dockerfile", "images/production/Containerfile"}
