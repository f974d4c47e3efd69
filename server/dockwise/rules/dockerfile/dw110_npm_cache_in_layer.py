from __future__ import annotations

from ...analysis.shipping import is_dev_container, shipping, warms_a_cache
from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..support.cache_mounts import mount_alternatives
from ..support.helpers import (
    cache_mount_targets,
    can_append_to_run,
    env_set,
    runs_with,
    subcommand,
)

NPM_CACHES = ("/root/.npm", "/home/*/.npm")  # ~/.npm of root or another user
INSTALLS = ("install", "i", "ci", "add", "isntall", "update")


# Global installs of a package manager itself: one tarball with no dependencies, a cache of ~1 MB.
PACKAGE_MANAGERS = frozenset({"npm", "yarn", "pnpm", "corepack"})


def _installs_a_package_manager(cmd) -> bool:
    """`npm install -g yarn` / `npm i -g npm@latest`: nothing worth a cache finding."""
    if not cmd.has_flag("-g", "--global"):
        return False
    names = [_package_name(w.value) for w in cmd.positional()[1:]]
    return bool(names) and all(n in PACKAGE_MANAGERS for n in names)


def _package_name(spec: str) -> str:
    """`npm@latest` → `npm`; `@scope/pkg@1` → `@scope/pkg`."""
    at = spec.rfind("@")
    return spec[:at] if at > 0 else spec


def _removes_npm_cache(script, after) -> bool:
    """`rm -rf ~/.npm` (or its `_cacache`) later in the same RUN deletes what the install cached."""
    for c in script.commands[after.index + 1:]:
        if c.program == "rm" and any(_is_npm_cache_path(w.value) for w in c.positional()):
            return True
    return False


def _is_npm_cache_path(path: str) -> bool:
    path = path.rstrip("/*").removesuffix("/_cacache")
    return path in ("~/.npm", "$HOME/.npm", "${HOME}/.npm", "/root/.npm") or (
        path.startswith("/home/") and path.endswith("/.npm") and path.count("/") == 3)


def npm_cache_mounted(ins) -> bool:
    return any(t.endswith("/.npm") or t.endswith("/.npm/_cacache") or t == "/root" or t.endswith("/.cache")
               for t in cache_mount_targets(ins))


class NpmCacheInLayer(Rule):
    """`npm install`/`npm ci` leaves npm's download cache in the layer.

    ## What it does
    Flags `npm install`, `npm ci` (and `npm i`/`update`) in a `RUN` that neither runs
    `npm cache clean --force` nor keeps `~/.npm` in a cache mount, unless the cache is moved
    with `--cache` or `ENV npm_config_cache`. A RUN whose comment says it warms the cache
    (`# Pre-populate the npm cache for offline installs` above it) is not reported: the cache
    is what it is for. Nor is a file that only builds development images (every stage
    `docker build` can make is named for development or tests: awesome-compose's `FROM … AS
    builder` … `FROM builder AS dev-envs`): its cache costs a developer's disk, no user pulls it.
    Nor is a file whose every build the repository names keeps the image on the machine that
    builds it: compose services that run a test suite (`command: npm run test`, no `image:`),
    or a script or Makefile that builds `-t TAG`, runs TAG only with `docker run --rm` and
    pushes nothing (a code generator, a docs linter). Nor is a dev container (a `.devcontainer`
    folder), built on the developer's machine. A file no build names is judged as usual.

    Stages: shipped only — the final stage and the stages it is built `FROM`, or a stage
    whose `~/.npm` a `COPY --from` takes whole (`COPY --from=build / /`). The cache of a
    builder stage whose files are thrown away except for its build output costs the image
    nothing.

    ## Why is this bad?
    npm copies every tarball it fetches into `~/.npm/_cacache`, often as large as
    `node_modules` itself. In an image layer that cache is never read again.

    ## Example
    ```dockerfile
    RUN npm ci --omit=dev
    ```

    Use instead:
    ```dockerfile
    RUN npm ci --omit=dev && npm cache clean --force
    # or keep it out of the layer and reuse it across builds:
    RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
    ```

    ## Fix safety
    Safe: ` && npm cache clean --force` is appended to the shell-form `RUN` (not offered for
    heredocs or a `RUN` ending in `;`/`&`); it only deletes the cache after a successful
    install, so what is installed does not change.

    Alternative (unsafe, needs BuildKit): a cache mount on `~/.npm` of the user the RUN runs
    as (`/root/.npm`; `/home/node/.npm` with `uid=1000,gid=1000` after the node image's
    `USER node`, since BuildKit creates the directory for root otherwise and npm could not
    write it). Not offered when the user's home or ids cannot be told, nor when the file's
    frontend lacks `RUN --mount`. Unsafe because it changes how the build uses the builder's
    cache.
    Where the clean-up fix is not offered (a heredoc RUN, a script ending in a comment), the
    mount is the finding's only fix.

    ## References
    - No hadolint, checkov or trivy check covers npm's cache; see npm's `npm cache` docs
    """

    code = "DW110"
    # reads the build context's choice (whether the repository's builds keep the image local),
    # so it reads everything (`reads = None`) and runs without a context too
    uses_context = True
    name = "npm-cache-in-layer"
    category = Category.SIZE
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    message = "`npm {sub}` leaves npm's download cache in the layer"
    fix_title = "Append `&& npm cache clean --force`"

    def check(self, ctx: RuleContext):
        df = ctx.df
        answer = shipping(df, ctx.settings.target)
        built_locally = getattr(getattr(ctx.context, "choice", None), "local_only", False)
        for ins, script in runs_with(df, "npm"):
            installs = [c for c in script.commands if c.program == "npm" and subcommand(c) in INSTALLS]
            if not installs:
                continue
            if any(c.program == "npm" and subcommand(c) == "cache" for c in script.commands):
                continue
            if _removes_npm_cache(script, installs[-1]) or all(_installs_a_package_manager(c) for c in installs):
                continue
            if npm_cache_mounted(ins) or any(c.has_flag("--cache") for c in installs):
                continue
            if env_set(df, ins, "npm_config_cache") or env_set(df, ins, "NPM_CONFIG_CACHE"):
                continue
            if not any(answer.reaches_image(ins.stage, cache) for cache in NPM_CACHES):
                continue  # a builder stage's cache, thrown away with the stage
            if warms_a_cache(ins) or answer.local_only or built_locally or is_dev_container(ctx.path):
                continue  # the cache is what this RUN is for, or a development or test image keeps it
            fix = None
            if ins.is_shell_form and can_append_to_run(df, ins, script):
                fix = self.make_fix([Edit.insert(ins.rest_end, " && npm cache clean --force")])
            first = installs[0]
            yield self.report(first.start, first.end, self.message.format(sub=subcommand(first)), fix=fix,
                              alternatives=mount_alternatives(self, "npm", df, ins))
