from __future__ import annotations

import re

from ...analysis import picture_of, shipping
from ...analysis.picture import needed
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext, per_stage
from ...lazy_regex import lazy_compile
from ..support.helpers import script_of

TOOLS = lazy_compile(r"^(build-essential|build-base|gcc|g\+\+|gcc-c\+\+|clang|make|cmake|gfortran|(gcc|g\+\+|clang)-\d+)$")
COMPILERS = lazy_compile(r"^(build-essential|build-base|gcc|g\+\+|gcc-c\+\+|clang|make|cmake|autoconf|automake|"
                         r"libtool|gfortran|musl-dev|libc6?-dev|linux-headers|(gcc|g\+\+|clang)-\d+|"
                         r"[a-z0-9][a-z0-9.+_-]*-(dev|devel))$")
# Images meant to be development or CI environments: compilers are their purpose.
DEV_IMAGES = lazy_compile(r"devcontainer|buildpack-deps|jenkins|runner|builder|ci-|-ci\b|toolchain|sdk|"
                          r"\bdev\b|vscode|codespace|gitpod|actions|cross|bazel|toolkit|tools?\b", re.I)
BARE = frozenset({"sh", "bash", "ash", "zsh", "node", "python", "python3", "irb", "php", "ruby", "jshell", "iex",
                  "erl", "ghci", "R", "julia"})
# Init wrappers run the next word as the real command; these of their flags take a value.
INITS = {"tini": {"-p", "-e"}, "dumb-init": {"-r", "--rewrite"}, "catatonit": set()}
# A header that says the image is a development or build environment (compilers are its purpose).
DEV_HEADER = lazy_compile(r"\b(dev|development|build) environment\b", re.I)
TOOLCHAIN_BUILD = {"go": ("go", {"build", "install"}), "rust": ("cargo", {"build", "install"}),
                   "maven": ("mvn", {"package", "install", "verify"}),
                   "gradle": ("gradle", {"build", "assemble", "bootJar", "shadowJar", "jar", "installDist"})}


class BuildToolsInFinalImage(Rule):
    """Compilers and build toolchains ship in the final image.

    ## What it does
    In the final stage of a Dockerfile that runs an application (it has `CMD` or `ENTRYPOINT`),
    counting what it inherits from the stages it is built `FROM`, flags:

    - OS packages that only serve to build things (`build-essential`, `build-base`, `gcc`,
      `g++`, `clang`, `make`, `cmake`, `*-dev`/`*-devel` headers) installed and never removed
      (`apt-get purge`, `apk del` of a `--virtual` group keeps the rule silent); at least one
      compiler or build tool must be among them, `*-dev` headers alone are not reported;
    - a language toolchain image (`golang`, `rust`, `maven`, `gradle`) used as the final stage
      that compiles the application (`go build`, `cargo build`, `mvn package`, `gradle build`)
      and then runs the compiled output rather than the toolchain.

    Images whose purpose is to be a build or development environment (devcontainers,
    CI runners, `buildpack-deps`, SDK images, a file or folder named `dev`/`ci`/`toolkit`...)
    are not flagged, nor files whose leading comments (before the first `FROM`, or directly
    above the final `FROM`) call the image a dev, development or build environment, nor base
    images whose command is a bare interpreter or shell (`CMD ["node"]`, also behind an init
    such as `["/sbin/tini", "-g", "sh"]`): those keep compilers so that users can build
    native modules.

    Stages: shipped only. Compilers in a builder stage whose output alone is copied into the
    final stage are what a multi-stage build is for, and are never flagged.

    ## Why is this bad?
    A compiler, headers and a build toolchain add hundreds of megabytes and a large attack
    surface to an image that only needs the compiled result. A multi-stage build compiles in
    one stage and copies only the output into a small runtime stage.

    ## Example
    ```dockerfile
    FROM golang:1.22
    WORKDIR /src
    COPY . .
    RUN go build -o /app .
    CMD ["/app"]
    ```

    Use instead:
    ```dockerfile
    FROM golang:1.22 AS build
    WORKDIR /src
    COPY . .
    RUN CGO_ENABLED=0 go build -o /app .

    FROM gcr.io/distroless/static-debian12
    COPY --from=build /app /app
    CMD ["/app"]
    ```

    ## References
    - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    """

    code = "DW120"
    name = "build-tools-in-final-image"
    category = Category.SIZE
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Build tools stay in the final image"
    fix_title = "Build in a separate stage and copy only the output into the final stage"

    def check(self, ctx: RuleContext):
        df = ctx.df
        target = shipping(df, ctx.settings.target).target
        if target is None:
            return
        stage = df.stages[target]
        # What is found follows from the stage, the stages its picture reads, the preamble and
        # the comments above its FROM (in the stage before): kept per stage while editing.
        yield from per_stage(ctx, stage, "DW120", lambda: self._final(ctx, df, stage),
                             lambda: needed(df, stage) | {max(stage.index - 1, 0)})

    def _final(self, ctx: RuleContext, df, stage):
        pic = picture_of(df, stage)
        if not pic.entry_argv or pic.entry_ins is None:
            return
        image = stage.image or ""
        if any(DEV_IMAGES.search(t) for t in (image, stage.name or "", ctx.path.rsplit("/", 1)[-1],
                                                 "/".join(ctx.path.split("/")[-3:-1]))):
            return
        if _dev_header(df, stage):
            return
        argv = _without_init(pic.entry_argv)
        if len(argv) == 1 and argv[0].rsplit("/", 1)[-1] in BARE:
            return  # `CMD ["node"]`, `["tini", "--", "sh"]`: a base image for others to build on
        yield from self._toolchain_image(df, pic, stage)
        yield from self._packages(pic)

    def _toolchain_image(self, df, pic, stage):
        if pic.facts is None or pic.facts.toolchain not in TOOLCHAIN_BUILD or stage.base_stage is not None:
            return
        prog, verbs = TOOLCHAIN_BUILD[pic.facts.toolchain]
        entry = pic.entry_argv[0].rsplit("/", 1)[-1]
        if entry in (prog, "sh", "bash", "make", "mvn", "gradle", "./gradlew", "gradlew", "mvnw", "cargo", "go"):
            return  # runs the toolchain itself (go run, mvn spring-boot:run...): a dev image
        for ins in stage.instructions:
            if ins.keyword != "RUN":
                continue
            sc = script_of(df, ins)
            if sc is None:
                continue
            for cmd in sc.commands:
                words = cmd.positional()
                if cmd.program in (prog, prog + "w") and words and words[0].value in verbs:
                    w = stage.image_word
                    yield self.report(w.start, w.end,
                                      f"The final stage is the `{pic.facts.family}` toolchain image, but it only runs "
                                      f"the compiled `{pic.entry_argv[0]}`: the whole toolchain ships with it")
                    return

    def _packages(self, pic):
        if pic.removes_packages:
            return
        found = [(name, ins, cmd) for name, ins, cmd in pic.os_packages if COMPILERS.match(name)]
        if not any(TOOLS.match(name) for name, _, _ in found):
            return  # headers alone are often a lazy way to get a library: not worth a warning
        by_ins = {}
        for name, ins, cmd in found:
            by_ins.setdefault(id(cmd), (cmd, []))[1].append(name)
        for cmd, names in by_ins.values():
            listed = ", ".join(f"`{n}`" for n in names[:5]) + (" ..." if len(names) > 5 else "")
            yield self.report(cmd.start, cmd.end,
                              f"Build tools ({listed}) are installed in the final image and never removed")



def _without_init(argv: list[str]) -> list[str]:
    """`["/sbin/tini", "-g", "--", "sh"]` -> `["sh"]`."""
    argv = list(argv)
    while argv and argv[0].rsplit("/", 1)[-1] in INITS:
        valued = INITS[argv[0].rsplit("/", 1)[-1]]
        argv = argv[1:]
        while argv and argv[0].startswith("-"):
            flag = argv.pop(0)
            if flag == "--":
                break
            if flag in valued and argv:
                argv.pop(0)
    return argv


def _dev_header(df, stage) -> bool:
    """The file's leading comments, or those directly above the final FROM, call the image a
    dev/development/build environment (moby's `# Assemble the full dev environment.`)."""
    first_from = next((ins.start for ins in df.instructions if ins.keyword == "FROM"), len(df.text))
    header = [c.text for c in df.comments if c.start < first_from] + [c.text for c in stage.from_.comments]
    return any(DEV_HEADER.search(text) for text in header)
