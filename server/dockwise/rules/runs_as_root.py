"""Who the final image runs as: shared by DW200 (bases known to run as root) and DW221 (other bases).

The final stage runs as root when neither it nor a stage it is built FROM sets a `USER`,
unless its base image does (which dockwise knows only for some images), or the image is
one that is not meant to run as a service user: a base image for others, an image whose
entrypoint drops root itself, a dev container.
"""

from __future__ import annotations

import re

from ..knowledge import images
from ..knowledge.distros import package_family
from .dockerfile.dl3002_last_user_root import effective_user
from .helpers import final_stage

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
    r"|docker\.elastic\.co/.*|ghcr\.io/dependabot/.*")
_NONROOT_TAG = re.compile(r"(^|[-_.])(nonroot|rootless|non-root|unprivileged)($|[-_.])")
# Official images whose own entrypoint steps down from root (gosu/su-exec/setpriv) before
# starting the server: an image built on one and keeping its ENTRYPOINT does not run as root.
_DROPPING_ENTRYPOINTS = frozenset({"postgres", "mysql", "mariadb", "redis", "mongo", "rabbitmq", "cassandra", "couchdb",
                                   "zookeeper", "neo4j", "ghost", "influxdb", "percona", "couchbase", "bonita"})
# Programs an entrypoint uses to drop from root to another user at start-up.
_PRIVILEGE_DROPPERS = ("gosu", "su-exec", "setpriv", "runuser", "chroot --userspec", "s6-setuidgid", "chpst")
# Distribution images: with no command of its own, an image on one is a base for others.
_DISTRIBUTION_IMAGE = re.compile(r"(^|/)(debian|ubuntu|alpine|buildpack-deps|fedora|centos|rockylinux|almalinux|"
                                 r"amazonlinux|oraclelinux|archlinux|opensuse/(leap|tumbleweed)|ubi\d*(-\w+)?)$")
# CMDs of images built for others to build on (`CMD ["python3"]`, `CMD ["bash"]`).
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
        return images.normalize(ref.full_name) is not None  # a placeholder (`FROM REPLACE-ME`) is no image
    full = f"{ref.registry}/{ref.repository}" if ref.registry else ref.repository
    return full.startswith(_ROOT_REGISTRIES)



def root_final_stage(df, path: str):
    """(final stage, its root image reference, end of the span to report) when the image runs
    as root as far as its own Dockerfile says and none of the exceptions above applies."""
    stage = final_stage(df)
    if stage is None or stage.windows:
        return None
    ins, _ = effective_user(df, stage)
    if ins is not None:
        return None
    ref = stage.root_ref
    if ref is None or ref.is_scratch or base_runs_as_nonroot(ref) or _chosen_by_variable(stage):
        return None
    if _dev_container(path, ref) or _drops_root(stage) or _base_image(df, stage, ref):
        return None
    if ref.is_official and ref.name.removeprefix("library/") in _DROPPING_ENTRYPOINTS and not _sets_entrypoint(stage):
        return None
    root = stage
    while root.base_stage is not None:
        root = root.base_stage
    word = stage.image_word or root.image_word
    return stage, ref, stage.from_.end if word is None else word.end


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
    """An image made for others to build on: its command is a bare shell or interpreter
    (`ENTRYPOINT ["docker-entrypoint.sh"]` + `CMD ["node"]`), or it has no command beyond an
    entrypoint wrapper script on top of a distribution (`buildpack-deps`, eclipse-temurin's JRE)."""
    cmd = entrypoint = None
    s = stage
    while s is not None:
        for ins in reversed(s.instructions):
            if ins.keyword == "CMD" and cmd is None:
                cmd = ins
            if ins.keyword == "ENTRYPOINT" and entrypoint is None:
                entrypoint = ins
        s = s.base_stage
    if cmd is not None:
        argv = list(cmd.args) if cmd.json else cmd.rest.split()
        # `CMD ["python3"]`, `CMD ["php", "-a"]`: an interactive shell or interpreter
        return bool(argv) and argv[0].rsplit("/", 1)[-1] in _BASE_IMAGE_CMDS and all(a.startswith("-") for a in argv[1:])
    if entrypoint is not None:
        argv = list(entrypoint.args) if entrypoint.json else entrypoint.rest.split()
        if len(argv) != 1 or "entrypoint" not in argv[0].rsplit("/", 1)[-1]:
            return False
    return package_family(ref) is not None and bool(_DISTRIBUTION_IMAGE.search(ref.name))


def _sets_entrypoint(stage) -> bool:
    s = stage
    while s is not None:
        if s.of("ENTRYPOINT"):
            return True
        s = s.base_stage
    return False
