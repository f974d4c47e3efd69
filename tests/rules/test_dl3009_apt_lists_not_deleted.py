import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DL3009"
CATCHES = [
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n',
    'FROM debian:bookworm-slim\nRUN apt-get update\n',
    'FROM debian AS b\nRUN apt-get update && apt-get install -y x\nFROM b\n',
    'FROM debian:bookworm-slim\nRUN <<EOF\napt-get update\napt-get install -y x\nEOF\n',
    'FROM debian:bookworm-slim\nRUN rm -rf /var/lib/apt/lists/* && apt-get update\n',
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
