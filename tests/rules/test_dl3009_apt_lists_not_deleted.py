import pytest

from rule_harness import assert_catches, assert_passes, findings, fixed

CODE = "DL3009"
CATCHES = [
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n',
    'FROM debian:bookworm-slim\nRUN apt-get update\n',
    'FROM debian AS b\nRUN apt-get update && apt-get install -y x\nFROM b\n',
    'FROM debian:bookworm-slim\nRUN <<EOF\napt-get update\napt-get install -y x\nEOF\n',
    'FROM debian:bookworm-slim\nRUN rm -rf /var/lib/apt/lists/* && apt-get update\n',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get satisfy -y "libpq-dev (>= 15)"\n',
    # hadolint's spec cases
    'FROM scratch\nRUN apt-get update && apt-get install python\n',
    # hadolint's spec says pass; differs because a stage no other stage uses is a build target
    # (`docker build --target foo`) and ships its lists; set `target` to name the one you build
    'FROM ubuntu as foo\nRUN apt-get update && apt-get install python\nFROM scratch\nRUN echo hey!\n',
    'FROM ubuntu as foo\nRUN hey!\nFROM scratch\nRUN apt-get update && apt-get install python\n',
    'FROM ubuntu as foo\nRUN apt-get update && apt-get install python\nFROM foo\nRUN hey!\n',
    # hadolint's spec says pass; differs because a stage no other stage uses is a build target
    # (`docker build --target foo`) and ships its lists; set `target` to name the one you build
    'FROM ubuntu as foo\nRUN apt-get update && apt-get install python\nFROM scratch\nRUN hey!\n',
    'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n    apt-get update && apt-get install python\n',
    # hadolint's spec cases
    'FROM scratch\nONBUILD RUN apt-get update && apt-get install python\n',
    'FROM ubuntu as foo\nONBUILD RUN apt-get update && apt-get install python\nFROM scratch\nONBUILD RUN echo hey!\n',
    'FROM ubuntu as foo\nONBUILD RUN hey!\nFROM scratch\nONBUILD RUN apt-get update && apt-get install python\n',
    'FROM ubuntu as foo\nONBUILD RUN apt-get update && apt-get install python\nFROM foo\nONBUILD RUN hey!\n',
    'FROM ubuntu as foo\nONBUILD RUN apt-get update && apt-get install python\nFROM scratch\nONBUILD RUN hey!\n',
    'FROM debian:12\nONBUILD RUN --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n    apt-get update && apt-get install python\n',
]
PASSES = [
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists\n',
    'FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y x\n',
    'FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/lib/apt apt-get update\n',
    'FROM debian AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian\nCOPY --from=build /x /x\n',
    'FROM debian:bookworm-slim\nSHELL ["powershell", "-Command"]\nRUN apt-get update\n',
    'FROM debian:bookworm-slim\nRUN apt-get install -y x\n',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y x && apt-get distclean\n',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get satisfy -y "libpq-dev (>= 15)" && rm -rf /var/lib/apt/lists/*\n',
    # hadolint's spec cases
    'FROM ubuntu as foo\nRUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*\nFROM foo\nRUN hey!\n',
    'FROM scratch\nRUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists \\\n    apt-get update && apt-get install python\n',
    'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt \\\n    --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n    apt-get update && apt-get install python\n',
    'FROM debian:12\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/cache/apt \\\n    --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install foo\n',
    # hadolint's spec says catch; differs because the lists live in the /var/lib/apt cache mount, not
    # the layer (the .deb archives kept by removing docker-clean are not the lists)
    'FROM debian:12\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install python\n',
    # hadolint's spec cases
    'FROM ubuntu as foo\nONBUILD RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*\nFROM foo\nONBUILD RUN hey!\n',
    'FROM scratch\nONBUILD RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12\nONBUILD RUN --mount=type=cache,target=/var/lib/apt/lists \\\n    apt-get update && apt-get install python\n',
    'FROM debian:12\nONBUILD RUN --mount=type=cache,target=/var/lib/apt \\\n    --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n    apt-get update && apt-get install python\n',
    'FROM debian:12\nONBUILD RUN rm -f /etc/apt/apt.conf.d/docker-clean\nONBUILD RUN --mount=type=cache,target=/var/cache/apt \\\n    --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install foo\n',
    # hadolint's spec says catch; differs because the lists live in the /var/lib/apt cache mount, not
    # the layer (the .deb archives kept by removing docker-clean are not the lists)
    'FROM debian:12\nONBUILD RUN rm -f /etc/apt/apt.conf.d/docker-clean\nONBUILD RUN --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install python\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_fix_appends_rm():
    assert fixed(CODE, "FROM debian\nRUN apt-get update && \\\n    apt-get install -y x\n") == \
        "FROM debian\nRUN apt-get update && \\\n    apt-get install -y x && rm -rf /var/lib/apt/lists/*\n"


@pytest.mark.parametrize("text", [
    "FROM debian\nRUN <<EOF\napt-get update\nEOF\n",
    "FROM debian\nRUN apt-get update # refresh\n",
    "FROM debian\nRUN apt-get update &\n",
])
def test_no_fix_where_appending_is_wrong(text):
    from rule_harness import findings
    assert all(d.fix is None for d in findings(CODE, text))


def test_satisfy_installs_so_the_fix_is_offered():
    # `apt-get satisfy` installs what a dependency line asks for (build images pin ranges this way)
    text = ("FROM debian:bookworm\nRUN apt-get update && \\\n"
            "    apt-get satisfy -y --no-install-recommends \"libssl-dev (>= 3.0), pkg-config\"\n")
    assert fixed(CODE, text) == text[:-1] + " && rm -rf /var/lib/apt/lists/*\n"


def test_apt_dist_clean_cleans_the_lists_where_hadolint_2_15_still_flags():
    assert_passes("DL3009", "FROM debian:trixie\nRUN apt-get update && apt-get install -y curl && apt-get dist-clean\n")


def test_no_fix_when_the_update_only_feeds_a_later_install():
    from rule_harness import fixed
    text = "FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y curl\n"
    assert fixed("DL3009", text) == text  # deleting the lists here would break the next RUN


def test_fixes_together_merge_first_then_clean():
    from dockwise.config import Config
    from dockwise.engine.fixer import fix_text
    text = "FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y curl\n"
    out = fix_text(text, "Dockerfile", Config(select=["DL3009", "DL3059"])).text
    assert out == "FROM debian:bookworm\nRUN apt-get update && \\\n    apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"


def test_onbuild_run_is_judged_and_fixed_in_any_stage():
    # the trigger runs in the images built FROM this one: its layer is theirs, shipped or not here
    text = 'FROM debian:12 AS base\nONBUILD RUN apt-get update && apt-get install -y python3\nFROM scratch\nCOPY --from=base /etc/os-release /\n'
    assert_catches("DL3009", text)
    assert fixed("DL3009", text) == text.replace("python3\n", "python3 && rm -rf /var/lib/apt/lists/*\n", 1)


def _located(text):
    from rule_harness import findings
    return [(text.count("\n", 0, d.start) + 1, d.fix is not None, d.message) for d in findings(CODE, text)]


# cypress-io/cypress-docker-images base-internal/releases/ubuntu/ubuntu24-node24: one RUN updates
# and installs, the next RUNs install without an update of their own
CYPRESS_SHAPE = """FROM ubuntu:24.04
RUN apt-get update && \\
  apt-get install -y apt-transport-https ca-certificates curl gnupg
RUN echo "deb [signed-by=/etc/apt/keyrings/nodesource.gpg] https://deb.nodesource.com/node_24.x nodistro main" | tee /etc/apt/sources.list.d/nodesource.list
RUN apt-get update && apt-get install -y nodejs
RUN apt-get install software-properties-common -y
RUN add-apt-repository ppa:deadsnakes/ppa
RUN apt-get update && apt-get upgrade -y
RUN apt-get install g++ make python3.11 -y
RUN npm install -g yarn@latest
RUN apt-get install -y git
RUN apt-get install -y \\
    libasound2t64 \\
    xvfb
"""


def test_lists_a_later_run_installs_from_are_not_reported_where_deleting_breaks_the_build():
    found = _located(CYPRESS_SHAPE)
    lines = [line for line, _, _ in found]
    # line 2: line 5 updates again before anything installs, so deleting there is safe (and fixed);
    # lines 5 and 8 feed the installs of lines 6 and 9-12: the findings go to the last reader
    assert lines == [2, 6, 12]
    assert [has_fix for _, has_fix, _ in found] == [True, False, False]
    assert "merge" in found[2][2]
    from rule_harness import findings
    updates = [CYPRESS_SHAPE.count("\n", 0, r.start) + 1 for d in findings(CODE, CYPRESS_SHAPE) for r in d.related]
    assert updates == [5, 8]  # each points at the update whose lists it reads
    fixed_text = fixed(CODE, CYPRESS_SHAPE)
    assert fixed_text.count("rm -rf /var/lib/apt/lists/*") == 1
    assert "ca-certificates curl gnupg && rm -rf /var/lib/apt/lists/*\n" in fixed_text


def test_update_only_run_reported_at_the_install_that_reads_its_lists():
    text = "FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n"
    assert [(line, has_fix) for line, has_fix, _ in _located(text)] == [(3, False)]


def test_a_stage_built_from_this_one_reads_the_lists():
    # moby/buildkit hack/dockerfiles/archutil.Dockerfile: `FROM base AS exit-loong64-base` installs
    text = ("FROM debian:bookworm-slim AS base\n"
            "RUN apt-get update && apt-get --no-install-recommends install -y git binutils\n"
            "FROM base AS exit-loong64-base\n"
            "RUN apt-get --no-install-recommends install -y binutils-loongarch64-linux-gnu\n")
    assert [(line, has_fix) for line, has_fix, _ in _located(text)] == [(4, False)]
    assert fixed(CODE, text) == text


def test_an_onbuild_install_reads_the_lists():
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y ca-certificates\n"
            "ONBUILD RUN apt-get install -y build-essential\n")
    assert fixed(CODE, text) == text
    assert [line for line, _, _ in _located(text)] == [3]


@pytest.mark.parametrize("later", [
    "RUN apt-get update && apt-get install -y git",                    # updates first itself
    "RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs",
    "RUN --mount=type=cache,target=/var/lib/apt/lists apt-get install -y git",  # reads the cache, not the layer
    "RUN echo done",
])
def test_later_runs_that_do_not_read_these_lists_keep_the_fix(later):
    text = f"FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n{later}\n"
    assert [(line, has_fix) for line, has_fix, _ in _located(text)][:1] == [(2, True)]


def test_nodesource_script_downloaded_then_run_elsewhere_still_counts_as_reading():
    # cypress ubuntu20-node16: `curl … -o nodesource_setup.sh` does not update anything by itself
    text = ("FROM ubuntu:20.04\nRUN apt-get update && \\\n  apt-get install -y apt-transport-https curl\n"
            "RUN curl -sL https://deb.nodesource.com/setup_16.x -o nodesource_setup.sh\n"
            "RUN bash nodesource_setup.sh\nRUN apt-get install -y nodejs\n")
    assert fixed(CODE, text) == text
    assert [line for line, _, _ in _located(text)] == [6]


def test_hadolint_pragma_on_the_update_stays_used_and_accepts_the_lists():
    from dockwise.config import Config
    from dockwise.engine.check import check
    text = ("FROM debian:bookworm\n# hadolint ignore=DL3009\nRUN apt-get update\n"
            "RUN apt-get install -y curl\n")
    assert [d.code for d in check(text, "Dockerfile", Config(select=["DL3009", "DW490"]))] == []
    unpragmaed = text.replace("# hadolint ignore=DL3009\n", "")
    assert [d.code for d in check(unpragmaed, "Dockerfile", Config(select=["DL3009", "DW490"]))] == ["DL3009"]


@pytest.mark.parametrize("pragma", ["# dockwise: ignore=DL3009", "# dockwise: ignore=apt-lists-not-deleted"])
def test_dockwise_pragma_on_the_update_accepts_the_lists_and_is_used(pragma):
    """The same pragma in dockwise's own words is not "unused" (DW490): it is what accepts them."""
    from dockwise.config import Config
    from dockwise.engine.check import check
    text = (f"FROM debian:bookworm\n{pragma}\nRUN apt-get update\n"
            "RUN apt-get install -y curl\n")
    assert [d.code for d in check(text, "Dockerfile", Config(select=["DL3009", "DW490"]))] == []


# The cache-mount alternative (issue #19): the lists and the archives in locked cache mounts
APT_MOUNTS = ("--mount=type=cache,target=/var/cache/apt,sharing=locked"
              " --mount=type=cache,target=/var/lib/apt/lists,sharing=locked")
CACHE_MOUNT_FIXES = [
    ("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
     f"FROM debian:bookworm-slim\nRUN {APT_MOUNTS} apt-get update && apt-get install -y --no-install-recommends curl\n"),
    # after the flags the RUN has; a heredoc RUN (no clean-up fix there) gets it too
    ("FROM ubuntu:24.04\nRUN --network=host apt-get update \\\n    && apt-get install -y git\n",
     f"FROM ubuntu:24.04\nRUN --network=host {APT_MOUNTS} apt-get update \\\n    && apt-get install -y git\n"),
    ("FROM node:20\nRUN <<EOF\napt-get update\napt-get install -y --no-install-recommends git\nEOF\n",
     f"FROM node:20\nRUN {APT_MOUNTS} <<EOF\napt-get update\napt-get install -y --no-install-recommends git\nEOF\n"),
    # a mount already there for the archives: only the lists' is added
    ("FROM python:3.13-slim\nRUN --mount=type=cache,target=/var/cache/apt \\\n    apt-get update && apt-get install -y gcc\n",
     "FROM python:3.13-slim\nRUN --mount=type=cache,target=/var/cache/apt"
     " --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \\\n    apt-get update && apt-get install -y gcc\n"),
]


@pytest.mark.parametrize("before,after", CACHE_MOUNT_FIXES)
def test_cache_mount_fix(before, after):
    assert fixed("DL3009", before, prefer="cache-mount") == after


NO_CACHE_MOUNT = [
    # a later RUN installs from these lists: in a mount it would find none
    "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n",
    # the RUN installs from an earlier RUN's lists before its own update
    "FROM debian:12\nRUN apt-get update && apt-get install -y ca-certificates && rm -rf /var/lib/apt/lists/*\n"
    "RUN apt-get install -y curl; apt-get update && apt-get install -y git\n",
    # a script run before the update may install from the earlier lists (discourse_docker)
    "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nCOPY install-chrome /tmp/\n"
    "RUN /tmp/install-chrome && apt update && apt install -y firefox-esr && apt clean\n",
    # `rm -rf /var/lib/apt/` cannot remove the mount point: the RUN would fail
    "FROM ubuntu:24.04\nRUN apt update && apt install -y python3 && rm -rf /var/lib/{apt,dpkg,cache,log}/\n",
    "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3 && rm -rf /var/cache/apt\n",
    # a frontend without RUN --mount
    "# syntax=docker/dockerfile:1.1\nFROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
]


@pytest.mark.parametrize("text", NO_CACHE_MOUNT)
def test_no_cache_mount_where_it_would_break_the_build(text):
    found = findings("DL3009", text)
    assert found and all(d.alternatives == () and (d.fix is None or d.fix.kind != "cache-mount") for d in found)


def test_the_docker_clean_hook_is_left_alone():
    # removing it would ship in the image: later installs without a mount would keep their .debs
    after = fixed("DL3009", "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n", prefer="cache-mount")
    assert "docker-clean" not in after and after.count("--mount") == 2
