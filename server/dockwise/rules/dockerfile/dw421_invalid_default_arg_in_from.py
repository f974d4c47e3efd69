from __future__ import annotations

import re

from ...dockerfile.placeholders import foreign_placeholder_names
from ...dockerfile.variables import expand
from ...engine.diagnostic import Category, Severity
from ...engine.rule import Rule, RuleContext
from ...lazy_regex import lazy_compile

_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_HOST = r"(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?"
REFERENCE = lazy_compile(
    rf"^(?:{_HOST}/)?{_COMPONENT}(?:/{_COMPONENT})*(?::[\w][\w.-]{{0,127}})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{{32,}})?$"
)


# BuildKit fills the automatic platform arguments in; any real platform gives a valid name.
PLATFORM_DEFAULTS = {"TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux", "TARGETARCH": "amd64",
                     "TARGETVARIANT": "", "BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux",
                     "BUILDARCH": "amd64", "BUILDVARIANT": ""}


def default_args(df) -> dict[str, str | None]:
    """Global build arguments with their defaults, the automatic ones set to a real platform."""
    env: dict[str, str | None] = dict(PLATFORM_DEFAULTS)
    for ins in df.instructions:
        if ins.keyword == "FROM":
            break
        if ins.keyword == "ARG":
            for kv in ins.pairs:
                if kv.value is not None:
                    env[kv.key.value] = expand(kv.value.value, env, df.escape).value
                else:
                    env.setdefault(kv.key.value, None)
    return env


def valid_reference(text: str) -> bool:
    """Docker's reference grammar (what `reference.ParseNormalizedNamed` accepts)."""
    if not text or not REFERENCE.match(text):
        return False
    first, slash, rest = text.partition("/")
    if slash and not ("." in first or ":" in first or first == "localhost"):
        # not a registry host: it is a path component and must be lowercase
        return first == first.lower() and bool(REFERENCE.match(rest))
    return True


class InvalidDefaultArgInFrom(Rule):
    """With the default build arguments, `FROM` names no valid image.

    ## What it does
    Expands `FROM`'s image with the defaults of the global `ARG`s (an `ARG` without a default
    expands to an empty string, the automatic platform arguments to a real platform) and flags the `FROM` when the result is empty or not a valid
    image reference, such as `alpine:` or `:3.19`. Stage references (`FROM ${BASE}` naming an
    earlier stage) are valid.

    BuildKit runs this check with the defaults alone, whatever a build passes, so `docker build`
    and `docker compose build` print the warning on every build even when the repository's
    compose files always pass the argument (`build.args: [SENTRY_IMAGE]` with `SENTRY_IMAGE=…`
    in `.env`). dockwise reports it there too, and says so in the message.

    Stages: all: every `FROM`, expanded with the global build arguments' defaults.

    ## Why is this bad?
    A plain `docker build` without `--build-arg` fails with an "invalid reference format"
    error. Give the argument a sensible default so the Dockerfile builds on its own.

    ## Example
    ```dockerfile
    ARG TAG
    FROM busybox:${TAG}
    ```

    Use instead:
    ```dockerfile
    ARG TAG=latest
    FROM busybox:${TAG}
    ```

    ## References
    - BuildKit `InvalidDefaultArgInFrom`: https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/
    """

    code = "DW421"
    # reads the build context's choice (which build arguments the repository's builds pass, for
    # the message): not stage-local, and its findings are never kept across edits
    uses_context = True
    name = "invalid-default-arg-in-from"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    buildkit_name = "InvalidDefaultArgInFrom"
    message = "Default value for ARG `{word}` results in empty or invalid base image name"
    passed_note = (" (every build the repository names passes {names}, but BuildKit checks the defaults alone "
                   "and warns on each build)")

    def check(self, ctx: RuleContext):
        df = ctx.df
        env = default_args(df)
        choice = getattr(ctx.context, "choice", None)
        passed = getattr(choice, "build_args", frozenset())
        names = set()
        for stage in df.stages:
            word = stage.image_word
            if word is not None and "$" in word.value and not _uses_template_placeholders(word.value, df):
                exp = expand(word.value, env, df.escape)
                if not exp.unknown and exp.value.lower() not in names and not valid_reference(exp.value):
                    message = self.message.format(word=word.value)
                    empty = sorted(n for n in exp.used if env.get(n) is None) if passed else []
                    if empty and all(n in passed for n in empty):
                        message += self.passed_note.format(names=", ".join(f"`{n}`" for n in empty))
                    yield self.report(word.start, word.end, message)
            if stage.name:
                names.add(stage.name)


def _uses_template_placeholders(word: str, df) -> bool:
    """The FROM word, or a global ARG default it names, holds another tool's placeholder
    (`ARG VARIANT=${templateOption:imageVariant}`): the file is a template, not a build input."""
    if foreign_placeholder_names(word):
        return True
    for ins in df.instructions:
        if ins.keyword == "FROM":
            break
        if ins.keyword == "ARG":
            for kv in ins.pairs:
                if (kv.value is not None and foreign_placeholder_names(kv.value.value)
                        and re.search(r"\$\{?" + re.escape(kv.key.value) + r"\b", word)):
                    return True
    return False
