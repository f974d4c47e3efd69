from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.cache_mounts import cache_paths, dropped_flags, mount_alternatives
from ..support.helpers import command_env, env_set, has_cache_mount, truthy
from ..support.pip import PIP, PYTHONS, is_pip_install


class PipNoCacheDir(Rule):
    """`pip install` keeps its download cache in the image.

    ## What it does
    Flags `pip install` without `--no-cache-dir`, unless pip's cache is switched off by
    `ENV PIP_NO_CACHE_DIR=1` (or `PIP_NO_CACHE_DIR=1 pip install …` for the one command) or
    lives in a BuildKit cache mount on `/root/.cache/pip`
    (or `/root/.cache`).

    Stages: all, as hadolint (users of its DL3042 expect every `pip install` held to it).

    ## Why is this bad?
    pip stores every wheel it downloads under `~/.cache/pip`. In an image that cache is dead
    weight: often tens or hundreds of megabytes that no container will ever read.

    ## Example
    ```dockerfile
    RUN pip install -r requirements.txt
    ```

    Use instead:
    ```dockerfile
    RUN pip install --no-cache-dir -r requirements.txt
    # or keep the cache out of the layer and reuse it across builds:
    RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
    ```

    ## Fix safety
    Safe: the flag only stops pip from writing its cache; what gets installed is unchanged.

    Alternative (unsafe, needs BuildKit): instead of `--no-cache-dir` (which would leave the
    mount unused, so the other `pip install`s of the RUN lose theirs too), a cache mount on
    pip's cache directory for the user the RUN runs as:
    `/root/.cache/pip` for root, `PIP_CACHE_DIR` or `$XDG_CACHE_HOME/pip` when the Dockerfile
    sets them, `~/.cache/pip` of an official image's own user with its `uid`/`gid` (BuildKit
    creates the directory for root otherwise, and pip could not write it). Not offered when the
    user or the directory cannot be told (a base image of unknown user, a variable from an
    `ARG`), nor for an `ONBUILD` trigger, nor when the file's frontend lacks `RUN --mount`.
    Unsafe because it changes how the build uses the builder's cache.

    ## References
    - hadolint DL3042
    """

    code = "DL3042"
    # USER: the cache-mount alternative mounts at the user's home, owned by them
    inputs = Inputs(keywords={"RUN", "USER"}, programs=PIP + PYTHONS, scope=Scope.STAGE)
    name = "pip-install-without-no-cache-dir"
    category = Category.SIZE
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    message = "`pip install` without `--no-cache-dir` leaves pip's download cache in the image"
    fix_title = "Add `--no-cache-dir`"

    def check_command(self, cmd, ins, script, ctx: RuleContext):
        df = ctx.df
        if not is_pip_install(cmd) or cmd.has_flag("--no-cache-dir"):
            return
        if truthy(env_set(df, ins, "PIP_NO_CACHE_DIR")) or \
                truthy(command_env(df, cmd, "PIP_NO_CACHE_DIR")) or \
                has_cache_mount(ins, "/root/.cache/pip", "/root/.cache", *(cache_paths("pip", df, ins) or ())) or \
                any(w.value.startswith("--cache-dir") for w in cmd.argv):
            return
        install = next(w for w in cmd.unwrapped() if w.value == "install")
        fix = self.make_fix([Edit.insert(install.end, " --no-cache-dir")])
        # instead of `--no-cache-dir` (which would leave the mount empty): the cache, kept
        # out of the layer, serves the next build
        # (and the other installs of the RUN lose their `--no-cache-dir`, which would keep them
        # from the mounted cache)
        others = dropped_flags(df, [c for c in script.commands if c is not cmd and is_pip_install(c)], "--no-cache-dir")
        yield self.report(cmd.start, cmd.end, fix=fix, alternatives=mount_alternatives(self, "pip", df, ins, others))
