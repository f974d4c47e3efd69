from __future__ import annotations

from ...analysis.shipping import shipping
from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..helpers import (
    cache_mount_targets,
    can_append_to_run,
    env_set,
    runs_with,
    subcommand,
)

NPM_CACHES = ("/root/.npm", "/home/*/.npm")  # ~/.npm of root or another user
INSTALLS = ("install", "i", "ci", "add", "isntall", "update")


def npm_cache_mounted(ins) -> bool:
    return any(t.endswith("/.npm") or t.endswith("/.npm/_cacache") or t == "/root" or t.endswith("/.cache")
               for t in cache_mount_targets(ins))


class NpmCacheInLayer(Rule):
    """`npm install`/`npm ci` leaves npm's download cache in the layer.

    ## What it does
    Flags `npm install`, `npm ci` (and `npm i`/`update`) in a `RUN` that neither runs
    `npm cache clean --force` nor keeps `~/.npm` in a cache mount, unless the cache is moved
    with `--cache` or `ENV npm_config_cache`.

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

    ## References
    - No hadolint, checkov or trivy check covers npm's cache; see npm's `npm cache` docs
    """

    code = "DW110"
    reads = frozenset({"RUN", "COPY"})  # COPY --from: what of a discarded stage is copied out
    # every RUN: a `RUN --mount=from=` elsewhere decides which stages ship
    name = "npm-cache-in-layer"
    category = Category.SIZE
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    message = "`npm {sub}` leaves npm's download cache in the layer"
    fix_title = "Append `&& npm cache clean --force`"

    def check(self, ctx: RuleContext):
        df = ctx.df
        answer = shipping(df, ctx.settings.target)
        for ins, script in runs_with(df, "npm"):
            installs = [c for c in script.commands if c.program == "npm" and subcommand(c) in INSTALLS]
            if not installs:
                continue
            if any(c.program == "npm" and subcommand(c) == "cache" for c in script.commands):
                continue
            if npm_cache_mounted(ins) or any(c.has_flag("--cache") for c in installs):
                continue
            if env_set(df, ins, "npm_config_cache") or env_set(df, ins, "NPM_CONFIG_CACHE"):
                continue
            if not any(answer.reaches_image(ins.stage, cache) for cache in NPM_CACHES):
                continue  # a builder stage's cache, thrown away with the stage
            fix = None
            if ins.is_shell_form and can_append_to_run(df, ins, script):
                fix = self.make_fix([Edit.insert(ins.rest_end, " && npm cache clean --force")])
            first = installs[0]
            yield self.report(first.start, first.end, self.message.format(sub=subcommand(first)), fix=fix)
