"""Which files dockwise checks, and as what: the one definition used by the CLI's directory walk,
the language server (opened documents, workspace scan, watched files), the pre-commit hooks
(their `files` regex is generated from here) and the VS Code extension (a test holds its
patterns to this module).

A name is a Dockerfile when it is, or starts or ends with, one of the names builders look for:
`Dockerfile` or Podman's `Containerfile`, joined by `.`, `-` or `_`; or their lowercase forms
(`docker build` falls back to `dockerfile`) joined by `.` only, as a lowercase word joined by
`-` or `_` is an identifier in code and tests (`dockerfile_test`, `inline_dockerfile`):

    Dockerfile  Dockerfile.prod  Dockerfile-prod  Dockerfile_gpu  api.Dockerfile  api-Dockerfile
    web_Dockerfile  dockerfile  dockerfile.dev  app.dockerfile  Containerfile.fedora  app.containerfile

unless its last extension says it is something else: documentation (`Dockerfile.md`), a
template that only becomes a Dockerfile once rendered (`Dockerfile.j2`, `Dockerfile.template`,
Podman's CPP-preprocessed `Containerfile.in`), source code (`dockerfile.go`, `dockerfile.py`),
data (`Dockerfile.json`), an editor or merge leftover (`Dockerfile.orig`, `.rej`, `.swp`,
`Dockerfile~`). Other spellings (`DockerFile`, `DOCKERFILE`) are not names any builder reads.

An ignore file is `.dockerignore`, `<Dockerfile>.dockerignore` (BuildKit reads it next to the
Dockerfile it belongs to) or Podman's `.containerignore`. No builder reads a
`<Containerfile>.containerignore`, so that name is not one.
"""

from __future__ import annotations

import re

DOCKERFILE = "dockerfile"
DOCKERIGNORE = "dockerignore"

# Each name builders look for, with the separators that may join it to the rest of a name.
DOCKERFILE_STEMS = {"Dockerfile": ".-_", "Containerfile": ".-_", "dockerfile": ".", "containerfile": "."}
IGNORE_NAMES = (".dockerignore", ".containerignore")
IGNORE_SUFFIX = ".dockerignore"  # BuildKit: `<Dockerfile path>.dockerignore`

# The last extension of a Dockerfile-shaped name that makes it something else (compared
# ignoring case). `Dockerfile.prod`, `Dockerfile.alpine`, `Dockerfile.3.12` stay Dockerfiles.
NOT_DOCKERFILE_EXTENSIONS = frozenset({
    # documentation and text
    "md", "markdown", "txt", "rst", "adoc", "html", "htm", "pdf",
    # templates (rendered into a Dockerfile by another tool; not valid as they stand)
    "j2", "jinja", "jinja2", "tmpl", "tpl", "template", "gotmpl", "erb", "mustache", "hbs", "ejs",
    "njk", "m4", "in",
    # source code and scripts
    "go", "py", "pyc", "rs", "js", "mjs", "cjs", "ts", "java", "kt", "rb", "php", "c", "h", "cc",
    "cpp", "cs", "sh", "bash", "ps1", "bat", "cmd", "pl", "lua", "swift", "scala", "hs",
    # data and configuration
    "json", "yml", "yaml", "toml", "xml", "ini", "cfg", "conf", "lock", "csv",
    # editor, patch and merge leftovers
    "orig", "rej", "bak", "swp", "swo", "tmp", "old", "patch", "diff",
    # an ignore file of its own (see IGNORE_SUFFIX)
    "dockerignore", "containerignore",
})


def classify(path: str) -> str | None:
    """`"dockerfile"`, `"dockerignore"`, or None for a file dockwise does not check unasked.
    Only the last path component counts (`Dockerfile.d/run.sh` is not a Dockerfile)."""
    name = path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    if name in IGNORE_NAMES or (name.endswith(IGNORE_SUFFIX) and len(name) > len(IGNORE_SUFFIX)):
        return DOCKERIGNORE
    if dockerfile_shaped(name) and not _other_kind(name):
        return DOCKERFILE
    return None


def dockerfile_shaped(name: str) -> bool:
    """Whether a name looks like a Dockerfile's, before the extensions that make it something
    else are considered (`Dockerfile.md` is shaped like one; `notes.md` is not)."""
    for stem, separators in DOCKERFILE_STEMS.items():
        if name == stem:
            return True
        if len(name) > len(stem):  # as the globs: `*` may be empty (`.Dockerfile`)
            if name.startswith(stem) and name[len(stem)] in separators:
                return True
            if name.endswith(stem) and name[-len(stem) - 1] in separators:
                return True
    return False


def lookalike(name: str) -> bool:
    """A name shaped like a Dockerfile that is not one (`Dockerfile.md`, `Dockerfile~`):
    an editor's language id `dockerfile` on it comes from a broad pattern, not from the user."""
    return dockerfile_shaped(name.rstrip("~")) and classify(name) is None


def _other_kind(name: str) -> bool:
    if name.endswith("~"):  # Emacs and many editors' backups
        return True
    dot = name.rfind(".")
    return dot > 0 and name[dot + 1:].lower() in NOT_DOCKERFILE_EXTENSIONS


def document_kind(name: str, language_id: str | None = None, on_disk: bool = True) -> str | None:
    """The kind of a document an editor opened: its name decides when it is conclusive; else
    a `dockerfile` language id the user chose (an untitled buffer, a `files.associations`
    entry) does, and a `dockerignore` one for an unsaved buffer (the engine tells an ignore
    file by its name, so a saved `ignore-list` would be checked as a Dockerfile). A look-alike
    keeps None whatever its language id: VS Code's `Dockerfile.*` pattern gives
    `Dockerfile.md` the `dockerfile` language too."""
    kind = classify(name)
    if kind is not None or lookalike(name):
        return kind
    if language_id == DOCKERFILE:
        return DOCKERFILE
    if language_id == DOCKERIGNORE and not on_disk:
        return DOCKERIGNORE
    return None


# -- the same selection for other tools ------------------------------------------------------


def globs() -> dict[str, list[str]]:
    """Glob patterns (`*` within one path component) selecting every name of each kind, as
    editors and file watchers take them. They select look-alikes too (a glob cannot exclude),
    which `document_kind` then refuses."""
    dockerfile = []
    for stem, separators in DOCKERFILE_STEMS.items():
        dockerfile.append(stem)
        dockerfile.extend(f"{stem}{sep}*" for sep in separators)
        dockerfile.extend(f"*{sep}{stem}" for sep in separators)
    return {DOCKERFILE: dockerfile, DOCKERIGNORE: [".dockerignore", "*.dockerignore", ".containerignore"]}


def pre_commit_regex() -> str:
    """The `files` regex of the pre-commit hooks (Python `re`, searched in a repository-relative
    path with `/` separators): the same selection as `classify`."""
    shapes = []
    for stem, separators in DOCKERFILE_STEMS.items():
        seps = "".join(re.escape(sep) for sep in separators)
        shapes.append(rf"{stem}(?:[{seps}][^/]*)?|[^/]*[{seps}]{stem}")
    other = "|".join(sorted(NOT_DOCKERFILE_EXTENSIONS))
    # a look-alike is refused by a look-ahead at the start of the name
    dockerfile = rf"(?![^/]*(?:~|\.(?i:{other}))$)(?:{'|'.join(shapes)})"
    ignore = r"\.dockerignore|\.containerignore|[^/]+\.dockerignore"
    return rf"(^|/)(?:{ignore}|{dockerfile})$"
