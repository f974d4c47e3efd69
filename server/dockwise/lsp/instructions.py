"""What each Dockerfile instruction does and which flags it takes (for hover)."""

from __future__ import annotations

REFERENCE = "https://docs.docker.com/reference/dockerfile/#{anchor}"

# keyword → (summary, syntax, {flag: meaning})
INSTRUCTIONS: dict[str, tuple[str, str, dict[str, str]]] = {
    "ADD": ("Add local or remote files and directories (URLs, Git repositories, auto-extracted local tar archives).",
            "ADD [OPTIONS] <src> ... <dest>",
            {"--chown": "owner user:group of the added files (Linux)", "--chmod": "permissions of the added files",
             "--checksum": "verify a remote file's checksum", "--keep-git-dir": "keep the .git directory of a Git source",
             "--link": "add the files in an independent layer", "--exclude": "exclude paths matching a pattern",
             "--unpack": "whether to extract archives"}),
    "ARG": ("Declare a build argument, optionally with a default. Before the first FROM it is global.",
            "ARG <name>[=<default value>] ...", {}),
    "CMD": ("The default command of a container (or the default arguments of ENTRYPOINT). Only the last CMD counts.",
            'CMD ["executable", "param"] | CMD command param', {}),
    "COPY": ("Copy files and directories from the build context, a stage or an image.",
             "COPY [OPTIONS] <src> ... <dest>",
             {"--from": "copy from a stage, image or named context instead of the build context",
              "--chown": "owner user:group of the copied files (Linux)", "--chmod": "permissions of the copied files",
              "--link": "copy the files in an independent layer", "--parents": "keep the parent directories of the sources",
              "--exclude": "exclude paths matching a pattern"}),
    "ENTRYPOINT": ("The executable a container runs; CMD supplies its default arguments.",
                   'ENTRYPOINT ["executable", "param"] | ENTRYPOINT command param', {}),
    "ENV": ("Set environment variables, for the following instructions and the running container.",
            "ENV <key>=<value> ...", {}),
    "EXPOSE": ("Document the ports the container listens on (does not publish them).",
               "EXPOSE <port>[/<protocol>] ...", {}),
    "FROM": ("Start a build stage from a base image (or `scratch`); `AS name` names the stage.",
             "FROM [--platform=<platform>] <image>[:<tag>][@<digest>] [AS <name>]",
             {"--platform": "the platform of the base image, e.g. linux/amd64 or $BUILDPLATFORM"}),
    "HEALTHCHECK": ("How to check that the container still works (or NONE to disable an inherited check).",
                    "HEALTHCHECK [OPTIONS] CMD command | HEALTHCHECK NONE",
                    {"--interval": "time between checks (default 30s)", "--timeout": "time a check may take (default 30s)",
                     "--start-period": "grace time after start (default 0s)",
                     "--start-interval": "time between checks during the start period (default 5s)",
                     "--retries": "failures in a row before unhealthy (default 3)"}),
    "LABEL": ("Add metadata to the image as key-value pairs.", "LABEL <key>=<value> ...", {}),
    "MAINTAINER": ("Deprecated: the image author. Use `LABEL org.opencontainers.image.authors=...`.",
                   "MAINTAINER <name>", {}),
    "ONBUILD": ("An instruction to run when another build uses this image as its base.",
                "ONBUILD <INSTRUCTION>", {}),
    "RUN": ("Run a command in a new layer (shell form runs `/bin/sh -c`); heredocs may hold scripts.",
            "RUN [OPTIONS] <command> | RUN [OPTIONS] [\"executable\", \"param\"]",
            {"--mount": "mount a cache, secret, ssh agent, bind or tmpfs for this command",
             "--network": "network access: default, none or host", "--security": "sandbox (default) or insecure"}),
    "SHELL": ("The shell used by the shell form of RUN, CMD and ENTRYPOINT.", 'SHELL ["executable", "param"]', {}),
    "STOPSIGNAL": ("The signal sent to stop the container.", "STOPSIGNAL <signal>", {}),
    "USER": ("The user (and group) for the following instructions and the running container.",
             "USER <user>[:<group>] | USER <UID>[:<GID>]", {}),
    "VOLUME": ("Declare mount points for external volumes.", 'VOLUME ["/data"] | VOLUME /data ...', {}),
    "WORKDIR": ("The working directory for the following instructions (created if missing).",
                "WORKDIR /path/to/workdir", {}),
}


def describe(keyword: str) -> str | None:
    entry = INSTRUCTIONS.get(keyword.upper())
    if entry is None:
        return None
    summary, syntax, flags = entry
    out = [f"**{keyword.upper()}**: {summary}", "", "```dockerfile", syntax, "```"]
    if flags:
        out += ["", "| Flag | Meaning |", "| --- | --- |"]
        out += [f"| `{name}` | {meaning} |" for name, meaning in flags.items()]
    out += ["", f"[Dockerfile reference]({REFERENCE.format(anchor=keyword.lower())})"]
    return "\n".join(out)
