from __future__ import annotations

import re
from dataclasses import dataclass

from ...analysis.shipping import is_dev_container, shipping, warms_a_cache
from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..support.cache_mounts import TOOLS as CACHES
from ..support.cache_mounts import cache_paths, mount_alternatives, mounted_anywhere, moved_by_script
from ..support.packages import rm_deletes
from ..support.helpers import can_append_to_run, command_env, env_set, has_cache_mount, runs_with, subcommand, truthy


@dataclass(frozen=True)
class BuildTool:
    """A build tool whose download or build cache lands in the RUN's layer."""

    name: str                       # in the message
    programs: tuple[str, ...]
    fills: frozenset[str]           # subcommands that fill the cache (empty: every run does)
    caches: tuple[str, ...]         # cache_mounts tools
    cache_label: str                # in the message: "uv's cache"
    no_cache_flags: tuple[str, ...] = ()  # flags that keep the cache off
    no_cache_env: str = ""          # a variable that, truthy, keeps it off
    clean: str = ""                 # a command that empties the cache, appended by the fix
    clean_paths: bool = False       # the fix deletes the cache directories instead
    # the cache holds what a later RUN builds from (`go mod download`, then `go build`), so a
    # RUN followed by another of the tool is not reported
    feeds_later: bool = False


TOOLS = (
    BuildTool("uv", ("uv",), frozenset({"sync", "add", "pip", "tool"}), ("uv",), "uv's cache",
              no_cache_flags=("--no-cache", "--no-cache-dir", "-n"), no_cache_env="UV_NO_CACHE"),
    BuildTool("poetry", ("poetry",), frozenset({"install", "add", "update", "lock", "sync"}), ("poetry",),
              "Poetry's download cache", no_cache_flags=("--no-cache",), clean_paths=True),
    BuildTool("go", ("go",), frozenset({"build", "install", "get", "mod", "test", "run", "vet", "generate"}),
              ("go-mod", "go-build"), "Go's module and build caches", clean="go clean -cache -modcache",
              feeds_later=True),
    BuildTool("cargo", ("cargo",), frozenset({"build", "install", "fetch", "run", "test", "update", "vendor",
                                              "generate-lockfile", "check", "doc"}),
              ("cargo",), "Cargo's registry", clean_paths=True, feeds_later=True),
    BuildTool("maven", ("mvn", "mvnw"), frozenset(), ("maven",), "Maven's local repository", clean_paths=True,
              feeds_later=True),
    BuildTool("gradle", ("gradle", "gradlew"), frozenset(), ("gradle",), "Gradle's caches", clean_paths=True,
              feeds_later=True),
    BuildTool("composer", ("composer", "composer.phar"), frozenset({"install", "update", "require", "create-project"}),
              ("composer",), "Composer's cache", no_cache_flags=("--no-cache",), clean="composer clear-cache"),
)
_PROGRAMS = tuple(p for t in TOOLS for p in t.programs)
TOOL_LABELS = {name: spec.label for name, spec in CACHES.items()}


def _tool_of(cmd) -> BuildTool | None:
    for tool in TOOLS:
        if cmd.program in tool.programs:
            return tool
    return None


def _fills_cache(tool: BuildTool, cmd, df, ins) -> bool:
    if tool.fills and subcommand(cmd) not in tool.fills:
        return False
    if tool.name == "go" and not _modules_era_go(ins.stage):
        return False
    if tool.name == "uv" and subcommand(cmd) in ("pip", "tool") and \
            not any(w.value in ("install", "sync") for w in cmd.positional()[1:3]):
        return False  # `uv pip list`, `uv tool run`: nothing installed
    if tool.name == "maven" and any(w.value.startswith("-Dmaven.repo.local") for w in cmd.argv):
        return False  # the repository is somewhere this rule does not follow
    if tool.no_cache_flags and cmd.has_flag(*tool.no_cache_flags):
        return False
    if tool.no_cache_env and (truthy(env_set(df, ins, tool.no_cache_env)) or
                              truthy(command_env(df, cmd, tool.no_cache_env))):
        return False
    return True


class BuildToolCacheInLayer(Rule):
    """A build tool's download or build cache stays in a layer of the image.

    ## What it does
    Flags a RUN whose build tool leaves its cache in a layer that reaches the image: `uv sync`
    / `uv pip install` (uv's cache), `poetry install` (Poetry's download cache and artifacts),
    Go's `go build` / `go mod download` (the module and build caches), `cargo build` /
    `cargo install` (Cargo's registry), `mvn` (Maven's local repository), `gradle` /
    `./gradlew` (Gradle's caches) and `composer install` (Composer's cache). Not flagged when
    the cache is off (`uv --no-cache`, `UV_NO_CACHE=1`, `poetry --no-cache`, `composer
    --no-cache`), lives in a `RUN --mount=type=cache` or `tmpfs` mount, or is emptied later in
    the same RUN.

    Stages: shipped only — the final stage and the stages it is built `FROM`, or a stage
    whose cache directory a `COPY --from` takes whole. A builder stage whose files are thrown
    away except for its build output (the usual `FROM golang AS build` … `COPY --from=build
    /app/bin`) costs the image nothing and is not flagged. Nor is a RUN followed by a later RUN
    of the same tool in the stage (or in a stage built `FROM` it): the cache is what that RUN
    builds from (merge them, then the last one is flagged); nor an image whose `CMD` or
    `ENTRYPOINT` runs the tool (`go run`, `mvn spring-boot:run`), which reads the cache at run
    time; nor a RUN whose comment says it warms the cache, a file that only builds development
    or test images, or a dev container.

    pnpm is left out on purpose: its `node_modules` are hard links into its store, so the store
    in a layer costs little beyond the packages themselves. So is Bundler: its downloaded
    `.gem` files go to a `cache/` folder beside the installed gems, whose place depends on
    `BUNDLE_PATH`, the Ruby version and the bundler configuration, which the Dockerfile alone
    does not tell.

    ## Why is this bad?
    These caches hold every package or module the build downloaded (and, for Go, every object
    it compiled): often hundreds of megabytes that the running container never reads, shipped
    with every pull of the image. Deleting them in a later RUN does not help: the earlier layer
    keeps the bytes.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv
    COPY pyproject.toml uv.lock ./
    RUN uv sync --frozen
    ```

    Use instead:
    ```dockerfile
    RUN uv sync --no-cache --frozen
    # or keep the cache out of the layer and reuse it in the next build:
    RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen
    ```

    ## Fix safety
    Safe: the clean-up fix only removes the cache, after everything before it succeeded: it
    adds `--no-cache` to uv's command, appends `go clean -cache -modcache` (Go) or `composer
    clear-cache` (Composer), or appends an `rm -rf` of the cache directories themselves (Poetry's
    `cache` and `artifacts`, not its `virtualenvs`; Cargo's `registry`, not its `bin`; Maven's
    `repository`; Gradle's `caches`) when they are known for the RUN's user. No clean-up fix for
    heredoc RUNs or a RUN ending in an operator or a comment.

    Alternative (unsafe, needs BuildKit): cache mounts on those directories for the user the RUN
    runs as (`/root/.cache/uv`; `/go/pkg/mod` and `/root/.cache/go-build` on the golang image;
    `/usr/local/cargo/registry` on the rust image; a variable such as `UV_CACHE_DIR`,
    `GOMODCACHE` or `CARGO_HOME` the Dockerfile sets). Unsafe because it changes how the build
    uses the builder's cache. Not offered when the directory or the user's ids cannot be told
    (a base image of unknown user, a variable from an `ARG`, the gradle image, Composer copied
    into a php image), nor when the file's frontend lacks `RUN --mount`. Cargo's `target`
    directory is never mounted: what `cargo build` writes there is what the image needs.
    Where the clean-up fix is not offered (a heredoc RUN, a script ending in a comment), the
    mount is the finding's only fix.

    ## References
    - Docker: "Optimize cache usage in builds" (cache mounts)
    - No hadolint, checkov or trivy check covers these caches
    """

    code = "DW114"
    # reads everything: the shipping answer (every COPY --from and RUN --mount=from=), the
    # variables and USER that move a cache, and the CMD/ENTRYPOINT that may run the tool
    name = "build-tool-cache-in-layer"
    category = Category.SIZE
    severity = Severity.INFO
    fix_availability = FixAvailability.SOMETIMES
    message = "`{command}` leaves {cache} in the layer"
    fix_title = "Empty the cache in the same RUN"

    def check(self, ctx: RuleContext):
        df = ctx.df
        answer = shipping(df, ctx.settings.target)
        if answer.local_only or is_dev_container(ctx.path):
            return
        runs = runs_with(df, *_PROGRAMS)
        for index, (ins, script) in enumerate(runs):
            by_tool: dict[str, tuple[BuildTool, list]] = {}
            for cmd in script.commands:
                tool = _tool_of(cmd)
                if tool is not None and _fills_cache(tool, cmd, df, ins):
                    by_tool.setdefault(tool.name, (tool, []))[1].append(cmd)
            for tool, cmds in by_tool.values():
                finding = self._finding(ctx, answer, ins, script, tool, cmds, runs[index + 1:])
                if finding is not None:
                    yield finding

    def _finding(self, ctx, answer, ins, script, tool: BuildTool, cmds: list, later: list):
        df = ctx.df
        caches = _caches(tool, cmds)
        if moved_by_script(caches, ins):
            return None  # `export COMPOSER_HOME="$(mktemp -d)"` … `rm -rf "$COMPOSER_HOME"`
        paths = _known_paths(caches, df, ins)
        if paths is not None:
            # only the caches not in a mount yet: `--mount=type=cache,target=/root/.cache` holds
            # Go's build cache, not its module cache
            caches = tuple(c for c in caches if not all(has_cache_mount(ins, p) for p in cache_paths(c, df, ins)))
            paths = _known_paths(caches, df, ins)
        elif all(mounted_anywhere(c, ins) for c in caches):
            return None  # a mount on `…/.cache/uv` of a user not known here
        if not caches or _emptied(script, cmds[-1], tool, paths):
            return None
        stage = ins.stage
        if paths:
            if not any(answer.reaches_image(stage, p) for p in paths):
                return None  # a builder stage's cache, thrown away with the stage
        elif not answer.ships(stage):
            return None
        if warms_a_cache(ins) or (tool.feeds_later and _used_later(df, stage, later, tool)) or \
                _runs_the_tool(df, stage, tool):
            return None
        first = cmds[0]
        words = [w.value for w in first.positional()]
        shown = words[:2] if words[:1] in (["mod"], ["pip"], ["tool"]) else words[:1]  # `go mod download`
        command = " ".join([first.program, *shown])
        label = tool.cache_label if len(caches) == len(tool.caches) else TOOL_LABELS[caches[0]]
        message = self.message.format(command=command, cache=label)
        return self.report(first.start, first.end, message, fix=self._clean_up(df, ins, script, tool, cmds, paths),
                           alternatives=mount_alternatives(self, caches, df, ins, label=label))

    def _clean_up(self, df, ins, script, tool: BuildTool, cmds: list, paths):
        if not ins.is_shell_form:
            return None
        if tool.name == "uv":  # `--no-cache` after the subcommand (`uv pip install`: after `install`)
            return self.make_fix([Edit.insert(_uv_subcommand(cmd).end, " --no-cache") for cmd in cmds],
                                 title="Add `--no-cache`")
        if not can_append_to_run(df, ins, script):
            return None
        if tool.clean:
            return self.make_fix([Edit.insert(ins.rest_end, f" && {tool.clean}")], title=f"Append `&& {tool.clean}`")
        if tool.clean_paths and paths:
            removal = "rm -rf " + " ".join(paths)
            return self.make_fix([Edit.insert(ins.rest_end, f" && {removal}")], title=f"Append `&& {removal}`")
        return None


def _uv_subcommand(cmd):
    """The word after which uv takes `--no-cache`: `sync`, or `install` of `uv pip install`."""
    words = cmd.unwrapped()[1:]
    sub = subcommand(cmd)
    at = next(i for i, w in enumerate(words) if w.value == sub)
    if sub in ("pip", "tool"):
        at = next((i for i in range(at + 1, len(words)) if words[i].value in ("install", "sync")), at)
    return words[at]


def _caches(tool: BuildTool, cmds: list) -> tuple[str, ...]:
    """The caches these commands fill: `go mod …` only fetches modules, it compiles nothing."""
    if tool.name == "go" and all(subcommand(c) == "mod" for c in cmds):
        return ("go-mod",)
    return tool.caches


def _modules_era_go(stage) -> bool:
    """Go with a module cache and a build cache (1.11 and later) on the official golang image;
    older Go (GOPATH only, no `go clean -modcache`) and a Go of unknown version are left out."""
    ref = stage.root_ref if stage is not None else None
    if ref is None or not ref.is_official or ref.name != "golang":
        return False
    version = re.match(r"(\d+)\.(\d+)", ref.tag or "")
    return version is None or (int(version.group(1)), int(version.group(2))) >= (1, 11)


def _known_paths(caches: tuple[str, ...], df, ins) -> tuple[str, ...] | None:
    """The cache directories for this RUN; None when one of them cannot be told."""
    out: list[str] = []
    for cache in caches:
        found = cache_paths(cache, df, ins)
        if found is None:
            return None
        out.extend(found)
    return tuple(out)


def _emptied(script, last, tool: BuildTool, paths) -> bool:
    """Whether the RUN empties the cache after the tool's last command: the tool's own clean
    command, or an `rm` of the cache directories (or a folder above them)."""
    for cmd in script.commands:
        if cmd.start < last.end:
            continue
        # `go clean …`, `composer clear-cache`, `uv cache clean`, `poetry cache clear …`
        if cmd.program in tool.programs and subcommand(cmd) in ("clean", "clear-cache", "clearcache", "cache") and \
                (tool.name != "go" or cmd.has_flag("-cache", "-modcache")):
            return True
        if paths and cmd.program == "rm" and all(rm_deletes(cmd, (p,)) for p in paths):
            return True
    return False


def _used_later(df, stage, later: list, tool: BuildTool) -> bool:
    """A later RUN of this stage, or of a stage built FROM it, runs the tool: the cache is what
    it builds from."""
    for ins, script in later:
        if ins.stage is None:
            continue
        here = ins.stage
        while here is not None and here is not stage:
            here = here.base_stage
        if here is stage and any(c.program in tool.programs for c in script.commands):
            return True
    return False


def _runs_the_tool(df, stage, tool: BuildTool) -> bool:
    """The image's CMD or ENTRYPOINT (of this stage or one it is built FROM) runs the tool."""
    here = stage
    while here is not None:
        for ins in here.instructions:
            if ins.keyword in ("CMD", "ENTRYPOINT") and any(
                    p in ins.rest.replace('"', " ").replace("/", " ").split() for p in tool.programs):
                return True
        here = here.base_stage
    return False
