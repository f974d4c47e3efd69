from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..helpers import script_of

PIP = frozenset({"pip", "pip3", "pip2"})
_SUBS = frozenset({"install", "ci", "download", "build", "fetch", "sync", "restore", "get", "go:offline",
                   "dependency:go-offline", "dependency:resolve", "mod", "i", "add"})


def dependency_install(cmd) -> str | None:
    """A short name for a command that installs a project's dependencies from its manifest."""
    prog = cmd.program
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


def copies_whole_context(ins) -> bool:
    """`COPY . .` / `ADD . /app` (a bare `.` or `./` source, not from another stage)."""
    if ins.keyword not in ("COPY", "ADD") or ins.flag("from") is not None or ins.heredocs:
        return False
    words = [w.value for w in ins.words]
    return len(words) >= 2 and any(s in (".", "./", "./*", "*") for s in words[:-1])


class CopyAllBeforeInstall(Rule):
    """The whole build context is copied before dependencies are installed.

    ## What it does
    Flags `COPY . .` (or `ADD . …`) followed, in the same stage, by a dependency install
    that only needs the manifest: `pip install -r requirements.txt`, `pip install .`,
    `poetry install`, `uv sync`, `npm ci`/`npm install`, `yarn`/`pnpm install`,
    `bundle install`, `go mod download`, `cargo build`, `composer install`,
    `mvn dependency:…`, `gradle`, `dotnet restore`.

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
    stage_local = True
    reads = frozenset({"COPY", "ADD", "RUN"})
    name = "copy-all-before-install"
    category = Category.CACHE
    severity = Severity.INFO
    fix_availability = FixAvailability.NEVER
    message = "The whole context is copied before dependencies are installed, so any change re-runs the install"

    def check(self, ctx: RuleContext):
        df = ctx.df
        for stage in df.stages:
            copy = None
            for ins in stage.instructions:
                if copy is None:
                    if copies_whole_context(ins):
                        copy = ins
                    continue
                if ins.keyword != "RUN":
                    continue
                script = script_of(df, ins)
                if script is None:
                    continue
                found = next((name for c in script.commands if (name := dependency_install(c))), None)
                if found:
                    yield self.report(copy.start, copy.end,
                                      f"`{copy.keyword} .` copies the whole context before `{found}`, so any source "
                                      "change re-runs the install; copy the dependency manifest first")
                    break
