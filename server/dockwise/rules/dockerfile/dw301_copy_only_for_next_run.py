from __future__ import annotations

import posixpath

from ...analysis.shipping import shipping
from ...dockerfile.variables import unquote
from ...engine.diagnostic import Applicability, Category, FixAvailability, Related, Severity
from ...engine.rule import Rule, RuleContext
from ...lazy_regex import lazy_compile
from ..support.buildkit import NEEDS_BUILDKIT, add_run_flag, frontend
from ..support.mounts import delete_instruction, workdir_before

# Dependency manifests and lockfiles: what a manifests-first COPY brings in for the install.
_MANIFEST = lazy_compile(
    r"(?:requirements[\w.-]*\.(?:txt|in)|constraints[\w.-]*\.txt|package(?:-lock)?\.json|npm-shrinkwrap\.json|"
    r"yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|go\.(?:mod|sum)|Gemfile(?:\.lock)?|composer\.(?:json|lock)|"
    r"pyproject\.toml|poetry\.lock|uv\.lock|Pipfile(?:\.lock)?|Cargo\.(?:toml|lock)|mix\.(?:exs|lock)|packages\.lock\.json|"
    r"package\*\.json|requirements\*\.txt)")
# The programs that install dependencies from those manifests.
_INSTALLERS = frozenset({"npm", "yarn", "pnpm", "pip", "pip3", "python", "python3", "poetry", "uv", "pipenv",
                         "bundle", "go", "cargo", "composer", "mix"})
# Below this many bytes copied twice the finding is not worth a reader's time (a 1 KB
# requirements.txt); a lockfile is often hundreds of kilobytes.
MIN_BYTES = 64 * 1024


class CopyOnlyForNextRun(Rule):
    """Dependency manifests are copied only for the next `RUN`, then copied again with the sources.

    ## What it does
    Flags the manifests-first `COPY` of a stage that ships (`COPY package.json
    package-lock.json ./`, `COPY go.mod go.sum ./`, `COPY Gemfile Gemfile.lock ./`,
    `pyproject.toml`, requirements files, Composer, Poetry, uv, Pipenv, Cargo, Mix) when:
    - every source of the COPY is such a manifest, from the build context;
    - the next `COPY`, `ADD` or `RUN` after it is a `RUN` of the package manager (`npm ci`,
      `pip install -r`, `go mod download`…);
    - a later `COPY` of the same stage, with no other RUN before it, copies the same files
      again over the same paths (`COPY . .`), so the final image has them anyway;
    - and the files add up to 64 KiB or more in the build context (a lockfile; not a 1 KB
      `requirements.txt`). It runs only with a build context.
    The early COPY is there for the layer cache (the install reruns only when the manifests
    change); a bind mount keeps that and stores the files once. This is the shape Docker's
    `docker init` templates and build-cache guide use.

    A preview rule (`preview = true`, or select DW301), and quiet on purpose: without a build
    context, with a glob the context cannot resolve, a source that is not a manifest, or when
    a RUN between the install and the second COPY could read the files, nothing is reported.

    Stages: shipped only: a builder stage's layers are not in the image (`COPY --from` takes
    its results), so copying a manifest twice there costs nothing.

    ## Why is this bad?
    Each COPY is a layer: the manifests copied first and again with the sources are stored
    twice in the image, the lockfile included (often hundreds of kilobytes).

    ## Example
    ```dockerfile
    WORKDIR /app
    COPY package.json package-lock.json ./
    RUN npm ci --omit=dev
    COPY . .
    ```

    Use instead:
    ```dockerfile
    WORKDIR /app
    RUN --mount=type=bind,source=package.json,target=/app/package.json \\
        --mount=type=bind,source=package-lock.json,target=/app/package-lock.json \\
        npm ci --omit=dev
    COPY . .
    ```

    ## Fix safety
    A suggestion (never applied in bulk), offered when the file's frontend has `RUN --mount`
    (needs BuildKit): it removes the COPY and bind-mounts each file at the path the COPY put
    it at. A bind mount is read-only, so for an install that may rewrite its lockfile (`npm
    install`, `yarn install` without `--frozen-lockfile`, `bundle install` without `--frozen`,
    `cargo build` without `--locked`) the mounts get `rw`: the writes are thrown away after
    the RUN, and the later COPY brought the original back anyway. The mounted files are not in the
    RUN's layer: a `postinstall` script that copies them elsewhere sees them as before.
    """

    code = "DW301"
    # the build context's sizes decide whether the files are worth it (no context: nothing to
    # say); `shipping` reads every stage's COPY --from and RUN --mount=from
    needs_context = True
    name = "copy-only-for-next-run"
    category = Category.SIZE
    severity = Severity.INFO
    fix_availability = FixAvailability.SOMETIMES
    message = "{what} copied for `{program}` and again by a later COPY: stored twice ({size}); bind-mount them instead"

    def check(self, ctx: RuleContext):
        df = ctx.df
        view = ctx.context
        answer = shipping(df, ctx.settings.target)
        for stage in df.stages:
            if not answer.ships(stage):
                continue
            body = stage.instructions
            for k, ins in enumerate(body):
                if ins.keyword != "COPY" or ins.flag("from") is not None or ins.heredocs or len(ins.words) < 2 \
                        or any(f.name not in ("chown", "chmod", "link") for f in ins.flags):
                    continue
                found = self._judge(ctx, view, stage, body, k, ins)
                if found is not None:
                    yield found

    def _judge(self, ctx, view, stage, body, k, ins):
        df = ctx.df
        sources = [unquote(w.value, df.escape) for w in ins.words[:-1]]
        if not all(_MANIFEST.fullmatch(posixpath.basename(s.rstrip("/"))) for s in sources):
            return None
        dest = unquote(ins.words[-1].value, df.escape)
        if "$" in dest or (len(sources) > 1 and not dest.endswith("/")) or not dest.endswith(("/", ".")):
            return None  # `COPY go.mod /src/go.mod`-style file destinations are rare; keep it simple
        folder = posixpath.normpath(dest if dest.startswith("/") else posixpath.join(
            workdir_before(df, stage, ins) or "//unknown", dest))
        if folder.startswith("//"):
            return None
        files = _context_files(view, sources)
        if files is None:
            return None
        run = next((i for i in body[k + 1:] if i.keyword in ("RUN", "COPY", "ADD")), None)
        if run is None or run.keyword != "RUN":
            return None
        script = df.script(run)
        if script is None:
            return None
        install = next((c for c in script.commands if c.program in _INSTALLERS), None)
        if install is None:
            return None
        program = " ".join([install.program, *(w.value for w in install.positional()[:1])])  # `npm ci`
        again = _copied_again(df, stage, body[body.index(run) + 1:], files, folder)
        if again is None:
            return None
        size = sum(view.snapshot.files.get(f, 0) for f in files)
        if size < MIN_BYTES:
            return None
        what = "`" + "`, `".join(posixpath.basename(f) for f in files) + "` are" if len(files) > 1 \
            else f"`{files[0]}` is"
        message = self.message.format(what=what, program=program, size=_size(size))
        fix = None
        if frontend(df).mounts and not run.json:
            rw = ",rw" if any(_may_rewrite_lockfile(c) for c in script.commands) else ""
            mounts = " ".join(f"--mount=type=bind,source={f},target={posixpath.join(folder, posixpath.basename(f))}{rw}"
                              for f in files)
            fix = self.make_fix([delete_instruction(df, ins), add_run_flag(run, mounts)], Applicability.SUGGESTION,
                                title=f"Bind-mount the manifests into the RUN instead of copying them ({NEEDS_BUILDKIT})")
        related = (Related("copied again here", None, again.start, again.end),)
        return self.report(ins.words[0].start, ins.words[-2].end, message, fix=fix, related=related)


def _may_rewrite_lockfile(cmd) -> bool:
    """Whether an install may write its manifest or lockfile (a read-only bind mount refuses):
    `npm install`, `yarn` without `--frozen-lockfile`/`--immutable`, `pnpm install` without
    `--frozen-lockfile`, `bundle install` without `--frozen`/`--deployment`, `poetry lock`,
    `composer update`, `go mod tidy`, `cargo build` without `--locked`."""
    prog = cmd.program
    words = [w.value for w in cmd.positional()[:2]]
    sub = words[0] if words else ""
    if prog == "npm":
        return sub in ("install", "i", "add", "update", "dedupe")
    if prog == "yarn":
        return sub in ("", "install", "add", "upgrade") and not cmd.has_flag("--frozen-lockfile", "--immutable")
    if prog == "pnpm":
        return sub in ("install", "i", "add", "update") and not cmd.has_flag("--frozen-lockfile")
    if prog == "bundle":
        return sub == "install" and not cmd.has_flag("--frozen", "--deployment")
    if prog in ("poetry", "uv"):
        return sub in ("lock", "add", "update") or (prog == "uv" and sub == "sync"
                                                     and not cmd.has_flag("--frozen", "--locked"))
    if prog == "composer":
        return sub in ("update", "require")
    if prog == "go":
        return words == ["mod", "tidy"] or sub == "get"
    if prog == "cargo":
        return sub in ("build", "generate-lockfile", "update", "fetch") and not cmd.has_flag("--locked", "--frozen")
    return False


def _context_files(view, sources: list[str]) -> list[str] | None:
    """The context files the sources name (a glob resolved), or None when one is not a plain file
    there (a folder, missing, ignored: let the build say)."""
    from ...ignorefile import BadPattern, go_clean
    snap = view.snapshot
    out: list[str] = []
    for s in sources:
        rel = go_clean(s).lstrip("/")
        if rel.startswith("..") or rel == ".":
            return None
        try:
            matched = snap.matching(rel)
        except BadPattern:
            return None
        if not matched or any(m not in snap.files for m in matched):
            return None
        out.extend(m for m in matched if m not in out)
    return out


def _copied_again(df, stage, later, files: list[str], folder: str):
    """The later COPY that puts `files` at the same place again, with no RUN before it; None
    when there is none (or a RUN comes first: it might read them)."""
    for ins in later:
        if ins.keyword == "RUN":
            return None
        if ins.keyword not in ("COPY", "ADD") or ins.flag("from") is not None or len(ins.words) < 2 \
                or ins.flag("exclude") is not None or ins.flag("parents") is not None:
            continue  # `--exclude=package-lock.json` would leave it out of the image after the fix
        dest = unquote(ins.words[-1].value, df.escape)
        if "$" in dest:
            continue
        cwd = workdir_before(df, stage, ins)
        if not dest.startswith("/"):
            if cwd is None:
                continue
            dest = posixpath.join(cwd, dest)
        dest = posixpath.normpath(dest)
        for w in ins.words[:-1]:
            src = posixpath.normpath(unquote(w.value, df.escape)).lstrip("/") or "."
            if any(c in src for c in "*?["):
                continue
            if all(_lands_at(src, dest, f) == posixpath.join(folder, posixpath.basename(f)) for f in files):
                return w
    return None


def _lands_at(src: str, dest: str, file: str) -> str | None:
    """Where a COPY of the folder `src` to `dest` puts the context file `file` (None: not in it)."""
    if src == ".":
        return posixpath.join(dest, file)
    if file.startswith(src + "/"):
        return posixpath.join(dest, file[len(src) + 1:])
    return None


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB" if n >= 1024 * 1024 else f"{n // 1024} KiB"
