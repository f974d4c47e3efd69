from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ..support.runs_as_root import base_known_root, root_final_stage


class NoUser(Rule):
    """The image never switches away from root.

    ## What it does
    Flags a final stage with no `USER` at all (neither in it nor in a stage it is built
    `FROM`) on a base known to run as root: Docker Official Images (`python`, `node`,
    `ubuntu`…), .NET and UBI images. Other bases may set their own `USER`, which dockwise
    cannot see offline: DW221 (preview) asks about those. A base chosen by a build argument
    is not judged. Not flagged:
    - bases known to run as a non-root user: distroless `:nonroot` tags, Chainguard
      (`cgr.dev`), Bitnami (1001), Jupyter (`jovyan`), Selenium, Jenkins, Grafana,
      Prometheus, Elastic, Keycloak, Airflow, Paketo images, and tags saying `nonroot`,
      `rootless` or `unprivileged`;
    - `scratch`, Windows stages, and builder stages (they do not ship);
    - images that drop root at start-up: the final stage installs or mentions `gosu`,
      `su-exec`, `setpriv`, `runuser`, `chroot --userspec`, `s6-setuidgid` or `chpst` (the
      postgres, redis, mongo and mariadb images' entrypoints do this);
    - base images built for others to build on, whose command is a bare shell or
      interpreter (`CMD ["python3"]`, `CMD ["bash"]`) or that set no command (beyond an
      entrypoint wrapper script) on a distribution image (`buildpack-deps`, eclipse-temurin's
      JRE): a `USER` there would break the `RUN apt-get install` of every image built on them;
    - dev container images (a `.devcontainer` folder, or a `devcontainers` base): the
      editor picks the user (`remoteUser`);
    - command-line filters run once per input: nothing is `EXPOSE`d and the command reads
      standard input (`CMD ["/bin/hadolint", "-"]`) or is a JSON/YAML filter such as
      `ENTRYPOINT ["jq"]`; no service runs, so root buys an attacker little;
    - test inputs: a Dockerfile under a `testfiles/`, `testdata/` or `fixtures/` folder
      (BuildKit's parser tests) is data a test reads, not an image anyone runs.
    The command is the image's effective one: the last `ENTRYPOINT` and `CMD` across the
    stages it is built `FROM` (an `ENTRYPOINT ["nginx"]` in a base stage with
    `CMD ["-g", "daemon off;"]` in the final one runs nginx).
    hadolint's DL3002 only looks at an explicit `USER root`, so it misses this, the more
    common case.

    Stages: the final stage only — the stage the `target` setting names (`docker build
    --target`), else the last stage of the file, with the stages it is built `FROM`.

    ## Why is this bad?
    Without `USER`, the container's processes run as root. Any code-execution bug becomes
    root inside the container, with write access to everything in it.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    COPY . /app
    CMD ["python", "/app/main.py"]
    ```

    Use instead:
    ```dockerfile
    FROM python:3.12-slim
    RUN useradd --create-home --uid 10001 app
    COPY . /app
    USER app
    CMD ["python", "/app/main.py"]
    ```
    """

    code = "DW200"
    inputs = Inputs(keywords={"USER", "RUN", "COPY", "ADD", "CMD", "ENTRYPOINT", "EXPOSE"}, reports_missing=True)
    name = "no-user"
    category = Category.SECURITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "The image runs as root: the final stage never sets a non-root `USER`"

    def check(self, ctx: RuleContext):
        found = root_final_stage(ctx.df, ctx.path, ctx.settings.target)
        if found is not None and base_known_root(found[1]):
            stage, _, end = found
            yield self.report(stage.from_.start, end)
