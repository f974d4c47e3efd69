from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope

# The flags BuildKit's Dockerfile frontend accepts on each instruction (stable and labs
# channels: a flag of the labs syntax is not reported). Instructions not listed take none.
KNOWN_FLAGS: dict[str, frozenset[str]] = {
    "FROM": frozenset({"platform"}),
    "RUN": frozenset({"mount", "network", "security", "device"}),
    "COPY": frozenset({"from", "chown", "chmod", "link", "parents", "exclude"}),
    "ADD": frozenset({"chown", "chmod", "link", "keep-git-dir", "checksum", "exclude", "unpack"}),
    "HEALTHCHECK": frozenset({"interval", "timeout", "start-period", "start-interval", "retries"}),
}
# Instructions that take no flag at all (unknown instructions are DW400's).
_NO_FLAGS = frozenset({"CMD", "ENTRYPOINT", "ENV", "ARG", "LABEL", "EXPOSE", "USER", "WORKDIR", "VOLUME",
                       "STOPSIGNAL", "SHELL", "MAINTAINER"})
_CLOSE = 0.75  # difflib ratio: `frm`→`from`, `mnt`→`mount`, `chwon`→`chown`, `platfrom`→`platform`


def close_flags(name: str, known: frozenset[str]) -> list[str]:
    """Known flags `name` is probably a typo of, closest first."""
    lowered = name.lower()
    if lowered in known:
        return [lowered]  # flags are case-sensitive: `--FROM` is unknown
    import difflib  # only for a flag that does not exist
    return difflib.get_close_matches(lowered, sorted(known), n=3, cutoff=_CLOSE)


def owners(name: str) -> list[str]:
    """The instructions that do take `--name`."""
    return [kw for kw, flags in KNOWN_FLAGS.items() if name.lower() in flags]


class UnknownInstructionFlag(Rule):
    """An instruction has a `--flag` that BuildKit does not know.

    ## What it does
    Checks each instruction's leading `--flags` (also inside `ONBUILD`) against the flags the
    current Dockerfile syntax accepts: `FROM --platform`; `RUN --mount --network --security
    --device`; `COPY --from --chown --chmod --link --parents --exclude`; `ADD --chown --chmod
    --link --keep-git-dir --checksum --exclude --unpack`; `HEALTHCHECK --interval --timeout
    --start-period --start-interval --retries`. Other instructions take no flags. Flag names
    are case-sensitive. When one known flag is close (`--frm` → `--from`, `--mnt` →
    `--mount`, `--platfrom` → `--platform`), the message names it; a flag that belongs to
    another instruction (`ADD --from`) says so.

    Stages: all (`ONBUILD` too): the build fails in any stage.

    ## Why is this bad?
    `docker build` stops before running a single step with `unknown flag: frm`. An IDE
    catches it as you type instead of after a CI round-trip.

    ## Example
    ```dockerfile
    FROM golang:1.22 AS build
    RUN go build -o /out/app .

    FROM gcr.io/distroless/static-debian12
    COPY --frm=build /out/app /app
    ```

    Use instead:
    ```dockerfile
    FROM golang:1.22 AS build
    RUN go build -o /out/app .

    FROM gcr.io/distroless/static-debian12
    COPY --from=build /out/app /app
    ```

    ## Fix safety
    Safe when exactly one known flag is close: only the flag's name is respelt, and the
    build could not run with the unknown one. With several candidates (`--chmode`: `chmod`
    or `chown`?) there is no fix.

    ## References
    - [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
    """

    code = "DW426"
    # those are read anyway
    inputs = Inputs(keywords=frozenset(KNOWN_FLAGS) | _NO_FLAGS, scope=Scope.STAGE)
    name = "unknown-instruction-flag"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    fix_availability = FixAvailability.SOMETIMES
    message = "`{kw}` has no flag `--{flag}`"
    fix_title = "Rename the flag to `--{flag}`"

    def check(self, ctx: RuleContext):
        for ins in ctx.df.all_instructions():
            if not ins.flags or (ins.keyword not in KNOWN_FLAGS and ins.keyword not in _NO_FLAGS):
                continue
            known = KNOWN_FLAGS.get(ins.keyword, frozenset())
            for flag in ins.flags:
                if flag.name in known:
                    continue
                yield self._report(ctx, ins.keyword, flag, known)

    def _report(self, ctx: RuleContext, keyword: str, flag, known: frozenset[str]):
        message = self.message.format(kw=keyword, flag=flag.name)
        candidates = close_flags(flag.name, known)
        fix = None
        if len(candidates) == 1:
            message += f": did you mean `--{candidates[0]}`?"
            name_start = flag.start + 2
            name_end = name_start + len(flag.name)
            if ctx.df.text[name_start:name_end] == flag.name:  # written plainly, no quotes or escapes
                fix = self.make_fix([Edit(name_start, name_end, candidates[0])],
                                    title=self.fix_title.format(flag=candidates[0]))
        elif candidates:
            message += ": did you mean " + " or ".join(f"`--{c}`" for c in candidates) + "?"
        else:
            elsewhere = [kw for kw in owners(flag.name) if kw != keyword]
            if elsewhere:
                message += f" (it is a flag of {' and '.join(elsewhere)})"
            elif not known:
                message += f" (`{keyword}` takes no flags)"
        return self.report(flag.start, flag.end, message + "; the build fails", fix=fix)
