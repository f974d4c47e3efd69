import pytest

from dockwise.engine.diagnostic import Applicability
from rule_harness import sound_fix
from rules.context_trees import lint_dockerfile, make_tree

LOCK = 300 * 1024  # a real package-lock.json is hundreds of kilobytes

NODE = ("FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n"
        "COPY . .\nCMD [\"node\", \"server.js\"]\n")
NODE_TREE = {"package.json": "{\"name\": \"shop\"}\n", "package-lock.json": LOCK, "server.js": "require('x')\n"}

CATCHES = [
    (NODE, NODE_TREE),
    # a glob the context resolves; the sources copied again from their folder
    ("FROM node:20-alpine\nWORKDIR /srv/web\nCOPY web/package*.json ./\nRUN npm ci\nCOPY web/ ./\nCMD [\"npm\", \"start\"]\n",
     {"web/package.json": "{}\n", "web/package-lock.json": LOCK}),
    # Go modules in the image that runs the program
    ("FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /bin/app .\n"
     "CMD [\"/bin/app\"]\n", {"go.mod": "module x\n", "go.sum": 90 * 1024, "main.go": "package main\n"}),
    # Poetry, with an ENV between the COPY and its RUN
    ("FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nENV POETRY_VIRTUALENVS_CREATE=false\n"
     "RUN poetry install --no-root --only main\nCOPY . .\nCMD [\"python\", \"-m\", \"app\"]\n",
     {"pyproject.toml": "[tool.poetry]\n", "poetry.lock": 200 * 1024}),
]
PASSES = [
    # a 1 KB requirements file: not worth a finding
    ("FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n",
     {"requirements.txt": "flask==3.0.3\n"}),
    # not copied again: the image keeps them once, and the program may read package.json
    ("FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY src ./src\n", NODE_TREE),
    # a builder stage: its layers are not in the image
    ("FROM node:20 AS build\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n"
     "RUN npm run build\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n", NODE_TREE),
    # a RUN before the second COPY may read them
    ("FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nRUN npm run prepare\n"
     "COPY . .\n", NODE_TREE),
    # a source that is not a manifest
    ("FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json tsconfig.json ./\nRUN npm ci\nCOPY . .\n",
     {**NODE_TREE, "tsconfig.json": "{}\n"}),
    # copied again to another folder
    ("FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . /srv/\n", NODE_TREE),
    # the second COPY leaves the lockfile out
    ("# syntax=docker/dockerfile:1.7-labs\nFROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\n"
     "RUN npm ci\nCOPY --exclude=package-lock.json . .\n", NODE_TREE),
    # the next RUN installs nothing
    ("FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN ls -la\nCOPY . .\n", NODE_TREE),
]


@pytest.mark.parametrize("text,tree", CATCHES)
def test_catches(tmp_path, text, tree):
    assert len(lint_dockerfile("DW301", tmp_path, {"Dockerfile": text, **tree})) == 1


@pytest.mark.parametrize("text,tree", PASSES)
def test_passes(tmp_path, text, tree):
    assert not lint_dockerfile("DW301", tmp_path, {"Dockerfile": text, **tree})


def test_message_and_span(tmp_path):
    (d,) = lint_dockerfile("DW301", tmp_path, {"Dockerfile": NODE, **NODE_TREE})
    assert d.message == ("`package.json`, `package-lock.json` are copied for `npm ci` and again by a later COPY: "
                         "stored twice (300 KiB); bind-mount them instead")
    assert NODE[d.start:d.end] == "package.json package-lock.json"
    (rel,) = d.related
    assert NODE[rel.start:rel.end] == "." and rel.start > NODE.index("COPY . .")


def test_fix_is_a_suggestion_with_one_bind_mount_per_file(tmp_path):
    from dockwise.buildcontext import load_context
    from dockwise.config import Config
    make_tree(tmp_path, {"Dockerfile": NODE, **NODE_TREE})
    view = load_context(tmp_path, tmp_path / "Dockerfile")
    (d,) = lint_dockerfile("DW301", tmp_path, {})
    assert d.fix.applicability is Applicability.SUGGESTION
    out = sound_fix(NODE, str(tmp_path / "Dockerfile"), Config(select=["DW301"], preview=True), unsafe=True,
                    context=view).text
    assert out == NODE  # a suggestion is never applied in bulk
    text = NODE
    for e in reversed(d.fix.edits):
        text = text[:e.start] + e.text + text[e.end:]
    assert text == ("FROM node:20-slim\nWORKDIR /app\n"
                    "RUN --mount=type=bind,source=package.json,target=/app/package.json "
                    "--mount=type=bind,source=package-lock.json,target=/app/package-lock.json npm ci --omit=dev\n"
                    "COPY . .\nCMD [\"node\", \"server.js\"]\n")


def test_glob_resolved_to_files_in_the_fix(tmp_path):
    text = "FROM node:20-alpine\nWORKDIR /srv/web\nCOPY web/package*.json ./\nRUN npm ci\nCOPY web/ ./\n"
    (d,) = lint_dockerfile("DW301", tmp_path, {"Dockerfile": text, "web/package.json": "{}\n",
                                               "web/package-lock.json": LOCK})
    mounts = [e.text for e in d.fix.edits if e.text]
    assert mounts == [" --mount=type=bind,source=web/package-lock.json,target=/srv/web/package-lock.json "
                      "--mount=type=bind,source=web/package.json,target=/srv/web/package.json"]


def test_no_fix_on_a_frontend_without_mounts(tmp_path):
    text = "# syntax=docker/dockerfile:1.1\n" + NODE
    (d,) = lint_dockerfile("DW301", tmp_path, {"Dockerfile": text, **NODE_TREE})
    assert d.fix is None


@pytest.mark.parametrize("install,rw", [
    ("npm ci --omit=dev", False),
    ("npm install", True),
    ("yarn install --frozen-lockfile", False),
    ("yarn", True),
])
def test_an_install_that_may_rewrite_the_lockfile_gets_a_writable_mount(tmp_path, install, rw):
    text = f"FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN {install}\nCOPY . .\n"
    (d,) = lint_dockerfile("DW301", tmp_path, {"Dockerfile": text, **NODE_TREE})
    (mounts,) = [e.text for e in d.fix.edits if e.text]
    assert mounts.count(",rw") == (2 if rw else 0)
