"""A per-stage picture: where each stage works, what it installs where, which interpreters it has.

Built once per Dockerfile (cached on the model) from the stage list and the parsed RUN scripts.
Everything here is a conservative reading: when something cannot be known (a variable, an
unknown base image, an install script), the picture says "unknown" rather than guess, and
rules built on it stay silent.
"""

from __future__ import annotations

import posixpath
import re
import weakref
from dataclasses import dataclass, field
from functools import lru_cache

from ..dockerfile.model import Dockerfile, Instruction
from ..dockerfile.shell import Command
from ..dockerfile.stages import AUTOMATIC_ARGS, Stage, iter_stage_env, stage_by_ref
from ..dockerfile.variables import expand, is_plain
from ..lazy_regex import lazy_compile
from ..rules.support.pip import PIP_NAMES, PYTHON_NAMES
from .images import ImageFacts, Interpreter, facts, packaged_interpreter

INSTALLERS = frozenset({"apt-get", "apt", "apk", "yum", "dnf", "microdnf", "zypper", "tdnf"})
REMOVERS = {"apt-get": {"purge", "remove", "autoremove"}, "apt": {"purge", "remove", "autoremove"},
            "apk": {"del"}, "yum": {"remove", "erase", "autoremove"}, "dnf": {"remove", "erase", "autoremove"},
            "microdnf": {"remove"}, "zypper": {"remove", "rm"}, "tdnf": {"remove", "erase"}}
INSTALL_VERBS = {"apt-get": {"install"}, "apt": {"install"}, "apk": {"add"}, "yum": {"install"},
                 "dnf": {"install"}, "microdnf": {"install"}, "zypper": {"install", "in"}, "tdnf": {"install"}}
# Flags of package managers that take a value (so the value is not a package name).
_VALUE_FLAGS = {"-t", "--target-release", "-o", "--option", "--repository", "-X", "--virtual", "-t",
                "--setopt", "--enablerepo", "--disablerepo", "--installroot", "--releasever", "-c",
                "--config-file", "--root", "-p", "--arch", "--repo"}
AUTOMATIC = frozenset(AUTOMATIC_ARGS)
_NOT_REAL = frozenset({"pip", "setuptools", "wheel", "-U", "--upgrade"})


@dataclass
class PipInstall:
    """One `pip install` (or poetry/pipenv/uv equivalent) and where it puts packages."""

    ins: Instruction
    cmd: Command
    kind: str            # "system", "user", "target", "prefix", "venv", "unknown"
    path: str | None     # the directory that receives the packages (None when unknown)
    real: bool           # installs something besides pip/setuptools/wheel


@dataclass
class CopyFrom:
    ins: Instruction
    ref: str                    # the --from value as written
    stage: Stage | None         # None: an image, or unresolvable
    sources: list[str]          # absolute source paths (None entries removed)
    dest: str | None
    resolved: bool              # no unresolved variables anywhere


@dataclass
class StagePicture:
    stage: Stage
    base: "StagePicture | None"
    facts: ImageFacts | None                      # root image facts (inherited through FROM <stage>)
    interpreters: dict[str, Interpreter] = field(default_factory=dict)
    interpreters_unknown: bool = False            # something may have installed one we cannot see
    os_packages: list[tuple[str, Instruction, Command]] = field(default_factory=list)
    removes_packages: bool = False
    pip: list[PipInstall] = field(default_factory=list)
    venvs: dict[str, Interpreter | None] = field(default_factory=dict)
    copies: list[CopyFrom] = field(default_factory=list)
    workdir: dict[int, str | None] = field(default_factory=dict)   # instruction index → WORKDIR in force
    final_workdir: str | None = "/"
    user: str | None = None
    own_mentions: str = ""                        # this stage's RUN/ENV/ARG/COPY/WORKDIR texts
    entry_argv: list[str] | None = None           # the program the container runs, as argv
    entry_ins: Instruction | None = None
    outputs: list[tuple[str, str, Instruction]] = field(default_factory=list)  # (tool, path, ins)

    @property
    def mentions(self) -> str:
        """Every RUN/ENV/ARG/COPY text of the chain, for "could it touch X". Joined when asked:
        kept joined in each stage, a chain of n stages held n² characters."""
        root, *built_on = reversed(list(self.chain()))
        return "\n".join([root.own_mentions, *(p.own_mentions for p in built_on if p.own_mentions)])

    def chain(self):
        p = self
        while p is not None:
            yield p
            p = p.base

    def all_pip(self) -> list[PipInstall]:
        return [pi for p in self.chain() for pi in p.pip]

    def all_copies(self) -> list[CopyFrom]:
        return [c for p in self.chain() for c in p.copies]

    def home(self) -> str | None:
        u = self.user
        if u in (None, "root", "0", "0:0", "root:root"):
            return "/root"
        return None


_CACHE: "weakref.WeakKeyDictionary[Dockerfile, list[StagePicture | None]]" = weakref.WeakKeyDictionary()


def pictures(df: Dockerfile) -> list[StagePicture]:
    """One picture per stage, in order (cached on the model)."""
    for stage in df.stages:
        picture_of(df, stage)
    return _CACHE[df] if df.stages else []


def picture_of(df: Dockerfile, stage: Stage) -> StagePicture:
    """The picture of one stage, made with those it depends on (`depends_on`) and no other:
    rules about the final stage do not picture every stage of a long file."""
    made = _CACHE.get(df)
    if made is None:
        made = _CACHE[df] = [None] * len(df.stages)
    pic = made[stage.index]
    if pic is None:
        # the stages it reads that are not pictured yet (each walked once: linear in all)
        missing = set()
        every_before = 0  # a variable names the source: every stage before this one is read
        todo = [stage]
        while todo:
            s = todo.pop()
            if made[s.index] is not None or s.index in missing:
                continue
            missing.add(s.index)
            named, any_before = _reads(df, s)
            todo.extend(named)
            if any_before:
                every_before = max(every_before, s.index)
        done = _MADE_BEFORE.get(df, 0)  # every stage before it is pictured
        if every_before > done:
            missing.update(i for i in range(done, every_before) if made[i] is None)
        # in stage order (a stage reads only earlier ones), as when every stage is pictured
        for index in sorted(missing):
            s = df.stages[index]
            made[index] = _build(df, s, made[s.base_stage.index] if s.base_stage is not None else None)
        while done < len(made) and made[done] is not None:
            done += 1
        _MADE_BEFORE[df] = done
        pic = made[stage.index]
    return pic


_MADE_BEFORE: "weakref.WeakKeyDictionary[Dockerfile, int]" = weakref.WeakKeyDictionary()


def depends_on(df: Dockerfile, stage: Stage) -> list[Stage]:
    """The stages a stage's picture reads besides its own: the stage it is built FROM and those
    it copies from (all earlier ones when a variable names the source)."""
    named, any_before = _reads(df, stage)
    return df.stages[:stage.index] if any_before else named


def _reads(df: Dockerfile, stage: Stage) -> tuple[list[Stage], bool]:
    """(the stages a stage's picture reads by name or FROM, whether a variable may name any
    earlier one)."""
    out = [stage.base_stage] if stage.base_stage is not None else []
    for ins in stage.instructions:
        if ins.keyword not in ("COPY", "ADD"):
            continue
        frm = ins.flag("from")
        value = frm.value if frm is not None else None
        if not value:
            continue
        if not is_plain(value, df.escape):
            return out, True
        source = stage_by_ref(df, value, stage.index)
        if source is not None:
            out.append(source)
    return out, False


def needed(df: Dockerfile, stage: Stage) -> set[int]:
    """The indexes of `stage` and every stage its picture reads, directly or not (once per
    model and stage: read it, never modify it)."""
    cached = df.index.picture_needs
    if cached is None:
        cached = df.index.picture_needs = {}
    found = cached.get(stage.index)
    if found is None:
        found = {stage.index}
        todo = [stage]
        while todo:
            s = todo.pop()
            known = cached.get(s.index) if s is not stage else None
            if known is not None:  # asked before: with everything it needs
                found |= known
                continue
            for d in depends_on(df, s):
                if d.index not in found:
                    found.add(d.index)
                    todo.append(d)
        cached[stage.index] = found
    return found


def full_text(ins: Instruction) -> str:
    """An instruction's continuation-joined text plus its heredoc bodies."""
    return ins.line.text + "".join("\n" + h.content for h in ins.heredocs)


def resolve(path: str, cwd: str | None) -> str | None:
    """An absolute, normalised path (None when relative to an unknown directory)."""
    if path.startswith("/"):
        return posixpath.normpath(path).replace("//", "/")
    if cwd is None:
        return None
    return posixpath.normpath(posixpath.join(cwd, path))


def covers(a: str, b: str) -> bool:
    """True when path `a` is `b` or one of its ancestors."""
    a = a.rstrip("/") or "/"
    return a == "/" or b == a or b.startswith(a + "/")


class _StageEnv:
    """The variables visible at each instruction of a stage, in one forward walk that goes only
    as far as asked: most words have nothing to expand, so most stages never walk."""

    def __init__(self, df: Dockerfile, stage: Stage) -> None:
        self._walk = iter_stage_env(df, stage)
        self._ins: Instruction | None = None
        self._env: dict[str, str | None] = {}

    def at(self, ins: Instruction) -> dict[str, str | None]:
        """Live (do not keep it): asked for instructions in stage order."""
        while self._ins is not ins:
            self._ins, self._env = next(self._walk)
        return self._env


def _expand(df: Dockerfile, env: _StageEnv, ins: Instruction, text: str) -> str | None:
    """`text` of `ins` with the variables visible there expanded."""
    if is_plain(text, df.escape):
        return text  # and the stage's variables need not be walked to this instruction
    exp = expand(text, env.at(ins), df.escape)
    if exp.unknown or "$" in exp.value or exp.used & AUTOMATIC:
        return None  # platform arguments are only known at build time
    return exp.value


# filled while a picture is built, then read only: left empty, they become one shared ()
_FOUND_LISTS = ("os_packages", "pip", "copies", "outputs")


def _build(df: Dockerfile, stage: Stage, base: StagePicture | None) -> StagePicture:
    root_facts = base.facts if base is not None else facts(stage.ref)
    pic = StagePicture(stage, base, root_facts)
    if base is not None:
        pic.interpreters = dict(base.interpreters)
        pic.interpreters_unknown = base.interpreters_unknown
        pic.venvs = dict(base.venvs)
        pic.final_workdir = base.final_workdir
        pic.user = base.user
        pic.entry_argv, pic.entry_ins = base.entry_argv, base.entry_ins
    else:
        if root_facts is None:
            pic.interpreters_unknown = True
        else:
            pic.interpreters = {i.name: i for i in root_facts.interpreters}
        pic.final_workdir = "/go" if root_facts is not None and root_facts.family == "golang" else \
            ("/" if root_facts is not None else None)
    cwd = pic.final_workdir
    mentions = []
    entrypoint: tuple[list[str] | None, Instruction | None] | None = None
    cmd_: tuple[list[str] | None, Instruction | None] | None = None
    env = _StageEnv(df, stage)
    for ins in stage.instructions:
        pic.workdir[ins.index] = cwd
        kw = ins.keyword
        if kw == "WORKDIR":
            value = _expand(df, env, ins, ins.rest)
            cwd = resolve(value, cwd) if value else None
            mentions.append(ins.rest)
        elif kw == "USER":
            pic.user = _expand(df, env, ins, ins.rest)
        elif kw in ("ENV", "ARG"):
            mentions.append(ins.rest)
            _env_venv(df, env, ins, pic)
        elif kw in ("COPY", "ADD"):
            mentions.append(ins.rest)
            _copy(df, stage, env, ins, pic, cwd)
        elif kw == "RUN":
            mentions.append(full_text(ins))
            _run(df, env, ins, pic, cwd)
        elif kw == "ENTRYPOINT":
            entrypoint = (_argv(ins), ins)
        elif kw == "CMD":
            cmd_ = (_argv(ins), ins)
    pic.final_workdir = cwd
    pic.own_mentions = "\n".join(mentions)
    for name in _FOUND_LISTS:  # (a list each would be four objects per stage of a long FROM chain)
        if not getattr(pic, name):
            setattr(pic, name, ())
    if entrypoint is not None and entrypoint[0]:
        pic.entry_argv, pic.entry_ins = entrypoint
    elif cmd_ is not None and entrypoint is None:
        if pic.entry_ins is None or pic.entry_ins.keyword == "CMD":
            pic.entry_argv, pic.entry_ins = cmd_
    return pic


def _argv(ins: Instruction) -> list[str] | None:
    """argv of CMD/ENTRYPOINT; shell form is split on blanks after `exec` and assignments."""
    if ins.json:
        return list(ins.args)
    words = ins.rest.split()
    while words and (words[0] == "exec" or re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=\S*", words[0])):
        words.pop(0)
    return words or None


def _env_venv(df: Dockerfile, env: _StageEnv, ins: Instruction, pic: StagePicture) -> None:
    for kv in ins.pairs:
        if kv.key.value == "VIRTUAL_ENV" and kv.value is not None:
            v = _expand(df, env, ins, kv.value.value)
            if v and v.startswith("/"):
                pic.venvs.setdefault(v.rstrip("/"), pic.interpreters.get("python"))


def _copy(df: Dockerfile, stage: Stage, env: _StageEnv, ins: Instruction, pic: StagePicture, cwd: str | None) -> None:
    frm = ins.flag("from")
    words = [w.value for w in ins.words]
    if ins.heredocs or len(words) < 2:
        return
    dest_raw = words[-1]
    dest = _expand(df, env, ins, dest_raw)
    dest = resolve(dest, cwd) if dest else None
    if frm is None:
        if ins.keyword == "ADD" or (dest is not None and not any(covers(d, dest) for d in ("/app", "/src", "/srv"))):
            # files from the context may carry an interpreter (tarballs, binaries)
            if dest is None or dest.startswith(("/usr", "/opt", "/bin", "/lib", "/sbin")) or dest == "/":
                pic.interpreters_unknown = True
        return
    ref_value = frm.value or ""
    ref = _expand(df, env, ins, ref_value)
    src_stage = stage_by_ref(df, ref, stage.index) if ref else None
    sources, resolved = [], ref is not None and dest is not None
    for raw in words[:-1]:
        v = _expand(df, env, ins, raw)
        if v is None:
            resolved = False
            continue
        # sources of COPY --from are relative to the source stage's root
        sources.append(resolve(v if v.startswith("/") else "/" + v, "/"))
    pic.copies.append(CopyFrom(ins, ref_value, src_stage, sources, dest, resolved))
    if src_stage is None:
        # an image: it may well bring an interpreter (COPY --from=python:3.12 /usr/local /usr/local)
        pic.interpreters_unknown = True
        return
    src = picture_of_stage(df, src_stage)
    if src is None:
        pic.interpreters_unknown = True
        return
    for s in sources:
        for name, interp in src.interpreters.items():
            if covers(s, interp.path) and dest is not None:
                pic.interpreters.setdefault(name, Interpreter(name, dest + interp.path[len(s.rstrip('/')):] if s != "/" else interp.path, interp.version, interp.libc))
        if dest is not None and dest.startswith(("/usr", "/opt", "/bin", "/lib", "/sbin")) and not src.venvs:
            pic.interpreters_unknown = True


def picture_of_stage(df: Dockerfile, stage: Stage) -> StagePicture | None:
    """A picture made already (pictures are made in stage order: an earlier stage is ready)."""
    made = _CACHE.get(df)
    pic = made[stage.index] if made is not None else None
    return pic if pic is not None else picture_of(df, stage)


# Signs that a RUN may install an interpreter the picture cannot see. One regex of them all
# is slow on long scripts, so each part runs only where a word it needs occurs; `_FAST` ones
# drop a leading `\b` (a regex starting with a literal is searched much faster) and, being
# looser, only rule out.
_INSTALLER_WORDS = ("pyenv", "conda", "asdf", "nvm", "sdkman", ".tar", "volta", "mise", "fnm")
_PIPE_TO_SHELL_FAST = lazy_compile(r"(curl|wget)\b[^|;&]*\|\s*(ba|z)?sh\b")
_PIPE_TO_SHELL = lazy_compile(r"\b(curl|wget)\b[^|;&]*\|\s*(ba|z)?sh\b")
_AFTER_WORD = (("tar", lazy_compile(r"tar\s")), ("install.sh", lazy_compile(r"\binstall\.sh\b")),
               ("dpkg", lazy_compile(r"dpkg\s+-i")), ("rpm", lazy_compile(r"rpm\s")),
               ("uv", lazy_compile(r"uv\s+python\s+install")))
_N_VERSION_FAST = lazy_compile(r"n\s+(lts|latest|\d)")
_N_VERSION = lazy_compile(r"\bn\s+(lts|latest|\d)")


# Every sign above in one pattern (each alternative as loose as its own check or looser): most
# scripts match none, and are ruled out by one search instead of a dozen.
_ANY_SIGN = lazy_compile(r"pyenv|conda|asdf|nvm|sdkman|\.tar|volta|mise|fnm|curl|wget|tar|install\.sh|dpkg|rpm|uv"
                         r"|n\s+(?:lts|latest|\d)")


@lru_cache(maxsize=1024)  # asked again for every unchanged RUN on each edit
def _may_install_interpreter(text: str) -> bool:
    if not _ANY_SIGN.search(text):
        return False
    if any(w in text for w in _INSTALLER_WORDS):
        return True
    if ("curl" in text or "wget" in text) and _PIPE_TO_SHELL_FAST.search(text) and _PIPE_TO_SHELL.search(text):
        return True
    if any(word in text and rx.search(text) for word, rx in _AFTER_WORD):
        return True
    return bool(_N_VERSION_FAST.search(text) and _N_VERSION.search(text))


# The programs each part of `_run` reads (with INSTALL_VERBS: disjoint sets, so the order of the
# checks does not matter and other commands are skipped at once).
_OUTPUT_PROGRAMS = frozenset({"go", "cargo", "mvn", "mvnw", "gradle", "gradlew", "npm", "yarn", "pnpm"})
_WORKS_ON_VENV_OR_PIP = frozenset({"cd", ".", "source", "virtualenv", "uv", "poetry", "pipenv"}) | PIP_NAMES \
    | PYTHON_NAMES


def _run(df: Dockerfile, env: _StageEnv, ins: Instruction, pic: StagePicture, cwd: str | None) -> None:
    script = df.script(ins)
    if script is None:
        pic.interpreters_unknown = True
        return
    if _may_install_interpreter(script.text):
        pic.interpreters_unknown = True
    local_venv: str | None = None
    run_cwd = cwd
    for cmd in script.commands:
        prog = cmd.program
        if prog in INSTALL_VERBS:
            _os_install(cmd, prog, ins, pic)
            continue
        if prog in _OUTPUT_PROGRAMS:
            _outputs(cmd, prog, [w.value for w in cmd.unwrapped()], ins, pic, run_cwd)
            continue
        if prog not in _WORKS_ON_VENV_OR_PIP:
            continue
        words = cmd.unwrapped()
        values = [w.value for w in words]
        if prog == "cd" and len(values) >= 2 and not cmd.in_substitution:
            run_cwd = resolve(values[1], run_cwd) if words[1].literal else None
            continue
        if prog in (".", "source") and len(values) >= 2 and values[1].endswith("/bin/activate"):
            v = resolve(values[1][: -len("/bin/activate")], run_cwd) if words[1].literal else None
            local_venv = v
            continue
        # python -m venv X / virtualenv X / uv venv X
        venv_path = _venv_target(cmd, prog, values)
        if venv_path is not None:
            path = resolve(venv_path, run_cwd) if venv_path else None
            if path:
                interp = pic.interpreters.get("python")
                m = re.fullmatch(r"python(3\.\d+)", prog)
                if m and interp is not None and interp.version and interp.version != m.group(1):
                    interp = None
                pic.venvs[path] = interp if prog in PYTHON_NAMES or prog == "virtualenv" else None
            continue
        pip = _pip(df, env, ins, cmd, prog, values, pic, run_cwd, local_venv)
        if pip is not None:
            pic.pip.append(pip)


def _os_install(cmd: Command, prog: str, ins: Instruction, pic: StagePicture) -> None:
    pos = cmd.operands(_VALUE_FLAGS)
    if not pos:
        return
    verb = pos[0].value
    if verb in REMOVERS.get(prog, ()):
        pic.removes_packages = True
        return
    if verb not in INSTALL_VERBS[prog]:
        return
    for w in pos[1:]:
        if not w.literal:
            pic.interpreters_unknown = True
            continue
        pic.os_packages.append((w.value, ins, cmd))
        interp = packaged_interpreter(pic.facts, w.value)
        if interp is not None:
            if pic.facts is None or pic.facts.distro is None:
                interp = Interpreter(interp.name, interp.path, None, interp.libc)
            pic.interpreters.setdefault(interp.name, interp)


def _venv_target(cmd: Command, prog: str, values: list[str]) -> str | None:
    """The directory a venv command creates ("" when it cannot be read), or None for other commands."""
    args = values[1:]
    if prog in PYTHON_NAMES and len(args) >= 2 and args[0] == "-m" and args[1] in ("venv", "virtualenv"):
        rest = [a for a in args[2:] if not a.startswith("-")]
        return rest[-1] if rest else ""
    if prog == "virtualenv":
        rest = [a for a in args if not a.startswith("-")]
        return rest[-1] if rest else ""
    if prog == "uv" and args and args[0] == "venv":
        rest = [a for a in args[1:] if not a.startswith("-")]
        return rest[-1] if rest else ".venv"
    return None


def _flag_value(values: list[str], *names: str) -> str | None:
    for k, v in enumerate(values):
        for n in names:
            if v == n and k + 1 < len(values):
                return values[k + 1]
            if n.startswith("--") and v.startswith(n + "="):
                return v[len(n) + 1:]
    return None


def _pip(df, env: _StageEnv, ins, cmd: Command, prog: str, values: list[str], pic: StagePicture, cwd, local_venv) -> PipInstall | None:
    exe = values[0] if values else ""
    args: list[str]
    if prog in PIP_NAMES:
        args = values[1:]
    elif prog in PYTHON_NAMES and len(values) >= 3 and values[1] == "-m" and values[2] == "pip":
        args = values[3:]
    elif prog == "uv" and len(values) >= 3 and values[1] == "pip" and values[2] in ("install", "sync"):
        if "--system" in values:
            return PipInstall(ins, cmd, "system", _site(pic), True)
        target = _flag_value(values, "--target", "-t") or _flag_value(values, "--prefix")
        if target:
            return PipInstall(ins, cmd, "target", resolve(target, cwd), True)
        return PipInstall(ins, cmd, "unknown", None, True)
    elif prog == "poetry" and len(values) >= 2 and values[1] == "install":
        return PipInstall(ins, cmd, "unknown", None, True)
    elif prog == "pipenv" and len(values) >= 2 and values[1] in ("install", "sync"):
        kind = "system" if "--system" in values else "unknown"
        return PipInstall(ins, cmd, kind, _site(pic) if kind == "system" else None, True)
    else:
        return None
    pos = [a for a in args if not a.startswith("-")]
    if not pos or pos[0] != "install":
        return None
    real = any(a not in _NOT_REAL for a in pos[1:]) or "-r" in args or "-e" in args or \
        any(a.startswith(("--requirement", "--editable")) for a in args)
    visible = env.at(ins)
    if any(k in visible for k in ("PIP_TARGET", "PIP_PREFIX", "PIP_USER", "PYTHONUSERBASE")):
        return PipInstall(ins, cmd, "unknown", None, real)
    if "/" in exe:
        d = posixpath.dirname(exe)
        if d.endswith("/bin") and d not in ("/usr/bin", "/usr/local/bin", "/bin"):
            return PipInstall(ins, cmd, "venv", resolve(d[:-4], cwd), real)
    if local_venv:
        return PipInstall(ins, cmd, "venv", local_venv, real)
    path_var = visible.get("PATH") or ""
    for venv in pic.venvs:
        if venv + "/bin" in path_var.split(":"):
            return PipInstall(ins, cmd, "venv", venv, real)
    if visible.get("VIRTUAL_ENV"):
        return PipInstall(ins, cmd, "unknown", None, real)
    if "--user" in args:
        home = pic.home()
        return PipInstall(ins, cmd, "user", home + "/.local" if home else None, real)
    target = _flag_value(args, "--target", "-t")
    if target:
        return PipInstall(ins, cmd, "target", resolve(target, cwd), real)
    prefix = _flag_value(args, "--prefix", "--root")
    if prefix:
        return PipInstall(ins, cmd, "prefix", resolve(prefix, cwd), real)
    return PipInstall(ins, cmd, "system", _site(pic), real)


def _site(pic: StagePicture) -> str | None:
    py = pic.interpreters.get("python")
    if py is None:
        return None
    if py.path.startswith("/usr/local/bin/") and py.version:
        return f"/usr/local/lib/python{py.version}/site-packages"
    if py.path.startswith("/usr/local/"):
        return "/usr/local/lib"
    return None


def _outputs(cmd: Command, prog: str, values: list[str], ins: Instruction, pic: StagePicture, cwd: str | None) -> None:
    pos = cmd.positional()
    sub = pos[0].value if pos else ""
    if prog == "go" and sub == "build":
        out = _flag_value(values, "-o")
        pic.outputs.append(("go", resolve(out, cwd) if out else "", ins))
    elif prog == "cargo" and sub == "build":
        pic.outputs.append(("cargo", resolve("target", cwd) or "", ins))
    elif prog in ("mvn", "mvnw", "gradle", "gradlew") and sub in ("package", "install", "verify", "build",
                                                                  "assemble", "bootJar", "shadowJar", "jar"):
        pic.outputs.append((prog, resolve("target" if prog.startswith("mvn") else "build", cwd) or "", ins))
    elif prog in ("npm", "yarn", "pnpm") and sub in ("ci", "install", "i", ""):
        pic.outputs.append(("node_modules", resolve("node_modules", cwd) or "", ins))
