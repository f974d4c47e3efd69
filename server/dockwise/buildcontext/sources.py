"""The builds a repository's own files name: which Dockerfile each builds from which context.

Each reader takes one file's text and returns :class:`Build` records with absolute paths:

- compose files (`build: ./dir` or `build.context` + `build.dockerfile`, relative to the
  compose file's folder), and dev container definitions (`devcontainer.json`: the Dockerfile
  relative to the file, `build.context` too), which count as compose files;
- bake files (`target` blocks of `docker-bake.hcl`, `docker-bake.json`; the Dockerfile is
  relative to the context);
- GitHub Actions workflows (`docker/build-push-action` steps' `context`/`file`, and `docker
  build` command lines in `run:` blocks; paths relative to the repository root or the step's
  `working-directory`), `.gitlab-ci.yml` scripts;
- Makefiles (recipes run in the Makefile's folder), shell scripts (their folder, or the
  repository root when only that makes the named Dockerfile exist), `package.json` scripts.

Values that come from variables are resolved only when the file itself sets them to a
literal (workflow `env:` and `matrix:` lists, Make and shell assignments); a context that
stays unresolved is skipped, never guessed. A Dockerfile path with an unresolved variable
still names the files of its shape (`src/$1/Dockerfile` names `src/<one folder>/Dockerfile`).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import re
from dataclasses import dataclass

from ..lazy_regex import lazy_compile

__all__ = ["Build", "read_bake_hcl", "read_devcontainer", "read_bake_json", "read_compose", "read_gitlab_ci", "read_makefile",
           "read_package_json", "read_script", "read_workflow"]


@dataclass(frozen=True)
class Build:
    """One build named by a file of the repository."""
    kind: str                 # compose | bake | ci | script
    origin: str               # the file that names it (absolute)
    line: int                 # 1-based line in `origin`, 0 when unknown
    label: str                # "service `web`", "target `app`", "" …
    context: str              # absolute, normalised
    dockerfile: str           # absolute, normalised; a regex over absolute paths when `shaped`
    shaped: bool = False      # the Dockerfile path held variables: `dockerfile` is a pattern
    prepared: str = ""        # a command the script runs in the context first (`npm ci`): it fills
    #                           the context with what `COPY .` is meant to take
    args: frozenset[str] = frozenset()  # build arguments it passes a non-empty value (compose `build.args`)
    # the image stays on the machine that builds it: a compose service that runs tests, or a
    # script's `docker build -t TAG` whose TAG it only runs with `docker run --rm` and never pushes
    local: bool = False

    def builds(self, dockerfile: str) -> bool:
        if self.shaped:
            return re.fullmatch(self.dockerfile, dockerfile) is not None
        return self.dockerfile == dockerfile


def _norm(base: str, path: str) -> str:
    return os.path.normpath(os.path.join(base, path))


def _is_remote(ctx: str) -> bool:
    return "://" in ctx or ctx.startswith("git@") or ctx == "-"


# -- compose ------------------------------------------------------------------------------------

def read_compose(path: str, text: str, env: dict[str, str] | None = None) -> list[Build]:
    """`env`: the variables of the `.env` file next to it, which compose substitutes."""
    import yaml
    try:
        data = _load_yaml(text)
    except yaml.YAMLError:
        return []
    services = data.get("services") if isinstance(data, dict) else None
    if not isinstance(services, dict):
        return []
    base = os.path.dirname(path)
    out = []
    for name, svc in services.items():
        build = svc.get("build") if isinstance(svc, dict) else None
        if isinstance(build, str):
            ctx, dockerfile = build, "Dockerfile"
        elif isinstance(build, dict):
            ctx, dockerfile = build.get("context", "."), build.get("dockerfile", "Dockerfile")
            if "dockerfile_inline" in build:
                continue
        else:
            continue
        if not isinstance(ctx, str) or not isinstance(dockerfile, str) or _is_remote(ctx):
            continue
        if "$" in ctx or "$" in dockerfile:
            continue
        ctx_abs = _norm(base, ctx)
        local = _runs_tests(name, svc) and not (isinstance(build, dict) and build.get("tags"))
        out.append(Build("compose", path, _line_of(text, f"{name}:"), f"service `{name}`", ctx_abs,
                         _norm(ctx_abs, dockerfile), args=_compose_args(build, env or {}), local=local))
    return out


_TEST_COMMAND = lazy_compile(r"(^|[\s/\"'])(test|tests|e2e|pytest|jest|mocha|vitest|cypress\s+run)($|[\s:\"'])")
_TEST_SERVICE = lazy_compile(r"(^|[-_])(tests?|e2e|ci)($|[-_])")


def _runs_tests(name: str, svc: dict) -> bool:
    """A compose service built to run a test suite (`command: npm run test`, a `test-…`
    service) and given no `image:` (nor `build.tags`) to push it under: the image stays where
    it is built."""
    if svc.get("image"):
        return False
    command = svc.get("command")
    if isinstance(command, list):
        command = " ".join(str(c) for c in command)
    return bool(_TEST_SERVICE.search(str(name).lower())) or \
        (isinstance(command, str) and bool(_TEST_COMMAND.search(command)))


def _compose_args(build, env: dict[str, str]) -> frozenset[str]:
    """The names of `build.args` that get a non-empty value: a literal, or a variable the
    `.env` file sets (`BASE: ${BASE}`, or a bare `- SENTRY_IMAGE`, which takes its value from
    the environment compose runs in), or one with a non-empty default (`${TAG:-1.27}`). A
    variable only the shell may set can be empty, and the build then gets an empty value."""
    args = build.get("args") if isinstance(build, dict) else None
    if isinstance(args, dict):
        pairs = [(str(k), v) for k, v in args.items()]
    elif isinstance(args, list):
        pairs = []
        for a in args:
            if isinstance(a, str):
                name, eq, value = a.partition("=")
                pairs.append((name.strip(), value if eq else None))
    else:
        return frozenset()
    return frozenset(name for name, value in pairs if _non_empty(name, value, env))


_WHOLE_VARIABLE = lazy_compile(r"\$(?:\{(\w+)(?:(:?[-?])([^}]*))?\}|(\w+))")


def _non_empty(name: str, value, env: dict[str, str]) -> bool:
    if value is None:  # `- NAME`: from the environment
        return bool(env.get(name))
    if isinstance(value, bool | int | float):
        return True
    if not isinstance(value, str) or not value:
        return False
    if "$" not in value:
        return True
    m = _WHOLE_VARIABLE.fullmatch(value.strip())
    if m is None:
        return bool(_WHOLE_VARIABLE.sub("", value).strip())  # `${REGISTRY}/sentry`: a literal part
    var = m.group(1) or m.group(4)
    if env.get(var):
        return True
    return m.group(2) in (":-", "-") and bool(m.group(3))


def read_dotenv(text: str) -> dict[str, str]:
    """`NAME=value` lines of a compose `.env` file (quotes removed; comments and blank lines
    skipped)."""
    out = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        out[name.strip()] = value
    return out


def _load_yaml(text: str):
    """Safe loading, with the C loader when PyYAML has it (workflows are long)."""
    import yaml
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


def _line_of(text: str, needle: str) -> int:
    i = text.find(needle)
    return text.count("\n", 0, i) + 1 if i >= 0 else 0


# -- dev containers -----------------------------------------------------------------------------

_JSONC = lazy_compile(r'("(?:\\.|[^"\\])*")|//[^\n]*|/\*.*?\*/', re.S)


def read_devcontainer(path: str, text: str) -> list[Build]:
    """`devcontainer.json` (JSON with comments): `build.dockerfile` / `build.context` (or the
    older top-level `dockerFile` / `context`), relative to the file's folder."""
    plain = _JSONC.sub(lambda m: m.group(1) or "", text)
    plain = re.sub(r",(\s*[}\]])", r"\1", plain)
    try:
        data = json.loads(plain)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    build = data.get("build") if isinstance(data.get("build"), dict) else {}
    dockerfile = build.get("dockerfile", data.get("dockerFile"))
    ctx = build.get("context", data.get("context", "."))
    if not isinstance(dockerfile, str) or not isinstance(ctx, str) or "$" in dockerfile or "$" in ctx:
        return []
    base = os.path.dirname(path)
    ctx_abs = _norm(base, ctx)
    return [Build("compose", path, _line_of(text, '"dockerfile"') or _line_of(text, '"dockerFile"'),
                  "", ctx_abs, _norm(base, dockerfile))]


# -- bake ---------------------------------------------------------------------------------------

_HCL_BLOCK = lazy_compile(r'^\s*target\s+"([^"]+)"\s*\{', re.M)
_HCL_ATTR = lazy_compile(r'^\s*(context|dockerfile|inherits)\s*=\s*(.+?)\s*$', re.M)


def read_bake_hcl(path: str, text: str, repo_root: str | None = None) -> list[Build]:
    targets: dict[str, tuple[dict, int]] = {}
    for m in _HCL_BLOCK.finditer(text):
        body = _braced(text, m.end() - 1)
        attrs: dict = {}
        for a in _HCL_ATTR.finditer(body):
            key, raw = a.group(1), a.group(2)
            if key == "inherits":
                attrs[key] = re.findall(r'"([^"]*)"', raw)
            elif re.fullmatch(r'"[^"$]*"', raw):
                attrs[key] = raw[1:-1]
            else:
                attrs[key] = None  # an expression: unresolved
        targets[m.group(1)] = (attrs, text.count("\n", 0, m.start()) + 1)
    return _bake_builds(path, targets, repo_root)


def _json_table(text: str, key: str) -> dict | None:
    """The object under `key` of a JSON document (bake's `target`, package.json's `scripts`)."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    table = data.get(key) if isinstance(data, dict) else None
    return table if isinstance(table, dict) else None


def read_bake_json(path: str, text: str, repo_root: str | None = None) -> list[Build]:
    raw = _json_table(text, "target")
    if raw is None:
        return []
    targets = {}
    for name, t in raw.items():
        if isinstance(t, dict):
            attrs = {k: (v if isinstance(v, str) and "$" not in v else None)
                     for k, v in t.items() if k in ("context", "dockerfile")}
            if isinstance(t.get("inherits"), list):
                attrs["inherits"] = [x for x in t["inherits"] if isinstance(x, str)]
            targets[name] = (attrs, _line_of(text, f'"{name}"'))
    return _bake_builds(path, targets, repo_root)


def _braced(text: str, start: int) -> str:
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
    return text[start + 1:]


def _bake_builds(path: str, targets: dict[str, tuple[dict, int]], repo_root: str | None) -> list[Build]:
    """Bake resolves paths from where it runs: the bake file's folder, or for a file used
    from the top of the repository (`docker buildx bake -f ci/docker-bake.hcl`) the root,
    recognised when only that makes the named Dockerfile exist."""
    def attr(name: str, key: str, seen: frozenset = frozenset()):
        attrs = targets.get(name, ({}, 0))[0]
        if key in attrs:
            return attrs[key]
        for parent in attrs.get("inherits", []):
            if parent in targets and parent not in seen:
                found = attr(parent, key, seen | {name})
                if found is not _UNSET:
                    return found
        return _UNSET

    base = os.path.dirname(path)
    out = []
    for name, (_, line) in targets.items():
        ctx, dockerfile = attr(name, "context"), attr(name, "dockerfile")
        ctx = "." if ctx is _UNSET else ctx
        dockerfile = "Dockerfile" if dockerfile is _UNSET else dockerfile
        if ctx is None or dockerfile is None or _is_remote(ctx) or dockerfile.startswith("cwd://"):
            continue
        ctx_abs = _norm(base, ctx)
        if repo_root and base != repo_root and not os.path.isfile(_norm(ctx_abs, dockerfile)) \
                and os.path.isfile(_norm(_norm(repo_root, ctx), dockerfile)):
            ctx_abs = _norm(repo_root, ctx)
        out.append(Build("bake", path, line, f"target `{name}`", ctx_abs, _norm(ctx_abs, dockerfile)))
    return out


_UNSET = object()


# -- `docker build` command lines ---------------------------------------------------------------

# options of `docker build` / `docker buildx build` / `podman build` that take a value
_VALUE_OPTIONS = frozenset("""
-t --tag --build-arg --build-context --platform --target --label --secret --ssh --cache-from --cache-to
-o --output --progress --network --add-host --iidfile --metadata-file --builder --ulimit --shm-size -m
--memory --memory-swap --cpu-shares --cpu-period --cpu-quota --cpuset-cpus --cpuset-mems --cgroup-parent
--allow --attest --annotation --isolation --security-opt --call --policy --format --authfile --creds
--jobs --layers --volume -v --cap-add --cap-drop --userns --arch --os --variant --runtime --identity-label
--iidfile-raw --cert-dir --signature-policy --logfile --manifest --from --device --dns --dns-option
--dns-search --env --unsetenv --timestamp --retry --retry-delay --sign-by --tls-verify --decryption-key
--hooks-dir --pull-policy --volumes-from --bundle-file --config
""".split())
_SEPARATORS = frozenset({"&&", "||", ";", "|", "&", "(", ")", ";;", "|&", "\n"})
_PREFIXES = frozenset({"sudo", "time", "exec", "command", "env", "nohup"})
_ASSIGN = lazy_compile(r"[A-Za-z_][A-Za-z0-9_]*=")
_VAR = lazy_compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-=]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)")
UNRESOLVED = "$\x00"  # what an unresolved expression leaves in a word
# a variable that holds the container CLI: `podman` or `docker`, whichever, builds the same way
_BUILDER_VAR = lazy_compile(r"(?i)^(?:docker|podman|buildah)$|^(?:docker|podman|container)_?(?:cmd|bin|cli|exe|engine|command)$")


@dataclass(frozen=True)
class Command:
    """One `docker build` in a script: the working folder, the context and `-f` as written."""
    cwd: str
    context: str
    file: str | None
    line: int


def build_commands(text: str, cwd: str, variables: dict[str, str], *, first_line: int = 1) -> list[Command]:
    """The `docker build` commands of a shell text run in `cwd`. `cd DIR` before a build in
    the same line (`cd web && docker build .`) moves it; `variables` resolve `$X`/`${X}`."""
    out = []
    for line_no, logical in _logical_lines(text):
        if "build" not in logical and "bud" not in logical:
            continue
        line = _substitute(logical, variables, cwd)
        if not re.search(r"\b(docker|podman|buildah)\b", line):
            continue
        words = _words(line)
        here = cwd
        seg: list[str] = []
        for w in words + [";"]:
            if w not in _SEPARATORS:
                seg.append(w)
                continue
            if seg:
                if seg[0] == "cd" and len(seg) == 2 and UNRESOLVED not in seg[1] and not seg[1].startswith("-"):
                    here = _norm(here, seg[1])
                else:
                    found = _parse_build(seg)
                    if found is not None:
                        out.append(Command(here, found[0], found[1], first_line + line_no - 1))
            seg = []
    return out


def _logical_lines(text: str):
    """(1-based first line, text) of each line with its `\\` continuations joined."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        start = i
        parts = [lines[i]]
        while parts[-1].rstrip().endswith("\\") and i + 1 < len(lines):
            parts[-1] = parts[-1].rstrip()[:-1]
            i += 1
            parts.append(lines[i])
        i += 1
        joined = " ".join(p.strip() for p in parts)
        if joined.lstrip().startswith("#"):
            continue
        yield start + 1, joined


def _words(line: str) -> list[str]:
    import shlex  # only for a build script that runs docker build
    try:
        lex = shlex.shlex(line, posix=True, punctuation_chars=";&|()")
        lex.whitespace_split = True
        lex.commenters = "#"
        return list(lex)
    except ValueError:  # unbalanced quotes: take the words as they are
        return line.split()


def _substitute(line: str, variables: dict[str, str], cwd: str) -> str:
    line = re.sub(r"\$\(\s*pwd\s*\)|`pwd`", lambda m: _quote(cwd), line)
    line = re.sub(r"\$\((?!\()[^)]*\)|`[^`]*`", UNRESOLVED, line)  # command substitution

    def var(m: re.Match) -> str:
        name = m.group(1) or m.group(3)
        if name in variables:
            return variables[name]
        if name == "PWD":
            return cwd
        if m.group(2) is not None and "$" not in m.group(2):
            return m.group(2)  # ${X:-default}: the default is what runs unless overridden
        if _BUILDER_VAR.search(name):
            return "docker"  # "$container_engine" build …, $DOCKER_CMD build …
        return UNRESOLVED
    line = _VAR.sub(var, line)
    return re.sub(r"\$(?:[0-9@*#?!]|\{[0-9@*#?!]\})", lambda m: UNRESOLVED, line)  # `$1`: an argument


def _quote(s: str) -> str:
    import shlex
    return shlex.quote(s)


def _parse_build(words: list[str]) -> tuple[str, str | None] | None:
    """(context, -f value) of a `docker build` command, or None when this is not one."""
    i = 0
    while i < len(words) and (_ASSIGN.match(words[i]) or words[i] in _PREFIXES):
        i += 1
    if i >= len(words) or os.path.basename(words[i]) not in ("docker", "podman", "buildah"):
        return None
    tool = os.path.basename(words[i])
    i += 1
    if tool == "docker":
        if i < len(words) and words[i] in ("buildx", "image"):
            i += 1
            while i < len(words) and words[i].startswith("--builder"):  # `docker buildx --builder x build`
                i += 1 if "=" in words[i] else 2
        if i >= len(words) or words[i] not in ("build", "b"):
            return None
    elif tool == "podman":
        if i >= len(words) or words[i] != "build":
            return None
    elif i >= len(words) or words[i] not in ("bud", "build"):
        return None
    i += 1
    file = None
    positional = []
    while i < len(words):
        w = words[i]
        if w in ("-f", "--file"):
            file = words[i + 1] if i + 1 < len(words) else None
            i += 2
            continue
        if w.startswith("--file="):
            file = w[len("--file="):]
        elif w.startswith("-f") and len(w) > 2 and not w.startswith("--"):
            file = w[2:]
        elif w[0] in "<>" or w[:2] in ("1>", "2>", "&>"):  # a redirection and its file
            i += 1 if w.rstrip("<>&12") else 2
            continue
        elif w in _VALUE_OPTIONS:
            i += 2
            continue
        elif w.startswith("-") and w != "-":
            pass  # a switch, or `--opt=value`
        else:
            positional.append(w)
        i += 1
    if len(positional) > 1:  # `docker build $BUILD_ARGS .`: a bare variable is a list of options
        positional = [w for w in positional if w != UNRESOLVED]
    if len(positional) != 1:
        return None
    return positional[0], file


def command_builds(cmd: Command, kind: str, origin: str, label: str = "") -> Build | None:
    """The Build a command line makes: -f is relative to the working folder (as the docker
    CLI reads it), the default Dockerfile is `<context>/Dockerfile`."""
    ctx = cmd.context
    if UNRESOLVED in ctx or "$" in ctx or _is_remote(ctx):
        return None
    ctx_abs = _norm(cmd.cwd, ctx)
    if cmd.file is None:
        return Build(kind, origin, cmd.line, label, ctx_abs, os.path.join(ctx_abs, "Dockerfile"))
    if cmd.file == "-":
        return None
    if UNRESOLVED in cmd.file or "$" in cmd.file:
        shape = _shape(_norm(cmd.cwd, cmd.file))
        return None if shape is None else Build(kind, origin, cmd.line, label, ctx_abs, shape, shaped=True)
    return Build(kind, origin, cmd.line, label, ctx_abs, _norm(cmd.cwd, cmd.file))


def _shape(path: str) -> str | None:
    """A regex for a path with unresolved parts: each stands for part of one folder name. None
    when the file name itself is unknown (it could then be any Dockerfile)."""
    name = os.path.basename(path)
    if "$" in name:
        return None
    parts = re.split(r"\$\x00|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*", path)
    return "[^/]*".join(re.escape(p) for p in parts)


# -- shell scripts, Makefiles, package.json -----------------------------------------------------

_SHELL_ASSIGN = lazy_compile(r"^\s*(?:export\s+|readonly\s+|local\s+)?([A-Za-z_][A-Za-z0-9_]*)=(\S*)\s*(?:#.*)?$", re.M)
_SCRIPT_CD = lazy_compile(r'^\s*cd\s+"?\$\(\s*dirname\s+"?\$\{?(?:0|BASH_SOURCE(?:\[0\])?)\}?"?\s*\)"?(/[^\s";&|]*)?"?\s*(?:[;&|#].*)?$',
                          re.M)


def _literal_assignments(text: str, pattern: re.Pattern) -> dict[str, str]:
    """Variables assigned one literal value in the text (assigned twice differently: unknown)."""
    seen: dict[str, str | None] = {}
    for m in pattern.finditer(text):
        name, value = m.group(1), m.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        literal = "$" not in value and "`" not in value and "(" not in value
        if name in seen and seen[name] != value:
            seen[name] = None
        else:
            seen[name] = value if literal else None
    return {k: v for k, v in seen.items() if v is not None}


# Folders that hold a project's scripts, run from the project folder (`./scripts/test.sh`).
_SCRIPT_FOLDERS = frozenset({"scripts", "script", "bin", "tools", "hack", "ci"})


def read_script(path: str, text: str, repo_root: str) -> list[Build]:
    """A shell script's builds. Scripts run from their folder (or from where their own
    `cd "$(dirname "$0")/…"` goes); one run from its project folder (`./scripts/test.sh`) or
    from the repository root is recognised when its Dockerfile only exists relative to it."""
    folder = os.path.dirname(path)
    cd = _SCRIPT_CD.search(text)
    start = _norm(folder, cd.group(1).lstrip("/")) if cd and cd.group(1) else folder
    variables = _literal_assignments(text, _SHELL_ASSIGN)
    local = local_build_lines(text)
    out = []
    for cmd in build_commands(text, start, variables):
        b = command_builds(cmd, "script", path)
        if b is None:
            continue
        if cmd.line in local:
            b = dataclasses.replace(b, local=True)
        cwd = cmd.cwd
        if not cd and folder != repo_root and not _exists(b):
            # run from elsewhere: `./scripts/test.sh` from the project folder, or from the root
            parent = os.path.dirname(folder)
            starts = ([parent] if os.path.basename(folder) in _SCRIPT_FOLDERS and parent != repo_root else []) \
                + [repo_root]
            for start_dir in starts:
                moved_cwd = _norm(start_dir, os.path.relpath(cmd.cwd, folder))
                moved = command_builds(Command(moved_cwd, cmd.context, cmd.file, cmd.line), "script", path)
                if moved is not None and _exists(moved):
                    b, cwd = moved, moved_cwd
                    break
        prepared = _installs_before(text, cmd.line)
        if prepared and b.context == cwd:  # `npm ci` then `docker build .` in the same folder
            b = dataclasses.replace(b, prepared=prepared)
        out.append(b)
    return out


# Commands that install a JavaScript project's dependencies into its folder (`node_modules`).
_INSTALLS = {("npm", "ci"), ("npm", "install"), ("npm", "i"), ("yarn", "install"), ("yarn", ""),
             ("pnpm", "install"), ("pnpm", "i")}


def _installs_before(text: str, line: int) -> str:
    """The dependency install (`npm ci`) a script runs in its own folder before the `docker
    build` on `line`, with no `cd` in between; "" when none."""
    found = ""
    for line_no, logical in _logical_lines(text):
        if line_no >= line:
            break
        words = _words(logical.split("#", 1)[0])
        if words[:1] in (["cd"], ["pushd"]):
            found = ""  # moved: what follows runs elsewhere
            continue
        if len(words) >= 1 and (words[0], words[1] if len(words) > 1 and not words[1].startswith("-") else "") \
                in _INSTALLS and not any(w in _SEPARATORS for w in words):
            found = " ".join(words[:2]) if len(words) > 1 and not words[1].startswith("-") else words[0]
    return found


def _exists(b: Build) -> bool:
    return b.shaped or os.path.isfile(b.dockerfile)


_MAKE_ASSIGN = lazy_compile(r"^\s*(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?::{1,3}=|\?=|=)\s*(.*?)\s*$",
                            re.M)


def read_makefile(path: str, text: str) -> list[Build]:
    """Builds in a Makefile's recipes, run in the Makefile's folder; `$(VAR)` is resolved when
    the Makefile assigns it a literal."""
    folder = os.path.dirname(path)
    variables = _literal_assignments(text, _MAKE_ASSIGN)
    variables.update({"CURDIR": folder})
    recipe_lines = []
    for line in text.split("\n"):
        if line.startswith("\t"):
            line = line[1:].lstrip("@-+ ")
        recipe_lines.append(line)
    body = "\n".join(recipe_lines).replace("$$", "$")

    def make_var(m: re.Match) -> str:
        name = m.group(1)
        if name in variables:
            return variables[name]
        return "docker" if _BUILDER_VAR.search(name) else UNRESOLVED
    body = re.sub(r"\$[({]([A-Za-z_][A-Za-z0-9_]*)[)}]", make_var, body)
    local = local_build_lines("\n".join(recipe_lines))
    out = []
    for cmd in build_commands(body, folder, {}):
        b = command_builds(cmd, "script", path)
        if b is not None:
            out.append(dataclasses.replace(b, local=True) if cmd.line in local else b)
    return out


# Anything that may put an image in a registry: `docker push`, `buildx build --push`,
# `--output type=registry`, or a `docker tag` (made to push under another name).
_PUSHES = lazy_compile(r"\b(docker|podman)\s+(image\s+)?(push|tag)\b|--push\b|type=registry")


def local_build_lines(text: str) -> set[int]:
    """Lines of the `docker build -t TAG` commands of a script (or a Makefile's recipes) whose
    image stays on the machine: the text runs TAG (as written, variables and all) only with
    `docker run --rm`, and pushes nothing (a one-shot code generator or lint tool)."""
    if _PUSHES.search(text):
        return set()
    builds: dict[int, list[str]] = {}
    runs: list[list[str]] = []
    for line_no, logical in _logical_lines(text):
        if "docker" not in logical and "podman" not in logical:
            continue
        # `$(VAR)` (make) stays a name to compare; `$(pwd)` and other substitutions are one word
        logical = re.sub(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", r"${\1}", logical)
        logical = re.sub(r"\$\((?!\()[^)]*\)|`[^`]*`", "_", logical)
        seg: list[str] = []
        for w in _words(logical) + [";"]:
            if w not in _SEPARATORS:
                seg.append(w)
                continue
            i = 0
            while i < len(seg) and (_ASSIGN.match(seg[i]) or seg[i] in _PREFIXES):
                i += 1
            if i + 1 < len(seg) and os.path.basename(seg[i]) in ("docker", "podman"):
                sub = seg[i + 2:] if seg[i + 1] in ("buildx", "image", "container") else seg[i + 1:]
                if sub[:1] == ["build"]:
                    builds.setdefault(line_no, []).extend(_tags(sub[1:]))
                elif sub[:1] == ["run"]:
                    runs.append(sub[1:])
            seg = []
    local = set()
    for line_no, tags in builds.items():
        used = [args for args in runs if any(t in args for t in tags)]
        if tags and used and all("--rm" in args for args in used):
            local.add(line_no)
    return local


def _tags(args: list[str]) -> list[str]:
    out = []
    for i, w in enumerate(args):
        if w in ("-t", "--tag") and i + 1 < len(args):
            out.append(args[i + 1])
        elif w.startswith("--tag="):
            out.append(w[len("--tag="):])
    return out


def read_package_json(path: str, text: str) -> list[Build]:
    """Builds in `package.json` scripts, which npm runs in the package's folder."""
    scripts = _json_table(text, "scripts")
    if scripts is None:
        return []
    out = []
    folder = os.path.dirname(path)
    for name, body in scripts.items():
        if not isinstance(body, str):
            continue
        for cmd in build_commands(body, folder, {}):
            b = command_builds(Command(cmd.cwd, cmd.context, cmd.file, _line_of(text, f'"{name}"')),
                               "script", path, f"script `{name}`")
            if b is not None:
                out.append(b)
    return out


# -- CI -----------------------------------------------------------------------------------------

_GHA_EXPR = lazy_compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
_MAX_ROWS = 64


def read_workflow(path: str, text: str, repo_root: str) -> list[Build]:
    """GitHub Actions: `docker/build-push-action` steps (`context` defaults to the repository,
    `file` is relative to the workspace) and `docker build` in `run:` blocks."""
    import yaml
    try:
        data = _load_yaml(text)
    except yaml.YAMLError:
        return []
    if not isinstance(data, dict):
        return []
    jobs = data.get("jobs")
    if not isinstance(jobs, dict):  # a composite action
        runs = data.get("runs")
        jobs = {"": {"steps": runs.get("steps")}} if isinstance(runs, dict) else {}
    top_env = _literal_env(data.get("env"))
    top_dir = _default_dir(data)
    out = []
    for job in jobs.values():
        if not isinstance(job, dict) or not isinstance(job.get("steps"), list):
            continue
        job_env = {**top_env, **_literal_env(job.get("env"))}
        job_dir = _default_dir(job) or top_dir
        rows = _matrix_rows(job.get("strategy"))
        for step in job["steps"]:
            if not isinstance(step, dict):
                continue
            env = {**job_env, **_literal_env(step.get("env"))}
            line = _step_line(text, step)
            uses = step.get("uses")
            if isinstance(uses, str) and uses.split("@")[0] == "docker/build-push-action":
                with_ = step.get("with") if isinstance(step.get("with"), dict) else {}
                ctx, file = with_.get("context", "."), with_.get("file")
                if not isinstance(ctx, str) or not (file is None or isinstance(file, str)):
                    continue
                for row in rows:
                    c, f = _gha(ctx, env, row), (None if file is None else _gha(file, env, row))
                    if UNRESOLVED in c or "$" in c:
                        continue
                    b = command_builds(Command(repo_root, c, f, line), "ci", path, _step_label(step))
                    if b is not None:
                        out.append(b)
            elif isinstance(step.get("run"), str) and "build" in step["run"]:
                wd = step.get("working-directory") or job_dir or "."
                for row in rows:
                    body = _gha(step["run"], env, row)
                    cwd_text = _gha(str(wd), env, row)
                    if UNRESOLVED in cwd_text:
                        continue
                    cwd = _norm(repo_root, cwd_text.replace("$GITHUB_WORKSPACE", "."))
                    for cmd in build_commands(body, cwd, {**env, "GITHUB_WORKSPACE": repo_root}, first_line=line + 1):
                        b = command_builds(cmd, "ci", path, _step_label(step))
                        if b is not None:
                            out.append(b)
    return _unique(out)


def _unique(builds: list[Build]) -> list[Build]:
    return list(dict.fromkeys(builds))


def _step_label(step: dict) -> str:
    name = step.get("name")
    return f"step `{name}`" if isinstance(name, str) and "${{" not in name else ""


def _step_line(text: str, step: dict) -> int:
    for key in ("name", "uses", "run"):
        v = step.get(key)
        if isinstance(v, str) and v:
            first = v.split("\n", 1)[0]
            i = text.find(first)
            if i >= 0:
                return text.count("\n", 0, i) + 1
    return 0


def _default_dir(node: dict) -> str | None:
    d = node.get("defaults")
    run = d.get("run") if isinstance(d, dict) else None
    wd = run.get("working-directory") if isinstance(run, dict) else None
    return wd if isinstance(wd, str) else None


def _literal_env(env) -> dict[str, str]:
    if not isinstance(env, dict):
        return {}
    return {k: str(v) for k, v in env.items()
            if isinstance(k, str) and isinstance(v, (str, int, float)) and "${{" not in str(v) and "$" not in str(v)}


def _matrix_rows(strategy) -> list[dict]:
    """The combinations a job's literal matrix runs (at most _MAX_ROWS), or [{}] without one."""
    matrix = strategy.get("matrix") if isinstance(strategy, dict) else None
    if not isinstance(matrix, dict):
        return [{}]
    axes = {k: v for k, v in matrix.items() if k not in ("include", "exclude") and isinstance(v, list)}
    rows = [dict(zip(axes, combo)) for combo in itertools.islice(itertools.product(*axes.values()), _MAX_ROWS)] \
        if axes else []
    include = matrix.get("include")
    if isinstance(include, list):
        rows += [r for r in include if isinstance(r, dict)]
    return rows[:_MAX_ROWS] or [{}]


def _gha(text: str, env: dict[str, str], row: dict) -> str:
    """`text` with `${{ env.X }}` and `${{ matrix.x.y }}` replaced by literal values."""
    def expr(m: re.Match) -> str:
        parts = m.group(1).split(".")
        if parts[0] == "env" and len(parts) == 2 and parts[1] in env:
            return env[parts[1]]
        if parts[0] == "matrix":
            value = row
            for p in parts[1:]:
                value = value.get(p) if isinstance(value, dict) else None
            if isinstance(value, (str, int, float)) and not isinstance(value, bool) and "${{" not in str(value):
                return str(value)
        if parts == ["github", "workspace"]:
            return "$GITHUB_WORKSPACE"
        return UNRESOLVED
    return _GHA_EXPR.sub(expr, text)


def read_gitlab_ci(path: str, text: str, repo_root: str) -> list[Build]:
    """`.gitlab-ci.yml`: `docker build` lines of each job's scripts, run at the repository root."""
    import yaml
    try:
        data = _load_yaml(text)
    except yaml.YAMLError:
        return []
    if not isinstance(data, dict):
        return []
    top = _literal_env(data.get("variables"))
    out = []
    for name, job in data.items():
        if not isinstance(job, dict):
            continue
        variables = {**top, **_literal_env(job.get("variables")), "CI_PROJECT_DIR": repo_root}
        for key in ("before_script", "script"):
            lines = job.get(key)
            if isinstance(lines, str):
                lines = [lines]
            if not isinstance(lines, list):
                continue
            for entry in lines:
                if not isinstance(entry, str):
                    continue
                line = _line_of(text, entry.split("\n", 1)[0])
                for cmd in build_commands(entry, repo_root, variables, first_line=line):
                    b = command_builds(cmd, "ci", path, f"job `{name}`")
                    if b is not None:
                        out.append(b)
    return _unique(out)
