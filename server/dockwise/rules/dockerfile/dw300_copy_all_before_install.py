from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ...lazy_regex import lazy_compile
from ..support.helpers import script_of
from ..support.pip import PIP

_SUBS = frozenset({"install", "ci", "download", "build", "fetch", "sync", "restore", "get", "go:offline",
                   "dependency:go-offline", "dependency:resolve", "mod", "i", "add"})


# The programs `dependency_install` knows besides pip and python: it is asked about every
# command of every RUN, and most are none of these.
_INSTALLERS = frozenset({"poetry", "uv", "pipenv", "npm", "yarn", "pnpm", "bundle", "go", "cargo", "composer",
                         "mvn", "mvnw", "./mvnw", "gradle", "gradlew", "dotnet"})


def dependency_install(cmd) -> str | None:
    """A short name for a command that installs a project's dependencies from its manifest."""
    prog = cmd.program
    if prog not in _INSTALLERS and not prog.startswith(("pip", "python")):
        return None
    words = [w.value for w in cmd.unwrapped()[1:]]
    sub = next((w for w in words if not w.startswith("-")), "")
    is_pip = prog in PIP or (prog.startswith("pip3.") and prog[5:].isdigit())
    if prog.startswith("python") and words[:2] == ["-m", "pip"]:
        words, is_pip = words[2:], True
    if is_pip:
        sub = next((w for w in words if not w.startswith("-")), "")
        if sub != "install":
            return None
        if cmd.has_flag("-r", "--requirement") or any(w in (".", "./") or w.startswith((".[", "./["))
                                                      for w in words):
            return "pip install"
        return None
    if prog == "poetry" and sub in ("install", "sync"):
        return f"poetry {sub}"
    if prog == "uv" and (sub == "sync" or (sub == "pip" and "install" in words and
                                           ("-r" in words or "." in words))):
        return "uv " + ("sync" if sub == "sync" else "pip install")
    if prog == "pipenv" and sub in ("install", "sync"):
        return f"pipenv {sub}"
    if prog == "npm" and sub in ("ci", "install", "i") and not [w for w in words[1:] if not w.startswith("-")]:
        return f"npm {sub}"
    if prog in ("yarn", "pnpm") and (sub in ("install", "") or sub == "i") and \
            not [w for w in words[1:] if not w.startswith("-")]:
        return f"{prog} install"
    if prog == "bundle" and sub == "install":
        return "bundle install"
    if prog == "go" and words[:2] == ["mod", "download"]:
        return "go mod download"
    if prog == "cargo" and sub in ("build", "fetch", "install") and (sub != "install" or "--path" in words):
        return f"cargo {sub}"
    if prog == "composer" and sub in ("install", "update"):
        return f"composer {sub}"
    if prog in ("mvn", "mvnw", "./mvnw") and any(w.startswith("dependency:") or w in ("install", "package", "verify")
                                                 for w in words):
        return "mvn " + next(w for w in words if w.startswith("dependency:") or w in ("install", "package", "verify"))
    if prog in ("gradle", "gradlew") and any(w in ("dependencies", "build", "assemble") for w in words):
        return "gradle"
    if prog == "dotnet" and sub == "restore":
        return "dotnet restore"
    return None


def prepares_dependencies(cmd) -> bool:
    """A manifests-first step: dependencies fetched or built before the sources arrive
    (`npm ci`, `go mod download`, `cargo chef cook`, `pnpm fetch`, a dummy-project
    `cargo build`, `poetry install --no-root`, `pip install -r requirements.txt`, …)."""
    if dependency_install(cmd):
        return True
    if cmd.program not in ("cargo", "pnpm", "yarn"):
        return False
    words = [w.value for w in cmd.unwrapped()[1:]]
    return (cmd.program == "cargo" and words[:2] == ["chef", "cook"]) or \
        (cmd.program in ("pnpm", "yarn") and words[:1] == ["fetch"])


# Installs that build or install the project itself need its sources: not movable above them.
BUILDS_PROJECT = frozenset({"cargo build", "cargo install", "mvn install", "mvn package", "mvn verify", "gradle"})


def needs_sources(cmd, name: str) -> bool:
    words = [w.value for w in cmd.unwrapped()[1:]]
    if name in BUILDS_PROJECT or (name == "pip install" and not cmd.has_flag("-r", "--requirement")):
        return True
    if name in ("poetry install", "poetry sync") and "--no-root" not in words:
        return True
    return name == "uv sync" and "--no-install-project" not in words


SYSTEM_INSTALLS = {"apt-get": ("install",), "apt": ("install",), "apk": ("add",), "yum": ("install",),
                   "dnf": ("install",), "microdnf": ("install",), "zypper": ("install", "in")}


def system_install(cmd) -> str | None:
    """`apt-get install` and friends from the distribution's repositories (not a local package)."""
    subs = SYSTEM_INSTALLS.get(cmd.program)
    if not subs:
        return None
    words = [w.value for w in cmd.unwrapped()[1:]]
    sub = next((w for w in words if not w.startswith("-")), "")
    if sub not in subs or any(w.startswith(("./", "../", "/")) or w.endswith((".deb", ".rpm", ".apk"))
                              for w in words):
        return None
    return f"{cmd.program} {sub}"


def copies_whole_context(ins) -> bool:
    """`COPY . .` / `ADD . /app` (a bare `.` or `./` source, not from another stage)."""
    if ins.keyword not in ("COPY", "ADD") or ins.flag("from") is not None or ins.heredocs:
        return False
    words = [w.value for w in ins.words]
    return len(words) >= 2 and any(s in (".", "./", "./*", "*") for s in words[:-1])


# Directory names that hold an application's sources (a COPY of one changes with every edit).
SOURCE_DIRS = frozenset({"src", "app", "lib", "pkg", "cmd", "internal", "web", "server", "client", "frontend",
                         "backend", "api", "static", "public", "templates", "components", "pages", "source"})


def copied_directories(ins) -> list[str]:
    """The source directories a context `COPY`/`ADD` copies (`COPY src/ ./src/`, `COPY app app`)."""
    if ins.keyword not in ("COPY", "ADD") or ins.flag("from") is not None or ins.heredocs or len(ins.words) < 2:
        return []
    out = []
    for w in ins.words[:-1]:
        value = w.value
        if "$" in value or "://" in value or value in (".", "./", "./*", "*"):
            continue
        name = value.rstrip("/").rsplit("/", 1)[-1]
        if value.endswith("/") or name in SOURCE_DIRS:
            out.append(value)
    return out


def uses_copied_files(df, ins, copy, cwd: str | None) -> bool:
    """Whether a RUN reads what the COPY brought: it names a relative path, the COPY's
    destination (or the WORKDIR a relative one lands in) or a copied directory (a script,
    a local package, a requirements file)."""
    text = ins.rest
    dest = copy.words[-1].value.rstrip("/")
    if not dest.startswith("/") and cwd and cwd != "/" and cwd in text:
        return True
    names = [w.value.strip("./").rstrip("/") for w in copy.words[:-1]]
    if dest not in ("", ".") and dest in text:
        return True
    if any(n and n in text for n in names):
        return True
    script = script_of(df, ins)
    return script is not None and any(w.value.startswith(("./", "../")) for c in script.commands for w in c.argv[1:])
class CopyAllBeforeInstall(Rule):
    """The whole build context is copied before dependencies are installed.

    ## What it does
    Flags `COPY . .` (or `ADD . …`) followed, in the same stage, by a dependency install
    that only needs the manifest: `pip install -r requirements.txt`, `pip install .`,
    `poetry install`, `uv sync`, `npm ci`/`npm install`, `yarn`/`pnpm install`,
    `bundle install`, `go mod download`, `cargo build`, `composer install`,
    `mvn dependency:…`, `gradle`, `dotnet restore` — or by a system package install
    (`apt-get install`, `apk add`, `dnf install`, …).

    Also flags a source directory copied early (`COPY src/ ./src/`, `COPY app app`) before
    a system package install or a manifest-only dependency install that does not need it.

    Not flagged when the stage already follows the manifests-first pattern: dependencies
    were fetched or built before the full copy (`COPY package*.json ./` + `npm ci`,
    `go mod download`, `cargo chef cook` or a dummy-project `cargo build`, `pnpm fetch`,
    `poetry install --no-root`, `pip install -r requirements.txt`, …): the install after
    the copy then only builds the project itself. Nor when the RUN uses what the COPY
    brought (a script, a local `.deb`, a path under the copied directory), nor an install
    whose manifest the same RUN tests for (`if [ -s /app/requirements.txt ]; then pip install
    -r /app/requirements.txt; fi`, `test -f …`): an optional manifest cannot be copied first,
    since `COPY` of a missing file fails the build.

    Stages: all: the layer cache is lost in a builder stage as much as in the final one, and
    re-installing there slows every build.

    ## Why is this bad?
    Docker reuses a cached layer only while everything before it is unchanged. After
    `COPY . .`, any edit to any source file invalidates the cache, so every build
    re-downloads and re-installs all dependencies.

    ## Example
    ```dockerfile
    COPY . .
    RUN pip install --no-cache-dir -r requirements.txt
    ```

    Use instead:
    ```dockerfile
    COPY requirements.txt .
    RUN pip install --no-cache-dir -r requirements.txt
    COPY . .
    ```
    """

    code = "DW300"
    inputs = Inputs(keywords={"COPY", "ADD", "RUN", "WORKDIR"}, scope=Scope.STAGE)
    name = "copy-all-before-install"
    category = Category.CACHE
    severity = Severity.INFO
    fix_availability = FixAvailability.NEVER
    message = "The whole context is copied before dependencies are installed, so any change re-runs the install"

    def check(self, ctx: RuleContext):
        df = ctx.df
        ends: dict[int, str | None] = {}  # the WORKDIR each stage ends in, for those built on it
        for stage in df.stages:
            prepared = False     # a manifests-first dependency step ran before any source copy
            copy = None
            base = stage.base_stage
            cwd = ends.get(base.index) if base is not None else None   # the last literal WORKDIR
            ends[stage.index] = _last_workdir(stage, cwd)
            for ins in stage.instructions:
                if ins.keyword == "WORKDIR":
                    value = ins.rest.strip().strip("\"'")
                    cwd = value if value.startswith("/") and "$" not in value else None
                    continue
                if copy is None and ins.keyword in ("COPY", "ADD"):
                    if copies_whole_context(ins) or copied_directories(ins):
                        copy = ins
                    continue
                if ins.keyword != "RUN":
                    continue
                script = script_of(df, ins)
                if script is None:
                    continue
                if copy is None:
                    prepared = prepared or any(prepares_dependencies(c) for c in script.commands)
                    continue
                found = self._slow_step(df, ins, script, copy, prepared, cwd)
                if found:
                    yield self.report(copy.start, copy.end, found)
                    break

    def _slow_step(self, df, ins, script, copy, prepared: bool, cwd: str | None) -> str | None:
        whole = copies_whole_context(copy)
        what = f"`{copy.keyword} .` copies the whole context" if whole else \
            f"`{copy.keyword} {copied_directories(copy)[0]}` copies sources"
        optional = _tested_paths(ins)
        for cmd in script.commands:
            dep = dependency_install(cmd)
            if dep and any(w.value in optional for w in cmd.unwrapped()[1:]):
                continue  # `if [ -s req.txt ]; then pip install -r req.txt`: an optional manifest
            if dep and not prepared and (whole or not needs_sources(cmd, dep)):
                if not whole and uses_copied_files(df, ins, copy, cwd):
                    return None
                return (f"{what} before `{dep}`, so any source change re-runs the install; "
                        "copy the dependency manifest first")
            system = system_install(cmd)
            if system and not uses_copied_files(df, ins, copy, cwd):
                return (f"{what} before `{system}`, so any source change re-installs the system packages; "
                        "install them before copying the sources")
        return None


# `[ -f path ]`, `[[ -s path ]]`, `test -e path`: the script checks that a file exists.
_EXISTS_TEST = lazy_compile(r"""(?:\[\[?|\btest)\s+-[fse]\s+["']?([^\s"'\]]+)""")


def _tested_paths(ins) -> set[str]:
    """Paths whose existence a RUN tests (the condition of an `if` is not a parsed command)."""
    text = ins.rest + "".join(h.content for h in ins.heredocs)
    return set(_EXISTS_TEST.findall(text))


def _last_workdir(stage, inherited: str | None) -> str | None:
    """The WORKDIR a stage ends in (None: unknown), given the one it starts in. Asked once per
    stage, in order: walking the FROM chain for each stage was quadratic in chained stages."""
    for ins in reversed(stage.instructions):
        if ins.keyword == "WORKDIR":
            value = ins.rest.strip().strip("\"'")
            return value if value.startswith("/") and "$" not in value else None
    return inherited
