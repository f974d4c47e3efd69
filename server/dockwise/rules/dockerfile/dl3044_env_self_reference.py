from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope

_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_AFTER_BRACED_NAME = frozenset("}:-+?#%/")  # `${name}`, `${name:-x}`, `${name#x}`...


def references(name: str, value: str) -> bool:
    """`$name` or `${name…}` occurs in value (not `$nameSuffix`). A plain scan: a regex per
    name would be compiled for every new name."""
    i = value.find("$")
    while i >= 0:
        j = i + 1
        k = j + 1 + len(name)
        if value.startswith("{" + name, j) and value[k:k + 1] in _AFTER_BRACED_NAME:
            return True
        k = j + len(name)
        if value.startswith(name, j) and value[k:k + 1] not in _NAME_CHARS:
            return True
        i = value.find("$", j)
    return False


class EnvSelfReference(Rule):
    """An `ENV` refers to a variable it defines itself.

    ## What it does
    Flags an `ENV` with several pairs where one pair's value uses a variable defined by another
    pair of the same instruction, and that variable was not defined (by ENV or ARG) before.

    Stages: all: every `ENV` of the file.

    ## Why is this bad?
    All values of one `ENV` are expanded before any of its variables is set: `ENV A=1 B=$A` sets
    `B` to the *old* value of `A` (here empty), which is rarely what was meant.

    ## Example
    ```dockerfile
    ENV PREFIX=/opt/app PATH=$PREFIX/bin:$PATH
    ```

    Use instead:
    ```dockerfile
    ENV PREFIX=/opt/app
    ENV PATH=$PREFIX/bin:$PATH
    ```

    ## References
    - hadolint DL3044
    """

    code = "DL3044"
    inputs = Inputs(keywords=frozenset(), scope=Scope.STAGE)
    name = "env-self-reference"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    fix_availability = FixAvailability.NEVER
    message = "Do not refer to an environment variable within the same `ENV` statement where it is defined"

    def check(self, ctx: RuleContext):
        defined: set[str] = set()
        for ins in ctx.df.instructions:
            if ins.keyword == "ARG":
                defined.update(kv.key.value for kv in ins.pairs)
            if ins.keyword != "ENV":
                continue
            pairs = [kv for kv in ins.pairs if kv.value is not None]
            hit = None
            for i, kv in enumerate(pairs):
                name = kv.key.value
                if name in defined:
                    continue
                for j, other in enumerate(pairs):
                    if i != j and references(name, other.value.value):
                        hit = (name, other)
                        break
                if hit:
                    break
            defined.update(kv.key.value for kv in ins.pairs)
            if hit:
                name, other = hit
                yield self.report(other.value.start, other.value.end,
                                  f"`${name}` refers to the `{name}` set by this same `ENV` (it expands to the old value)")
