from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ..support.runs_as_root import base_known_root, root_final_stage


class RootUnlessBaseSetsUser(Rule):
    """The image may run as root: its base is not one dockwise knows, and no `USER` is set.

    ## What it does
    The companion of DW200 for bases dockwise has no facts about (`minio/minio`,
    `nvidia/cuda`, `gcr.io/distroless/static` without `:nonroot`, a company base image…):
    when neither the final stage nor a stage it is built `FROM` sets a `USER`, the image runs
    as root unless the base image's own Dockerfile ends with a non-root `USER`, which
    dockwise cannot see offline. The same exceptions as DW200 apply: bases known to run as a
    non-root user (Bitnami, Jupyter, Selenium, Jenkins, Grafana, Chainguard, distroless
    `:nonroot`, tags saying `nonroot`/`rootless`…), images that drop root in their
    entrypoint (`gosu`, `su-exec`…), base images for others, dev containers, test inputs
    (under `testfiles/`, `testdata/`, `fixtures/`) and bases chosen by a build argument. One-word names that are no official image (`FROM
    REPLACE-ME`, an image a script builds locally) are not judged.

    Preview (opt-in), as information: read over dockwise's corpus, about a third of its
    findings are plainly right (distroless `static`, `nvidia/cuda`, `minio/minio`), most
    others are images for which root is a deliberate choice (CI and test runners such as
    `cypress/*`, tools that need the Docker socket such as `nginx-proxy` or Portainer,
    validation targets), and a few are wrong (cloud-workstation images). Check the base
    image's `USER` (`docker inspect -f '{{.Config.User}}' IMAGE`) before acting on it.

    Stages: the final stage only — the stage the `target` setting names (`docker build
    --target`), else the last stage of the file, with the stages it is built `FROM`.

    ## Why is this bad?
    Without `USER`, the container's processes run as root. Any code-execution bug becomes
    root inside the container, with write access to everything in it.

    ## Example
    ```dockerfile
    FROM minio/minio:latest
    COPY config.json /etc/minio/
    CMD ["server", "/data"]
    ```

    Use instead:
    ```dockerfile
    FROM minio/minio:latest
    COPY config.json /etc/minio/
    USER 1000:1000
    CMD ["server", "/data"]
    ```
    """

    code = "DW221"
    inputs = Inputs(keywords={"USER", "RUN", "COPY", "ADD", "CMD", "ENTRYPOINT", "EXPOSE"})
    name = "root-unless-base-sets-user"
    category = Category.SECURITY
    severity = Severity.INFO
    fix_availability = FixAvailability.NEVER
    message = "The image runs as root unless the base image sets a non-root `USER`: the final stage never sets one"

    def check(self, ctx: RuleContext):
        found = root_final_stage(ctx.df, ctx.path, ctx.settings.target)
        if found is not None and not base_known_root(found[1]) and not _placeholder(found[1]):
            stage, _, end = found
            yield self.report(stage.from_.start, end)


def _placeholder(ref) -> bool:
    """A one-word name that is no official image (`FROM REPLACE-ME`, `FROM image`, a tag built
    locally by a script): nothing to say about it."""
    return ref.is_official
