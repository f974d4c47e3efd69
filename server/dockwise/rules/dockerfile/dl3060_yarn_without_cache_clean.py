from __future__ import annotations

from ...analysis.shipping import shipping, warms_a_cache
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ..support.cache_mounts import cache_paths, mount_alternatives
from ..support.helpers import has_cache_mount, runs_with
from ..support.packages import append_cleanup_fix

YARN_CACHES = ("/usr/local/share/.cache/yarn", "/root/.cache/yarn", "/root/.yarn", "/home/node/.cache/yarn",
               "/root/.yarn/berry/cache", "/usr/local/share/.cache")


class YarnWithoutCacheClean(Rule):
    """`yarn install` leaves yarn's cache in the image.

    ## What it does
    Flags a RUN that runs `yarn install` without `yarn cache clean`, unless yarn's cache
    directory is a BuildKit cache or tmpfs mount (or `YARN_CACHE_FOLDER` points into one).

    Nor is a file that only builds development images (every stage `docker build` can make
    is named for development or tests: awesome-compose's `FROM … AS development` … `FROM
    development AS dev-envs`): its cache costs a developer's disk, no user pulls it.
    A RUN whose comment says it warms the cache (`# Warm global yarn cache` above it, in a
    development image whose `node_modules` go to a volume) is not reported: the cache is what
    it is for (hadolint reports it).

    Stages: shipped only — the final stage and the stages it is built `FROM`, or a stage
    whose yarn cache a `COPY --from` takes whole. The cache of a builder stage whose files
    are thrown away except for its build output costs the image nothing (hadolint flags
    every stage).

    ## Why is this bad?
    yarn keeps a copy of every package it fetched in its global cache, often hundreds of
    megabytes, next to the `node_modules` that are actually used.

    ## Example
    ```dockerfile
    RUN yarn install --frozen-lockfile
    ```

    Use instead:
    ```dockerfile
    RUN yarn install --frozen-lockfile && yarn cache clean
    # or keep the cache out of the layer and reuse it in the next build (yarn 1, as root):
    RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile
    ```

    ## Fix safety
    Safe: `yarn cache clean` only empties the cache; it is appended to the end of a shell-form
    RUN (heredoc RUNs are left alone).

    Alternative (unsafe, needs BuildKit): a cache mount on yarn 1's cache directory for the
    user the RUN runs as (`/usr/local/share/.cache/yarn` for root, `~/.cache/yarn` of the node
    image's `node` user with its `uid`/`gid`, or `YARN_CACHE_FOLDER`). Not offered when the
    file shows yarn 2 or later (`.yarnrc.yml`, `.yarn/`, corepack, `yarn set version`,
    `--immutable`): its cache may be the project's `.yarn/cache`, which Plug'n'Play reads at run
    time and a mount would hide. Nor when the user cannot be told, nor when the file's frontend
    lacks `RUN --mount`. Unsafe because it changes how the build uses the builder's cache.
    Where the clean-up fix is not offered (a heredoc RUN, a script ending in a comment), the
    mount is the finding's only fix.

    ## References
    - hadolint DL3060
    """

    code = "DL3060"
    # COPY --from: what of a discarded stage is copied out
    # USER: the cache-mount alternative mounts at the user's home, owned by them
    inputs = Inputs(keywords={"RUN", "COPY", "USER"})
    # every RUN: a `RUN --mount=from=` elsewhere decides which stages ship
    name = "yarn-install-without-cache-clean"
    category = Category.SIZE
    severity = Severity.INFO
    fix_availability = FixAvailability.SOMETIMES
    message = "`yarn install` without `yarn cache clean` leaves yarn's cache in the image"
    fix_title = "Append `&& yarn cache clean`"

    def check(self, ctx: RuleContext):
        df = ctx.df
        answer = shipping(df, ctx.settings.target)
        for ins, script in runs_with(df, "yarn"):
            yarns = script.find("yarn")
            installs = [c for c in yarns if any(w.value == "install" for w in c.args)]
            if not installs:
                continue
            if any(len(c.args) >= 2 and c.args[0].value == "cache" and c.args[1].value == "clean" for c in yarns):
                continue
            targets = [*YARN_CACHES, *(cache_paths("yarn", df, ins) or ())]
            for w in ins.rest.split():
                if w.startswith("YARN_CACHE_FOLDER="):
                    targets.append(w.split("=", 1)[1])
            if has_cache_mount(ins, *targets):
                continue
            if not any(answer.reaches_image(ins.stage, t) for t in targets) or answer.local_only \
                    or warms_a_cache(ins):
                # a builder stage's cache, thrown away with the stage, a development image's, or a
                # cache the RUN fills on purpose; hadolint reports it, so the finding only keeps a
                # `# hadolint ignore=DL3060` there used
                yield self.report(installs[0].start, installs[0].end, hadolint_only=True)
                continue
            fix = append_cleanup_fix(self, df, ins, script, "yarn cache clean")
            # yarn 2+ keeps its cache in the project (`.yarn/cache`, which Plug'n'Play reads at
            # run time) unless told otherwise: a mount is offered for yarn 1 only
            alternatives = () if _maybe_modern_yarn(df) else mount_alternatives(self, "yarn", df, ins)
            yield self.report(installs[0].start, installs[0].end, fix=fix, alternatives=alternatives)


# What only yarn 2 and later (berry) has: its config file and folder, its install flags, and
# corepack or `yarn set version`, which fetch the version a project pins (often a newer yarn).
_MODERN_YARN_SIGNS = (".yarnrc.yml", ".yarn/", "corepack", "set version", "berry", "--immutable")


def _maybe_modern_yarn(df) -> bool:
    return any(sign in df.text for sign in _MODERN_YARN_SIGNS)
