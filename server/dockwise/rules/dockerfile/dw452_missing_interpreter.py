from __future__ import annotations

import re

from ...analysis.picture import full_text
from ...analysis import picture_of
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..support.helpers import final_stage

# program name → interpreter kind
PROGRAMS = {"python": "python", "python3": "python", "node": "node", "nodejs": "node", "npm": "node",
            "npx": "node", "java": "java", "ruby": "ruby", "bundle": "ruby", "php": "php", "dotnet": "dotnet"}
# Words in a RUN or COPY that suggest the stage got the interpreter some way we cannot follow.
_INSTALL_WORDS = {"python": ("python", "pypy"), "node": ("node", "nvm"), "java": ("java", "jdk", "jre", "jvm"),
                  "ruby": ("ruby",), "php": ("php",), "dotnet": ("dotnet", "aspnet")}
# Bases that ship no language runtime at all.
_BARE = frozenset({"alpine", "debian", "ubuntu", "busybox", "scratch", "distroless", "dotnet-deps"})
# Language images: they ship their own runtime and no other. The full (non-slim) Debian
# variants do have a python3 (buildpack-deps pulls it in), so python is only judged on
# slim and alpine tags and on distroless.
_LANGUAGE = frozenset({"python", "pypy", "node", "java", "maven", "gradle", "golang", "rust", "ruby", "php",
                       "dotnet", "distroless-python", "distroless-java", "distroless-node"})
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh"})
# Programs that run the next word as the real program: `tini --`, `dumb-init`, `gosu user`, `su-exec user`.
_WRAPPERS = {"tini": 0, "dumb-init": 0, "gosu": 1, "su-exec": 1, "catatonit": 0, "setpriv": 0}


def interpreter_of(program: str) -> str | None:
    base = program.rsplit("/", 1)[-1]
    if re.fullmatch(r"python3\.\d+", base):
        return "python"
    return PROGRAMS.get(base)


def programs_run(argv: list[str]) -> list[str]:
    """The programs a CMD/ENTRYPOINT argv runs: through `tini --`, `gosu user`, and the
    simple commands of an `sh -c "…"` string (`cd /app && exec java -jar app.jar`)."""
    argv = list(argv)
    while argv:
        base = argv[0].rsplit("/", 1)[-1]
        if base not in _WRAPPERS:
            break
        argv = argv[1:]
        while argv and argv[0].startswith("-"):
            argv = argv[1:]
        argv = argv[_WRAPPERS[base]:]
    if not argv:
        return []
    if argv[0].rsplit("/", 1)[-1] in _SHELLS and len(argv) >= 3 and argv[1] == "-c":
        found = []
        for part in re.split(r"&&|\|\||;|\|", argv[2]):
            words = part.split()
            while words and (words[0] == "exec" or re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=\S*", words[0])):
                words.pop(0)
            if words:
                found.append(words[0])
        return found
    return [argv[0]]


class MissingInterpreter(Rule):
    """The final stage runs an interpreter its image does not have.

    ## What it does
    Looks at the programs the final stage's `ENTRYPOINT` (or `CMD`, when there is no
    entrypoint) runs, in exec or shell form, through `tini --`/`dumb-init`/`gosu user` and
    the commands of an `sh -c "…"` string. When one is a language runtime — `python`/
    `python3`, `node`/`npm`/`npx`, `java`, `ruby`/`bundle`, `php`, `dotnet` — and the base
    image is known not to ship it, and nothing in the stage installs it (`apk add python3`,
    `apt-get install nodejs`, a `COPY --from` of a runtime, an install script...), it is
    reported. Bases known to ship no runtime: `alpine`, `debian`, `ubuntu`, `busybox`,
    `scratch`, `gcr.io/distroless/static|base|cc`, `mcr.microsoft.com/dotnet/runtime-deps`.
    Language images (`python`, `node`, `eclipse-temurin`/`openjdk`/`amazoncorretto`,
    `maven`, `gradle`, `golang`, `rust`, `ruby`, `php`, `mcr.microsoft.com/dotnet/runtime|
    aspnet|sdk`, `gcr.io/distroless/python3|java|nodejs`) ship their own runtime and no
    other; their full Debian variants do carry a `python3`, so `python` is judged there
    only on `-slim`, `-alpine` and distroless tags. Unknown base images, names built from
    variables and opaque installs keep the rule silent.

    Stages: the final stage only — the stage the `target` setting names (`docker build
    --target`), else the last stage of the file, with the stages it is built `FROM`, whose
    `ENTRYPOINT`/`CMD` the container runs.

    ## Why is this bad?
    The image builds fine and fails at start-up with `exec: "python3": executable file not
    found in $PATH`. This is common after moving the final stage to a smaller base in a
    multi-stage build: the interpreter stayed behind in the builder.

    ## Example
    ```dockerfile
    FROM python:3.12 AS build
    RUN pip install --prefix=/install flask

    FROM alpine:3.20
    COPY --from=build /install /usr/local
    CMD ["python3", "-m", "flask", "run"]
    ```

    Use instead:
    ```dockerfile
    FROM python:3.12-slim
    COPY --from=build /install /usr/local
    CMD ["python3", "-m", "flask", "run"]
    ```

    ## References
    - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    """

    code = "DW452"
    name = "final-stage-lacks-interpreter"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    fix_availability = FixAvailability.NEVER
    message = "`{prog}` is run here, but `{image}` has no {kind} and nothing in the stage installs it"
    fix_title = "Base the final stage on an image with the interpreter, or install it"

    def check(self, ctx: RuleContext):
        df = ctx.df
        if not df.stages:
            return
        pic = picture_of(df, final_stage(df, ctx.settings.target))
        if pic.facts is None or pic.interpreters_unknown or not pic.entry_argv or pic.entry_ins is None:
            return
        family = pic.facts.family
        if family not in _BARE and family not in _LANGUAGE:
            return
        root = pic
        while root.base is not None:
            root = root.base
        argv = pic.entry_argv if pic.entry_ins.json else ["sh", "-c", pic.entry_ins.rest]
        for prog in programs_run(argv):
            kind = interpreter_of(prog)
            if kind is None or kind in pic.interpreters or "$" in prog:
                continue
            if family in _LANGUAGE and kind == "python" and not self._slim(root.stage, family):
                continue
            if prog.startswith("/") and not prog.startswith(("/usr/bin/", "/usr/local/bin/", "/bin/")):
                continue  # an interpreter at a path of its own: something we did not see put it there
            if self._mentioned(pic, kind):
                continue
            image = root.stage.image_word.value if root.stage.image_word else root.stage.image
            ins = pic.entry_ins
            yield self.report(ins.rest_start, ins.rest_end, self.message.format(prog=prog, image=image, kind=kind))
            return

    @staticmethod
    def _slim(stage, family: str) -> bool:
        tag = (stage.ref.tag or "") if stage.ref is not None else ""
        return family.startswith(("distroless", "dotnet")) or "slim" in tag or "alpine" in tag

    @staticmethod
    def _mentioned(pic, kind: str) -> bool:
        """The interpreter's name anywhere in a RUN or COPY of the chain: assume it got installed."""
        words = _INSTALL_WORDS[kind]
        for p in pic.chain():
            for ins in p.stage.instructions:
                if ins.keyword in ("RUN", "COPY", "ADD") and any(w in full_text(ins).lower() for w in words):
                    return True
        return False
