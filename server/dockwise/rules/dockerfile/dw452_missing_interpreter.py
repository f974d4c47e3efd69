from __future__ import annotations

import re

from ...analysis.picture import full_text
from ...analysis import picture_of
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext

# program name → interpreter kind
PROGRAMS = {"python": "python", "python3": "python", "node": "node", "nodejs": "node", "java": "java",
            "ruby": "ruby", "php": "php"}


def interpreter_of(program: str) -> str | None:
    base = program.rsplit("/", 1)[-1]
    if re.fullmatch(r"python3\.\d+", base):
        return "python"
    return PROGRAMS.get(base)


class MissingInterpreter(Rule):
    """The final stage runs an interpreter its image does not have.

    ## What it does
    Looks at the program the final stage's `ENTRYPOINT` (or `CMD`, when there is no
    entrypoint) runs. When it is `python`/`python3`/`node`/`java`/`ruby`/`php` and the stage's
    base image is known to ship none (`alpine`, `debian`, `ubuntu`, `busybox`, `scratch`,
    `gcr.io/distroless/static|base|cc`) and nothing in the stage installs it (`apk add python3`,
    `apt-get install nodejs`, a `COPY --from` of an interpreter, an install script...), it is
    reported. Unknown base images and opaque installs keep the rule silent.

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
        pic = picture_of(df, df.stages[-1])
        if pic.facts is None or pic.interpreters_unknown or not pic.entry_argv or pic.entry_ins is None:
            return
        if pic.facts.family not in ("alpine", "debian", "ubuntu", "busybox", "scratch", "distroless"):
            return
        prog = pic.entry_argv[0]
        kind = interpreter_of(prog)
        if kind is None or kind in pic.interpreters:
            return
        if prog.startswith("/") and not prog.startswith(("/usr/bin/", "/usr/local/bin/", "/bin/")):
            return  # an interpreter at a path of its own: something we did not see put it there
        # the interpreter's name anywhere in a RUN or COPY of the chain: assume it got installed
        words = {"python": ("python", "pypy"), "node": ("node", "nvm"), "java": ("java", "jdk", "jre", "jvm"),
                 "ruby": ("ruby",), "php": ("php",)}[kind]
        for p in pic.chain():
            for ins in p.stage.instructions:
                if ins.keyword in ("RUN", "COPY", "ADD") and any(w in full_text(ins).lower() for w in words):
                    return
        ins = pic.entry_ins
        root = pic
        while root.base is not None:
            root = root.base
        image = root.stage.image_word.value if root.stage.image_word else root.stage.image
        yield self.report(ins.rest_start, ins.rest_end, self.message.format(prog=prog, image=image, kind=kind))
