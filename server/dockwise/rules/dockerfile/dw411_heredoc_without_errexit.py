from __future__ import annotations

from ...engine.diagnostic import Applicability, Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import runs


def has_errexit(script, ins) -> bool:
    """`set -e` (or `-o errexit`) in the body, or `-e` given to the shell."""
    for cmd in script.commands:
        words = [w.value for w in cmd.argv]
        if words and words[0] == "set":
            for i, w in enumerate(words[1:], 1):
                if w.startswith("-") and not w.startswith("--") and "e" in w[1:]:
                    return True
                if w == "-o" and i + 1 < len(words) and words[i + 1] == "errexit":
                    return True
    body = ins.heredocs[0].content
    first = body.lstrip("\n").split("\n", 1)[0]
    if first.startswith("#!") and any(p.startswith("-") and "e" in p for p in first.split()[1:]):
        return True
    # `RUN bash -e <<EOF` / `RUN sh -ex <<EOF`
    return any(w.startswith("-") and not w.startswith("--") and "e" in w[1:] and not w.startswith("<<")
               for w in ins.rest.split()[:3])


def unchecked_commands(script) -> int:
    """Statements whose failure is ignored: they end with a newline or `;` and are not last."""
    top = [c for c in script.commands if not c.in_substitution and not c.in_condition]
    n = 0
    for c in top[:-1]:
        if c.operator_after in ("", ";") and not c.in_pipeline:
            n += 1
    return n


class HeredocWithoutErrexit(Rule):
    """A heredoc `RUN` runs several commands without `set -e`.

    ## What it does
    Flags `RUN <<EOF` scripts with more than one command (one per line or separated by `;`)
    and no `set -e` (or `set -o errexit`, or `-e` on the shebang or shell).

    Stages: all (`ONBUILD RUN` too): a failure the script goes past breaks a builder stage's
    output too.

    ## Why is this bad?
    A heredoc is run as a shell script, and a script's exit status is its last command's:
    when `apt-get install` fails on line 2, the build goes on and bakes a broken image if
    line 3 succeeds. `&&` chains do not have this problem; heredocs lose it silently.

    ## Example
    ```dockerfile
    RUN <<EOF
    apt-get update
    apt-get install -y curl
    rm -rf /var/lib/apt/lists/*
    EOF
    ```

    Use instead:
    ```dockerfile
    RUN <<EOF
    set -e
    apt-get update
    apt-get install -y curl
    rm -rf /var/lib/apt/lists/*
    EOF
    ```

    ## Fix safety
    Unsafe: `set -e` is inserted at the top of the body (after a shebang). That is the
    point, but it changes behaviour: a command whose failure the script relied on ignoring
    (`grep` finding nothing, a `test` on its own line) now fails the build; add `|| true` there.

    ## References
    - No BuildKit, hadolint, checkov or trivy check covers it; see the Dockerfile reference on
      here-documents: https://docs.docker.com/reference/dockerfile/#here-documents
    """

    code = "DW411"
    inputs = Inputs(scope=Scope.STAGE)
    name = "heredoc-without-errexit"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    message = "Heredoc script runs {n} commands without `set -e`: only the last one's failure fails the build"
    fix_title = "Insert `set -e` at the top of the script"

    def check(self, ctx: RuleContext):
        df = ctx.df
        nl = df.source.newline
        for ins, script in runs(df):
            if not script.from_heredoc or not ins.heredocs:
                continue
            if unchecked_commands(script) == 0 or has_errexit(script, ins):
                continue
            doc = ins.heredocs[0]
            at = doc.body_start
            body = df.text[doc.body_start:doc.body_end]
            if body.startswith("#!"):
                eol = body.find("\n")
                at = doc.body_start + (eol + 1 if eol >= 0 else len(body))
            indent = "\t" if doc.chomp and body[at - doc.body_start:].startswith("\t") else ""
            fix = self.make_fix([Edit.insert(at, f"{indent}set -e{nl}")], Applicability.UNSAFE)
            yield self.report(doc.marker.start, doc.marker.end,
                              self.message.format(n=len([c for c in script.commands if not c.in_substitution])),
                              fix=fix)
