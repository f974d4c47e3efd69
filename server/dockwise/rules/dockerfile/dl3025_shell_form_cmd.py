from __future__ import annotations

import json

from ...engine.diagnostic import (
    Applicability,
    Category,
    Edit,
    FixAvailability,
    Severity,
)
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ...lazy_regex import lazy_compile

# Anything that needs a shell to mean what it says.
_SHELL_SYNTAX = lazy_compile(r"[$`&|;<>(){}*?\[\]~#!\\\n\r]")
_BUILTINS = frozenset({
    "exec", "cd", "export", "set", "unset", "source", ".", "if", "for", "while", "until", "case",
    "eval", "trap", "ulimit", "umask", "alias", "read", "wait", "shift", "exit", "return", "local",
    "function", "declare", "typeset", "readonly", "let", "shopt", "builtin", "command", "{", "!",
})


def stage_has_shell(stage) -> bool:
    """A SHELL instruction in the stage or a stage it is built FROM (BuildKit's config.Shell)."""
    while stage is not None:
        if stage.of("SHELL"):
            return True
        stage = stage.base_stage
    return False


def plain_argv(text: str) -> list[str] | None:
    """The argv `sh -c text` would run, when `text` uses no shell feature; else None."""
    if _SHELL_SYNTAX.search(text):
        return None
    import shlex  # only for a shell-form command line without shell syntax
    try:
        argv = shlex.split(text, posix=True)
    except ValueError:
        return None
    if not argv or argv[0] in _BUILTINS or "=" in argv[0] or any(a == "" for a in argv):
        return None
    return argv


class ShellFormCmd(Rule):
    """`CMD`/`ENTRYPOINT` in shell form run under `/bin/sh -c`.

    ## What it does
    Flags `CMD` and `ENTRYPOINT` written in shell form (`CMD python app.py`) instead of exec
    form (`CMD ["python", "app.py"]`). Like BuildKit, not flagged when the stage (or a stage
    it is built FROM) sets `SHELL`: then shell form is a deliberate choice.

    Stages: all, as hadolint and BuildKit: a `CMD` or `ENTRYPOINT` of an earlier stage is
    inherited by the stages built `FROM` it, and any stage can be built with `--target`.

    ## Why is this bad?
    In shell form the container's PID 1 is `/bin/sh`, which does not forward signals:
    `docker stop` waits its timeout and then kills the app without a clean shutdown. A shell
    form `ENTRYPOINT` also ignores `CMD` and `docker run` arguments.

    ## Example
    ```dockerfile
    CMD gunicorn --bind 0.0.0.0:8000 app:app
    ```

    Use instead:
    ```dockerfile
    CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
    ```

    ## Fix safety
    Offered only when the command is a plain argv: no variables, globs, redirections,
    operators, backslashes, `~`, comments, builtins or leading `VAR=value` (those need a
    shell). Quoted words are split as the shell would and written as JSON strings.
    For `CMD` the fix is safe: the same program gets the same arguments, only without the
    `sh` in between (which is the point of the rule). For `ENTRYPOINT` it is unsafe: in exec
    form the stage's `CMD` and `docker run` arguments are appended to the entrypoint, where
    shell form ignored them.

    ## References
    - hadolint DL3025
    - BuildKit check JSONArgsRecommended
    """

    code = "DL3025"
    inputs = Inputs(keywords={"CMD", "ENTRYPOINT"}, scope=Scope.STAGE)
    name = "shell-form-cmd"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    message = "Shell-form `CMD`/`ENTRYPOINT` runs under `/bin/sh -c`, which does not pass on signals; use exec form"
    fix_title = "Convert to exec form"
    buildkit_name = "JSONArgsRecommended"

    def check(self, ctx: RuleContext):
        df = ctx.df
        for ins in df.instructions:
            if ins.keyword not in ("CMD", "ENTRYPOINT") or ins.json or not ins.rest.strip():
                continue
            if ins.stage is None or stage_has_shell(ins.stage):
                continue
            fix = None
            argv = None if ins.heredocs else plain_argv(ins.rest)
            if argv is not None:
                text = "[" + ", ".join(json.dumps(a, ensure_ascii=False) for a in argv) + "]"
                how = Applicability.SAFE if ins.keyword == "CMD" else Applicability.UNSAFE
                fix = self.make_fix([Edit(ins.rest_start, ins.rest_end, text)], how)
            yield self.report(ins.start, ins.end, f"Shell-form `{ins.keyword}` runs under `/bin/sh -c`, which does not pass on signals; use exec form", fix=fix)
