"""Who the final image runs as: shared by DW200 (bases known to run as root) and DW221 (other bases).

The final stage runs as root when neither it nor a stage it is built FROM sets a `USER`,
unless its base image does (which dockwise knows only for some images), or the image is
one that is not meant to run as a service user: a base image for others, an image whose
entrypoint drops root itself, a server whose master process starts unprivileged workers
(nginx, php-fpm, Apache httpd), a dev container, a command-line filter that exposes nothing
and reads standard input (`ENTRYPOINT ["jq"]`, `CMD ["/bin/hadolint", "-"]`).
"""

from __future__ import annotations

from ...analysis.shipping import is_dev_container, test_input_folder_of
from ...knowledge import images
from ...knowledge.distros import package_family
from ...lazy_regex import lazy_compile
from .helpers import final_stage
from ...dockerfile.stages import stage_env
from ...dockerfile.variables import expand

# Registries whose images are known to run as root unless told otherwise.
_ROOT_REGISTRIES = ("mcr.microsoft.com/dotnet/", "registry.access.redhat.com/ubi", "public.ecr.aws/docker/library/")
_NONROOT_PREFIXES = ("cgr.dev/chainguard/", "cgr.dev/")
# Images whose own Dockerfile ends with a non-root `USER` (repository, as `registry/repo` or Hub `owner/repo`).
_NONROOT_IMAGES = lazy_compile(
    r"(docker\.io/)?(bitnami|bitnamicharts|jupyter|selenium|paketobuildpacks|nginxinc/nginx-unprivileged|"
    r"jenkins/(jenkins|inbound-agent|agent|ssh-agent)|sonarqube|prom|grafana/(grafana|grafana-oss|k6|loki|tempo|mimir)|"
    r"apache/airflow|nodered/node-red|n8nio/n8n|confluentinc|temporalio|hashicorp/(boundary|consul-template)|"
    r"elastic)(/.*)?$"
    r"|quay\.io/(jupyter|prometheus|keycloak/keycloak|jupyterhub/k8s-singleuser-sample)(/.*)?$"
    r"|docker\.elastic\.co/.*|ghcr\.io/dependabot/.*")
_NONROOT_TAG = lazy_compile(r"(^|[-_.])(nonroot|rootless|non-root|unprivileged)($|[-_.])")
# Official images whose own entrypoint steps down from root (gosu/su-exec/setpriv) before
# starting the server: an image built on one and keeping its ENTRYPOINT does not run as root.
_DROPPING_ENTRYPOINTS = frozenset({"postgres", "mysql", "mariadb", "redis", "mongo", "rabbitmq", "cassandra", "couchdb",
                                   "zookeeper", "neo4j", "ghost", "influxdb", "percona", "couchbase", "bonita"})
# Programs an entrypoint uses to drop from root to another user at start-up.
PRIVILEGE_DROPPERS = ("gosu", "su-exec", "setpriv", "runuser", "chroot --userspec", "s6-setuidgid", "chpst")
# Distribution images: with no command of its own, an image on one is a base for others.
_DISTRIBUTION_IMAGE = lazy_compile(r"(^|/)(debian|ubuntu|alpine|buildpack-deps|fedora|centos|rockylinux|almalinux|"
                                   r"amazonlinux|oraclelinux|archlinux|opensuse/(leap|tumbleweed)|ubi\d*(-\w+)?)$")
# Servers whose master process runs as root on purpose and starts its workers as an unprivileged
# user itself (nginx's `user`, php-fpm's pool `user`, Apache's `User`): a `USER` would break them.
_SELF_DROPPING_SERVERS = frozenset({"nginx", "php-fpm", "httpd-foreground", "apache2-foreground", "httpd", "apache2"})
# Official images whose default command is such a server.
_SELF_DROPPING_IMAGES = frozenset({"nginx", "httpd"})
# Official language images: with no command of their own, an image on one keeps the interpreter
# as its command, a base for others (`FROM node:22` + installs, no CMD).
_LANGUAGE_IMAGES = frozenset({"node", "python", "ruby", "php", "golang", "openjdk", "eclipse-temurin", "amazoncorretto",
                              "ibm-semeru-runtimes", "perl", "rust", "elixir", "erlang", "haskell", "julia", "r-base",
                              "pypy", "swift", "dart", "groovy", "gradle", "maven", "clojure"})
# Programs that read their input from standard input and write the result to standard output.
_STDIN_FILTERS = frozenset({"jq", "gojq", "jaq", "yq", "xq"})
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



def root_final_stage(df, path: str, target: str | None = None):
    """(final stage, its root image reference, end of the span to report) when the image runs
    as root as far as its own Dockerfile says and none of the exceptions above applies."""
    if test_input_folder_of(path):
        return None  # data for a test (a parser's input under `testfiles/`): no image is built from it
    stage = final_stage(df, target)
    if stage is None or stage.windows:
        return None
    ins, _ = effective_user(df, stage)
    if ins is not None:
        return None
    ref = stage.root_ref
    if ref is None or ref.is_scratch or base_runs_as_nonroot(ref) or _chosen_by_variable(stage):
        return None
    if is_dev_container(path, ref) or _drops_root(stage) or built_for_others(df, stage, ref):
        return None
    if _server_drops_root(stage, ref) or one_shot_filter(stage):
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


def _drops_root(stage) -> bool:
    """The image's entrypoint can step down from root itself (it has gosu, su-exec…)."""
    s = stage
    while s is not None:
        for ins in s.instructions:
            if ins.keyword in ("RUN", "COPY", "ADD", "ENTRYPOINT", "CMD") and \
                    any(p in ins.line.text for p in PRIVILEGE_DROPPERS):
                return True
        s = s.base_stage
    return False


def effective_command(stage):
    """(ENTRYPOINT, CMD) instructions the image built from `stage` starts with, across the
    stages it is built FROM, as BuildKit sets them: the last of each wins, and an ENTRYPOINT
    drops a CMD inherited from an earlier stage (not one set before it in its own stage)."""
    chain = []
    s = stage
    while s is not None:
        chain.append(s)
        s = s.base_stage
    entrypoint = cmd = None
    for s in reversed(chain):
        cmd_here = False
        for ins in s.instructions:
            if ins.keyword == "CMD":
                cmd, cmd_here = ins, True
            elif ins.keyword == "ENTRYPOINT":
                entrypoint = ins
                if not cmd_here:
                    cmd = None
    return entrypoint, cmd


def _argv(ins) -> list[str]:
    return list(ins.args) if ins.json else ins.rest.split()


def _program(ins) -> str:
    argv = _argv(ins)
    return argv[0].rsplit("/", 1)[-1] if argv else ""


def built_for_others(df, stage, ref) -> bool:
    """An image made for others to build on: its command is a bare shell or interpreter
    (`ENTRYPOINT ["docker-entrypoint.sh"]` + `CMD ["node"]`), or it has no command beyond an
    entrypoint wrapper script on top of a distribution (`buildpack-deps`, eclipse-temurin's JRE)."""
    entrypoint, cmd = effective_command(stage)
    if cmd is not None:
        argv = _argv(cmd)
        # `CMD ["python3"]`, `CMD ["php", "-a"]`: an interactive shell or interpreter
        return bool(argv) and argv[0].rsplit("/", 1)[-1] in _BASE_IMAGE_CMDS and all(a.startswith("-") for a in argv[1:])
    if entrypoint is None and ref.is_official and ref.name.removeprefix("library/") in _LANGUAGE_IMAGES:
        return True  # keeps the language image's interpreter as its command
    return _distribution_without_command(entrypoint, ref)


def distribution_built_for_others(stage, ref) -> bool:
    """A distribution image that adds to it (a `RUN`), exposes nothing and sets no command of
    its own beyond an entrypoint wrapper script (`buildpack-deps`: `FROM debian:bookworm` +
    packages): made for others to build on."""
    if not stage.of("RUN") or stage.of("EXPOSE"):
        return False
    entrypoint, cmd = effective_command(stage)
    return cmd is None and _distribution_without_command(entrypoint, ref)


def _distribution_without_command(entrypoint, ref) -> bool:
    if entrypoint is not None:
        argv = _argv(entrypoint)
        if len(argv) != 1 or "entrypoint" not in argv[0].rsplit("/", 1)[-1]:
            return False
    return package_family(ref) is not None and bool(_DISTRIBUTION_IMAGE.search(ref.name))


def _server_drops_root(stage, ref) -> bool:
    """The image runs nginx, php-fpm or Apache httpd, whose master process starts its workers
    as an unprivileged user (`CMD ["php-fpm"]`, `ENTRYPOINT ["nginx"]` with `CMD ["-g",
    "daemon off;"]` in a later stage, or an official nginx/httpd/php-fpm base whose command is
    kept)."""
    entrypoint, cmd = effective_command(stage)
    if any(ins is not None and _program(ins) in _SELF_DROPPING_SERVERS for ins in (entrypoint, cmd)):
        return True
    if cmd is not None:
        return False  # another command replaces the base's server
    name = ref.name.removeprefix("library/")
    tag = ref.tag or ""
    return ref.is_official and (name in _SELF_DROPPING_IMAGES or (name == "php" and ("fpm" in tag or "apache" in tag)))


def one_shot_filter(stage) -> bool:
    """The image is a command-line filter run once per input, not a service: nothing is
    exposed and its command reads standard input (`CMD ["/bin/hadolint", "-"]`) or is a
    program made to (`ENTRYPOINT ["jq"]`)."""
    s = stage
    while s is not None:
        if s.of("EXPOSE"):
            return False
        s = s.base_stage
    entrypoint, cmd = effective_command(stage)
    command = (_argv(entrypoint) if entrypoint is not None else []) + (_argv(cmd) if cmd is not None else [])
    if not command or not (entrypoint or cmd).json:
        return False
    program = command[0].rsplit("/", 1)[-1]
    return "-" in command[1:] or program in _STDIN_FILTERS


def _sets_entrypoint(stage) -> bool:
    s = stage
    while s is not None:
        if s.of("ENTRYPOINT"):
            return True
        s = s.base_stage
    return False


def effective_user(df, stage):
    """(USER instruction, user name) last set for `stage`, following `FROM <stage>` chains;
    (None, None) when no USER is set; (ins, None) when it depends on an unknown variable."""
    seen = set()
    while stage is not None and id(stage) not in seen:
        seen.add(id(stage))
        users = stage.of("USER")
        if users:
            ins = users[-1]
            exp = expand(ins.rest.strip(), stage_env(df, stage, ins), df.escape)
            if exp.unknown or not exp.value:
                return ins, None
            return ins, exp.value.split(":", 1)[0]
        stage = stage.base_stage
    return None, None
