from __future__ import annotations

import re

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ...knowledge.distros import package_family
from ..helpers import final_stage
from .dl3002_last_user_root import effective_user

# Registries whose images are known to run as root unless told otherwise.
_ROOT_REGISTRIES = ("mcr.microsoft.com/dotnet/", "registry.access.redhat.com/ubi", "public.ecr.aws/docker/library/")
_NONROOT_PREFIXES = ("cgr.dev/chainguard/", "cgr.dev/")
# Images whose own Dockerfile ends with a non-root `USER` (repository, as `registry/repo` or Hub `owner/repo`).
_NONROOT_IMAGES = re.compile(
    r"(docker\.io/)?(bitnami|bitnamicharts|jupyter|selenium|paketobuildpacks|nginxinc/nginx-unprivileged|"
    r"jenkins/(jenkins|inbound-agent|agent|ssh-agent)|sonarqube|prom|grafana/(grafana|grafana-oss|k6|loki|tempo|mimir)|"
    r"apache/airflow|nodered/node-red|n8nio/n8n|confluentinc|temporalio|hashicorp/(boundary|consul-template)|"
    r"elastic)(/.*)?$"
    r"|quay\.io/(jupyter|prometheus|keycloak/keycloak|jupyterhub/k8s-singleuser-sample)(/.*)?$"
    r"|docker\.elastic\.co/.*|ghcr\.io/dependabot/.*|gcr\.io/kaniko-project/executor:.*debug-nonroot.*")
_NONROOT_TAG = re.compile(r"(^|[-_.])(nonroot|rootless|non-root|unprivileged)($|[-_.])")
# Programs an entrypoint uses to drop from root to another user at start-up.
_PRIVILEGE_DROPPERS = ("gosu", "su-exec", "setpriv", "runuser", "chroot --userspec", "s6-setuidgid", "chpst")
# CMDs of images built for others to build on (`CMD ["python3"]`, `CMD ["bash"]`).
_DISTRIBUTION_IMAGE = re.compile(r"(^|/)(debian|ubuntu|alpine|buildpack-deps|fedora|centos|rockylinux|almalinux|"
                                 r"amazonlinux|oraclelinux|archlinux|opensuse/(leap|tumbleweed)|ubi\d*(-\w+)?)$")
_BASE_IMAGE_CMDS = frozenset({"bash", "sh", "ash", "zsh", "python", "python3", "node", "irb", "ruby", "php", "jshell",
                              "ghci", "iex", "erl", "julia", "perl", "R", "pwsh", "gradle", "mvn", "go"})


def base_runs_as_nonroot(ref) -> bool:
    """Bases that already run as a non-root user: distroless `nonroot` tags, Chainguard, and
    vendor images that end with a non-root `USER` (Bitnami as 1001, Jupyter as jovyan…)."""
    full = ref.full_name if ref.registry else ref.repository
    if full.startswith(_NONROOT_PREFIXES):
        return True
    tag = ref.tag or ""
    if "distroless" in full and "nonroot" in tag:
        return True
    return bool(_NONROOT_TAG.search(tag)) or bool(_NONROOT_IMAGES.match(full.lower()))


def base_known_root(ref) -> bool:
    """Bases known to run as root by default: Docker Official Images and a few vendor images.
    Other images may set their own USER, which dockwise cannot see offline."""
    if ref.is_official:
        return True
    full = f"{ref.registry}/{ref.repository}" if ref.registry else ref.repository
    return full.startswith(_ROOT_REGISTRIES)


class NoUser(Rule):
    """The image never switches away from root.

    ## What it does
    Flags a final stage with no `USER` at all (neither in it nor in a stage it is built
    `FROM`). On a base known to run as root — Docker Official Images (`python`, `node`,
    `ubuntu`…), .NET and UBI images — it is a warning; on another base it is information
    that says "unless the base image sets a non-root USER", which dockwise cannot see
    offline (a base chosen by a build argument is not judged).
    Not flagged:
    - bases known to run as a non-root user: distroless `:nonroot` tags, Chainguard
      (`cgr.dev`), Bitnami (1001), Jupyter (`jovyan`), Selenium, Jenkins, Grafana,
      Prometheus, Elastic, Keycloak, Airflow, Paketo images, and tags saying `nonroot`,
      `rootless` or `unprivileged`;
    - `scratch`, Windows stages, and builder stages (they do not ship);
    - images that drop root at start-up: the final stage installs or mentions `gosu`,
      `su-exec`, `setpriv`, `runuser`, `chroot --userspec`, `s6-setuidgid` or `chpst` (the
      postgres, redis, mongo and mariadb images' entrypoints do this);
    - base images built for others to build on, whose command is a bare shell or
      interpreter (`CMD ["python3"]`, `CMD ["bash"]`) or that set no `CMD`/`ENTRYPOINT`
      on a distribution image (`buildpack-deps`): a `USER` there would break the
      `RUN apt-get install` of every image built on them;
    - dev container images (a `.devcontainer` folder, or a `devcontainers` base): the
      editor picks the user (`remoteUser`).
    hadolint's DL3002 only looks at an explicit `USER root`, so it misses this, the more
    common case.

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
    reads = frozenset({"USER", "RUN", "COPY", "ADD", "CMD", "ENTRYPOINT"})
    name = "no-user"
    category = Category.SECURITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "The image runs as root: the final stage never sets a non-root `USER`"
    unknown_message = ("The image runs as root unless the base image sets a non-root `USER`: the final stage "
                       "never sets one")

    def check(self, ctx: RuleContext):
        df = ctx.df
        stage = final_stage(df)
        if stage is None or stage.windows:
            return
        ins, _ = effective_user(df, stage)
        if ins is not None:
            return
        ref = stage.root_ref
        if ref is None or ref.is_scratch or base_runs_as_nonroot(ref) or _chosen_by_variable(stage):
            return
        if _dev_container(ctx.path, ref) or _drops_root(stage) or _base_image(df, stage, ref):
            return
        root = stage
        while root.base_stage is not None:
            root = root.base_stage
        word = stage.image_word or root.image_word
        if base_known_root(ref):
            yield self.report(stage.from_.start, stage.from_.end if word is None else word.end)
            return
        # dockwise cannot see the base's USER offline: a question, not a fact
        d = self.report(stage.from_.start, stage.from_.end if word is None else word.end, self.unknown_message)
        d.severity = Severity.INFO
        yield d


def _chosen_by_variable(stage) -> bool:
    root = stage
    while root.base_stage is not None:
        root = root.base_stage
    return root.unresolved or (root.image_word is not None and "$" in root.image_word.value)


def _dev_container(path: str, ref) -> bool:
    return ".devcontainer" in path.replace("\\", "/").split("/") or "devcontainers/" in ref.repository


def _drops_root(stage) -> bool:
    """The image's entrypoint can step down from root itself (it has gosu, su-exec…)."""
    s = stage
    while s is not None:
        for ins in s.instructions:
            if ins.keyword in ("RUN", "COPY", "ADD", "ENTRYPOINT", "CMD") and \
                    any(p in ins.line.text for p in _PRIVILEGE_DROPPERS):
                return True
        s = s.base_stage
    return False


def _base_image(df, stage, ref) -> bool:
    """An image made for others to build on: a bare shell/interpreter command, or no command
    at all on top of a distribution."""
    s, command = stage, None
    while s is not None and command is None:
        found = [i for i in s.instructions if i.keyword in ("CMD", "ENTRYPOINT")]
        command = found[-1] if found else None
        s = s.base_stage
    if command is None:
        return package_family(ref) is not None and bool(_DISTRIBUTION_IMAGE.search(ref.name))
    argv = list(command.args) if command.json else command.rest.split()
    return len(argv) == 1 and argv[0].rsplit("/", 1)[-1] in _BASE_IMAGE_CMDS
