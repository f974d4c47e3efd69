from __future__ import annotations

from collections import ChainMap

from ...dockerfile.stages import AUTOMATIC_ARGS, iter_stage_env, stage_env
from ...dockerfile.placeholders import foreign_placeholder_names
from ...dockerfile.variables import expand
from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import close_matches

# Instructions whose arguments BuildKit expands (RUN/CMD/ENTRYPOINT are left to the shell;
# ONBUILD triggers are expanded in the child build, with the child's variables).
EXPANDED = ("ADD", "COPY", "ENV", "ARG", "EXPOSE", "LABEL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR")
# Variables set in nearly every base image's config.
ALWAYS_KNOWN = frozenset({"PATH"})
# Environment of popular Docker Official Images (from their Dockerfiles' ENV lines), so that a
# stage on one of them can be checked without pulling it. Other bases may set anything.
OFFICIAL_ENV = {
    "alpine": (), "debian": (), "ubuntu": (), "busybox": (), "scratch": (),
    "fedora": ("DISTTAG", "FGC", "FBR"), "centos": (), "rockylinux": (), "almalinux": (),
    "amazonlinux": (), "archlinux": ("LANG",),
    "python": ("LANG", "GPG_KEY", "PYTHON_VERSION", "PYTHON_SHA256", "PYTHON_PIP_VERSION",
               "PYTHON_SETUPTOOLS_VERSION", "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256"),
    "node": ("NODE_VERSION", "YARN_VERSION"),
    "golang": ("GOLANG_VERSION", "GOPATH", "GOTOOLCHAIN"),
    "rust": ("RUSTUP_HOME", "CARGO_HOME", "RUST_VERSION"),
    "nginx": ("NGINX_VERSION", "NJS_VERSION", "NJS_RELEASE", "PKG_RELEASE", "DYNPKG_RELEASE"),
    "httpd": ("HTTPD_PREFIX", "HTTPD_VERSION", "HTTPD_SHA256", "HTTPD_PATCHES"),
    "redis": ("REDIS_VERSION", "REDIS_DOWNLOAD_URL", "REDIS_DOWNLOAD_SHA"),
    "postgres": ("GOSU_VERSION", "LANG", "PG_MAJOR", "PG_VERSION", "PGDATA"),
    "eclipse-temurin": ("JAVA_HOME", "LANG", "LANGUAGE", "LC_ALL", "JAVA_VERSION"),
    "openjdk": ("JAVA_HOME", "LANG", "JAVA_VERSION"),
    "maven": ("MAVEN_HOME", "MAVEN_CONFIG", "JAVA_HOME", "LANG", "LANGUAGE", "LC_ALL", "JAVA_VERSION"),
    "gradle": ("GRADLE_HOME", "GRADLE_VERSION", "JAVA_HOME", "LANG", "LANGUAGE", "LC_ALL", "JAVA_VERSION"),
    "ruby": ("LANG", "RUBY_VERSION", "RUBY_DOWNLOAD_URL", "RUBY_DOWNLOAD_SHA256", "GEM_HOME",
             "BUNDLE_SILENCE_ROOT_WARNING", "BUNDLE_APP_CONFIG"),
    "php": ("PHPIZE_DEPS", "PHP_INI_DIR", "APACHE_CONFDIR", "APACHE_ENVVARS", "PHP_CFLAGS", "PHP_CPPFLAGS",
            "PHP_LDFLAGS", "GPG_KEYS", "PHP_VERSION", "PHP_URL", "PHP_ASC_URL", "PHP_SHA256"),
}


def base_env_known(stage) -> tuple[bool, frozenset[str]]:
    """(whether the root base image's environment is known, the names it sets)."""
    ref = stage.root_ref
    if ref is None:
        return False, frozenset()
    if ref.is_scratch:
        return True, frozenset()
    if ref.is_official and ref.name in OFFICIAL_ENV:
        return True, ALWAYS_KNOWN | frozenset(OFFICIAL_ENV[ref.name])
    return False, ALWAYS_KNOWN


def inherited_env(df, stage, cache: dict | None = None) -> dict[str, str | None]:
    """ENV set by the stages this one is built on (ARGs do not carry over to a child stage).
    `cache` (one per check) keeps what each stage passes on, so that a chain of n stages
    costs n steps, not n²; a stage that sets no ENV passes on its parent's dict (read only)."""
    cache = {} if cache is None else cache
    chain = []
    s = stage.base_stage
    while s is not None and s.index not in cache:
        chain.append(s)
        s = s.base_stage
    env: dict[str, str | None] = cache[s.index] if s is not None else {}
    for parent in reversed(chain):
        env_names = {kv.key.value for ins in parent.of("ENV") for kv in ins.pairs}
        if env_names:
            env = dict(env)
            for name, value in stage_env(df, parent).items():
                if name in env_names:
                    env[name] = value
        cache[parent.index] = env
    return env


def words_to_expand(ins):
    """(text, start, end) of each argument BuildKit expands in `ins`."""
    if ins.keyword in ("ENV", "ARG", "LABEL"):
        for kv in ins.pairs:
            if ins.keyword == "LABEL":
                yield kv.key.value, kv.key.start, kv.key.end
            if kv.value is not None:
                yield kv.value.value, kv.value.start, kv.value.end
        return
    if ins.keyword in ("COPY", "ADD"):
        for flag in ins.flags:
            if flag.name in ("chown", "chmod", "from") and flag.value:
                yield flag.value, flag.start, flag.end
        if ins.heredocs:
            return
    for w in ins.words:
        yield w.value, w.start, w.end


class UndefinedVariable(Rule):
    """An instruction uses a variable that no `ARG` or `ENV` defines.

    ## What it does
    In the instructions BuildKit expands itself (`ADD`, `COPY`, `ENV`, `ARG`, `EXPOSE`,
    `LABEL`, `STOPSIGNAL`, `USER`, `VOLUME`, `WORKDIR`), flags `$NAME`/`${NAME}` when `NAME` is
    not declared in the stage (an `ARG` or `ENV` above it, or an `ENV` of the stage it is built
    on), not an automatic platform argument, and not set by the base image. `${NAME:-default}`
    and `${NAME:+alt}` are fine. A close, defined name is suggested.

    Like BuildKit, `RUN`, `CMD` and `ENTRYPOINT` are not checked: their variables belong to the
    shell. ONBUILD triggers are not checked either: they are expanded in the child build.

    dockwise cannot pull the base image, so it knows the base's environment only for
    `scratch` and popular official images (`python`, `node`, `golang`…; `PATH` everywhere). On
    any other base it reports only names that look like a typo of a defined variable.

    Stages: all, each stage with the `ENV` of the stages it is built `FROM`.

    ## Why is this bad?
    An undefined variable expands to an empty string: `WORKDIR $APP_HOME/src` becomes
    `WORKDIR /src`, and `COPY app $DEST` copies to the wrong place, without any error. Global
    `ARG`s (before the first `FROM`) are not visible inside a stage unless redeclared.

    ## Example
    ```dockerfile
    ARG VERSION=1.2
    FROM alpine
    LABEL version=$VERSION
    ```

    Use instead:
    ```dockerfile
    ARG VERSION=1.2
    FROM alpine
    ARG VERSION
    LABEL version=$VERSION
    ```

    ## References
    - BuildKit `UndefinedVar`: https://docs.docker.com/reference/build-checks/undefined-var/
    """

    code = "DW417"
    inputs = Inputs(keywords={"ADD", "ARG", "COPY", "ENV", "EXPOSE", "LABEL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"}, scope=Scope.STAGE)
    name = "undefined-variable"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    buildkit_name = "UndefinedVar"
    message = "Usage of undefined variable `${name}`{hint}"

    def check(self, ctx: RuleContext):
        df = ctx.df
        passed_on: dict = {}  # what each stage's ENV passes on to the stages built on it
        for stage in df.stages:
            todo = [ins for ins in stage.instructions if _uses_variables(ins)]
            if not todo:
                continue  # spares the walk through the stage's variables
            todo_set = set(todo)
            known, image_env = base_env_known(stage)
            inherited = None
            defaults: dict = {}
            close_cache: dict[str, list[str]] = {}
            for ins, live in iter_stage_env(df, stage):
                if ins not in todo_set:
                    continue
                if inherited is None:
                    inherited = inherited_env(df, stage, passed_on)
                # a chain of mappings, not a merged copy: building a copy per instruction made
                # long stages quadratic
                env = ChainMap(live, inherited, defaults.setdefault(stage.index, dict.fromkeys([*AUTOMATIC_ARGS, *image_env], "")))
                reported = set()
                for text, start, end in words_to_expand(ins):
                    if "$" not in text:
                        continue
                    placeholders = foreign_placeholder_names(text)
                    for name in sorted(expand(text, env, df.escape).unknown):
                        if name in reported or name in placeholders:
                            continue
                        if name not in close_cache:  # once per name and stage: env can be huge
                            close_cache[name] = list(close_matches(name, tuple(env), 1, 0.8))
                        close = close_cache[name]
                        if not known and not close:
                            continue
                        reported.add(name)
                        hint = f" (did you mean `${close[0]}`?)" if close else ""
                        yield self.report(start, end, self.message.format(name=name, hint=hint))
                if ins is todo[-1]:
                    break  # the variables of the rest of the stage are not needed


def _uses_variables(ins) -> bool:
    if ins.keyword not in EXPANDED:
        return False
    if not ins.json and "$" not in ins.line.text:
        return False  # every word is taken from the line (JSON strings may spell `$` as \u0024)
    return any("$" in t for t, _, _ in words_to_expand(ins))
