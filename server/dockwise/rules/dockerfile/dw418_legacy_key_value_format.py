from __future__ import annotations

from ...dockerfile.variables import unquote
from ...engine.diagnostic import Applicability, Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


def modern_value(raw: str, escape: str) -> tuple[str, bool]:
    """The `key=value` spelling of a legacy value, and whether it surely means the same."""
    plain = not any(c in raw for c in ("\"", "'", escape))
    if plain:
        if not raw or any(c.isspace() for c in raw):
            return '"' + raw + '"', True
        return raw, True
    # Quotes or escapes: BuildKit removes them when it expands the legacy value. Re-quote the
    # result; a `\$` (literal dollar) cannot be told from `$` after unquoting, so it is unsafe.
    value = unquote(raw, escape)
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    same = escape == "\\" and unquote(quoted, escape) == value and escape + "$" not in raw
    return quoted, same


class LegacyKeyValueFormat(Rule):
    """`ENV key value` / `LABEL key value`: the legacy whitespace-separated form.

    ## What it does
    Flags `ENV` and `LABEL` entries written as `key value` instead of `key=value`.

    Stages: all: every `ENV` and `LABEL` of the file (`ONBUILD` too).

    ## Why is this bad?
    The legacy form sets exactly one variable and takes the whole rest of the line as its
    value, so `ENV A 1 B 2` sets `A` to `1 B 2`. It is ambiguous to read, cannot set several
    keys at once, and Docker's documentation says it may be removed.

    ## Example
    ```dockerfile
    ENV APP_HOME /app
    ENV GREETING hello world
    ```

    Use instead:
    ```dockerfile
    ENV APP_HOME=/app
    ENV GREETING="hello world"
    ```

    ## Fix safety
    Safe when the value has no quotes or escapes: the separator becomes `=` and a value with
    spaces is wrapped in double quotes. When the value contains quotes or backslashes the fix
    re-quotes it after removing them as BuildKit does (escaping `"` and `\\`); that is marked
    unsafe when it cannot be sure the value round-trips (for example `\\$` or a custom
    `# escape=` character).

    ## References
    - BuildKit `LegacyKeyValueFormat`: https://docs.docker.com/reference/build-checks/legacy-key-value-format/
    """

    code = "DW418"
    inputs = Inputs(keywords={"ENV", "LABEL"}, scope=Scope.STAGE)
    name = "legacy-key-value-format"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    buildkit_name = "LegacyKeyValueFormat"
    message = "\"{kw} key=value\" should be used instead of legacy \"{kw} key value\" format"
    fix_title = "Use `key=value`"

    def check_instruction(self, ins, ctx: RuleContext):
        df = ctx.df
        for kv in ins.pairs:
            if kv.equals or kv.value is None:
                continue
            key, value = kv.key, kv.value
            new, same = modern_value(value.value, df.escape)
            if new == value.value:
                edits = [Edit(key.end, value.start, "=")]
            elif new == '"' + value.value + '"':  # wrap in place, continuation lines kept
                edits = [Edit(key.end, value.start, '="'), Edit.insert(value.end, '"')]
            else:
                edits = [Edit(key.end, value.end, "=" + new)]
            fix = self.make_fix(edits, Applicability.SAFE if same else Applicability.UNSAFE)
            yield self.report(key.start, value.end, self.message.format(kw=ins.keyword), fix=fix)
