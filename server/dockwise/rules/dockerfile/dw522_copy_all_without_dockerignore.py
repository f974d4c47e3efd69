from __future__ import annotations

import json

from ...buildcontext.secrets import read_head
from ...analysis.shipping import shipping
from ...engine.diagnostic import Applicability, Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..support.dockerignore import append_patterns, copy_sources, safe_patterns, scan_context


# Files that say a project whose tools write into its folder lives here: dependency installs
# (`node_modules`, `.venv`, `vendor`), caches and build output appear next to them on a
# developer's machine, and that is what a `.dockerignore` keeps out.
# Not among them: pip's `requirements.txt`, `setup.py`, Pipenv, Poetry and conda files, and
# Bundler's `Gemfile`, whose tools install into the interpreter's own folders (or a virtual
# environment kept elsewhere) unless told otherwise; `pyproject.toml` is, as uv makes `.venv` beside it.
PROJECT_MANIFESTS = frozenset({
    "package.json", "pyproject.toml", "uv.lock", "go.mod", "Cargo.toml", "pom.xml", "build.gradle", "build.gradle.kts",
    "settings.gradle", "composer.json", "mix.exs", "pubspec.yaml", "Package.swift", "deno.json", "bun.lockb",
    "CMakeLists.txt", "Makefile", "meson.build", "stack.yaml", "cabal.project", "build.sbt", "project.clj",
    "deps.edn", "rebar.config", "Podfile"})
PROJECT_SUFFIXES = (".csproj", ".fsproj", ".vbproj", ".sln", ".cabal", ".gemspec", ".nimble")
_VCS = (".git", ".hg", ".svn")


# What makes npm write `node_modules` next to a package.json (`npm install` with none of them
# installs nothing): a package.json with only a name and scripts describes a folder of specs.
_NPM_DEPENDENCY_KEYS = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies",
                        "bundleDependencies", "bundledDependencies", "workspaces")
_MANIFEST_READ_LIMIT = 1 << 20


def _npm_installs_something(snapshot, path: str) -> bool:
    """Whether the package.json at `path` declares dependencies (or cannot be read: assume so)."""
    head = read_head(snapshot.root, path, _MANIFEST_READ_LIMIT)
    try:
        manifest = json.loads(head.decode("utf-8-sig")) if head is not None else None
    except (UnicodeDecodeError, ValueError):
        return True
    if not isinstance(manifest, dict):
        return True
    return any(manifest.get(key) for key in _NPM_DEPENDENCY_KEYS)


def _holds_a_project(snapshot) -> bool:
    """Whether the context holds version-control data or a project manifest at any depth."""
    for path in list(snapshot.files) + list(snapshot.dirs):
        name = path.rsplit("/", 1)[-1]
        if name == "package.json" and path in snapshot.files:
            if _npm_installs_something(snapshot, path):
                return True
        elif name in _VCS or name in PROJECT_MANIFESTS or name.endswith(PROJECT_SUFFIXES):
            return True
    return False


class CopyAllWithoutDockerignore(Rule):
    """`COPY . .` (or `ADD .`) with no `.dockerignore`: everything in the context is copied.

    ## What it does
    Flags a COPY/ADD whose source is the whole context (`.`, `./`, `/`) when the build has no
    ignore file at all (no `<Dockerfile>.dockerignore`, `.dockerignore` or `.containerignore`).

    Not reported when the context is a folder of hand-written files with nothing to exclude:
    no version-control data, no manifest of a project whose tools write into its folder
    (`package.json`, `pyproject.toml`, `go.mod`, `pom.xml`, …, at any depth, next to which
    dependencies, caches and build output appear) and none of the junk or secrets the fix
    looks for (a seed-data folder holding a Python script and a shell script). A Flask app of
    a few files and a `requirements.txt` is such a folder: pip installs into the interpreter,
    not next to the file (the same holds for `setup.py`, Pipenv, Poetry, conda and Bundler),
    so until a virtual environment or `__pycache__` appears there, there is nothing to exclude;
    once one does, the fix lists it. A `package.json` that declares no
    dependencies (a folder of Cypress specs with only a name and scripts) is not counted:
    `npm install` writes nothing next to it.

    Nor when the script that builds the image installs the project's dependencies into the
    context just before (`npm ci` then `docker build .` in the same folder): `COPY .` is meant
    to take `node_modules` (unless the context holds secrets). That holds as well for another
    Dockerfile of that folder that no build names (`Dockerfile.factory` beside the
    `Dockerfile` the script builds): its context is the same prepared folder.

    Stages: shipped only (a builder stage's copy ends in no image).

    ## Why is this bad?
    Whatever lies in the directory ends up in the image: `.git`, `node_modules`, virtual
    environments, build output, `.env` files with credentials. The image grows, the layer
    cache breaks on every commit, and secrets leak into a layer anyone with the image can read.

    ## Example
    ```dockerfile
    FROM node:22
    COPY . .
    ```

    Use instead: add a `.dockerignore` next to the Dockerfile:
    ```text
    .git
    node_modules
    .env
    ```

    ## Fix safety
    Unsafe: the fix creates `.dockerignore` listing what this context really holds among
    version-control data, dependency folders, caches, build output, logs and secrets (judged
    by content: a CA bundle is not one). For each pattern it computes the files it would
    exclude, and leaves out any pattern that would take source code or configuration,
    build output the Dockerfile uses (`RUN cd build && …`, `COPY dist ./dist`), a path an
    instruction names, or `.git` when a RUN runs git; exact paths of the junk are written
    instead where that is enough. A program might still read at run time a file that no
    instruction names.
    """

    code = "DW522"
    name = "copy-all-without-dockerignore"
    category = Category.SIZE
    severity = Severity.WARNING
    needs_context = True
    fix_availability = FixAvailability.SOMETIMES
    message = "`COPY .` with no .dockerignore copies the whole build context"
    fix_title = "Create .dockerignore"

    def check(self, ctx: RuleContext):
        view = ctx.context
        if view.ignore_path is not None:
            return
        answer = shipping(ctx.df, ctx.settings.target)
        # a builder stage's `COPY . .` ends in no image (nginx's modules image builds there and
        # only mounts the packages it made)
        src = next((s for s in copy_sources(ctx.df) if s.everything and s.ins.stage is not None
                    and s.ins.stage.index in answer.shipped), None)
        if src is None:
            return
        snap = view.snapshot
        secrets = scan_context(snap, secrets=True)
        choice = getattr(view, "choice", None)
        if choice is not None and choice.prepared and not secrets:
            return  # the build script fills the context first (`npm ci`) for `COPY .` to take
        found = secrets + scan_context(snap, secrets=False)
        if not found and not _holds_a_project(snap):
            return  # a few hand-written scripts and config files: nothing a .dockerignore would keep out
        found = safe_patterns(view, ctx.df, found, None)
        fix = None
        msg = self.message
        if found:
            patterns = [f.pattern for f in found]
            fix = self.make_fix([], Applicability.UNSAFE,
                                title=f"Create .dockerignore excluding {', '.join(patterns[:4])}"
                                      + (" …" if len(patterns) > 4 else ""),
                                other_files=(append_patterns(view, patterns),))
            msg += f", including {', '.join(f'`{p}`' for p in patterns[:5])}" + (" …" if len(patterns) > 5 else "") \
                + f" found in {view.phrase}"
        yield self.report(src.word.start, src.word.end, msg, fix=fix)
