import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DL3059"
CATCHES = [
    'FROM debian:bookworm-slim\nRUN a\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN a\n# note\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/x a\nRUN --mount=type=cache,target=/x b\n',
    # a command substitution is not a chain (moby/buildkit examples/create-certs; hadolint 2.15.1
    # leaves such pairs alone)
    'FROM alpine:3.20\nRUN CAROOT=$(pwd) mkcert -install\nRUN cp -f rootCA.pem daemon/ca.pem\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN /foo.sh\nRUN /bar.sh\n',
    'FROM debian:12\nRUN /foo.sh\n# a comment\nRUN /bar.sh\n',
    'FROM debian:12\nRUN /foo.sh\n# a comment\n# another comment\nRUN /bar.sh\n',
    'FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n',
    'FROM debian:12\nRUN foo && bar\nRUN foo\nRUN bar\n',
]
PASSES = [
    'FROM debian:bookworm-slim\nRUN a\nWORKDIR /x\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN a\n# dockwise: ignore=DL3014\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN --network=none a\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN ["a"]\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN <<EOF\na\nEOF\nRUN b\n',
    'FROM alpine\nRUN a\nFROM alpine\nRUN b\n',
    'FROM debian:bookworm-slim\nRUN a &\nRUN b\n',
    # a RUN ending in a shell comment: joined, the comment would swallow the next command
    # (cypress examples/chromium; hadolint reports it)
    'FROM cypress/base\nRUN apt-get update              # Update package index\n'
    'RUN apt-get install chromium -y # Install Chromium\n',
    # hadolint's spec cases
    'FROM debian:10\n',
    'FROM debian:12\nRUN /foo.sh\n',
    'FROM debian:12\nRUN /foo.sh\nWORKDIR /\nRUN /bar.sh\n',
    'FROM debian:12\n# a comment\nRUN /foo.sh\n',
    'FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh\n',
    'FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh\n',
    'FROM debian:12\nRUN foo && bar\nRUN foobar\n',
    'FROM debian:12\nRUN foo; bar\nRUN foobar\n',
    'FROM debian:12\nRUN foobar\nRUN foo && bar\n',
    'FROM debian:12\nRUN foobar\nRUN foo; bar\n',
    'FROM debian:12\nRUN foo && bar\nRUN foo; bar\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_one_finding_per_run_that_follows_another_like_hadolint():
    text = "FROM x\nRUN a\nRUN b\nRUN c\nENV X=1\nRUN d\nRUN e\n"
    found = assert_catches(CODE, text, count=3)
    # each joins its RUN to the one before: one edit over the gap between the two
    for d in found:
        (edit,) = d.fix.edits
        assert text[edit.start:edit.end] == "\nRUN " and edit.end == d.start + len("RUN ")
    assert fixed(CODE, text) == "FROM x\nRUN a && \\\n    b && \\\n    c\nENV X=1\nRUN d && \\\n    e\n"


def test_a_long_group_gives_fixes_proportional_to_the_group_not_its_square():
    """1,000 RUNs in a row: 999 findings, each fix one edit of one line's worth of text."""
    from rule_harness import findings
    text = "FROM x\n" + "RUN echo hi\n" * 1000
    found = findings(CODE, text)
    assert len(found) == 999
    assert sum(len(e.text) for d in found for e in d.fix.edits) < 20 * 1000
    merged = fixed(CODE, text)
    assert merged.count("RUN ") == 1 and merged.count("echo hi") == 1000


def test_only_the_joins_that_keep_meaning_are_safe():
    """`cd` carries over into what follows it, so that join is unsafe; the next one is not."""
    from rule_harness import findings
    found = findings(CODE, "FROM x\nRUN cd /src\nRUN make\nRUN make install\n")
    assert [d.fix.applicability.value for d in found] == ["unsafe", "safe"]
    assert fixed(CODE, "FROM x\nRUN cd /src\nRUN make\nRUN make install\n", unsafe=False) == \
        "FROM x\nRUN cd /src\nRUN make && \\\n    make install\n"


def test_chains_are_left_alone_like_hadolint():
    """A RUN that already chains commands was grouped on purpose (hadolint 2.15 agrees)."""
    assert_passes(CODE, "FROM x\nRUN a && b\nRUN c\n")
    assert_passes(CODE, "FROM x\nRUN a\nRUN b || true\n")
    assert_passes(CODE, "FROM x\nRUN a\nRUN b; c\n")


def test_merge_keeps_comments_and_indent():
    text = "FROM x\nRUN a \\\n  --flag\n# why\nRUN c\nRUN d\n"
    assert fixed(CODE, text, unsafe=False) == "FROM x\nRUN a \\\n  --flag && \\\n  # why\n  c && \\\n  d\n"


@pytest.mark.parametrize("first,second", [("cd /tmp", "make"), ("export A=1 && a", "b"), ("A=1; a", "b"), ("set -e", "b"),
                                          ("umask 077", "b")])
def test_unsafe_when_state_or_flow_changes(first, second):
    from rule_harness import findings
    d = findings(CODE, f"FROM x\nRUN {first}\nRUN {second}\n")[0]
    assert d.fix.applicability.value == "unsafe"


def test_merged_result_does_not_retrigger():
    out = fixed(CODE, "FROM x\nRUN a\nRUN cd /x\nRUN b\n")
    assert_passes(CODE, out)


def test_a_pragma_for_this_rule_is_used_not_a_group_end():
    """jupyter's `# hadolint ignore=DL3059` between two RUNs: the finding is made and silenced,
    so the pragma is not reported unused (hadolint needs it too)."""
    from dockwise.config import Config
    from dockwise.engine.check import check
    text = "FROM python:3.12\nRUN pip install a\n# hadolint ignore=DL3059\nRUN pip install b\nCMD [\"python\"]\n"
    found = check(text, "Dockerfile", Config(select=["DL3059", "DW490"]))
    assert not found, [(d.code, d.message) for d in found]


# merge-style = "heredoc": the merged RUNs become one `RUN <<EOF` script

def heredoc_config(**kw):
    from dockwise.config import Config
    from dockwise.engine.rule import RuleSettings
    return Config(select=[CODE], settings=RuleSettings(merge_style="heredoc"), **kw)


def heredoc_fixed(text: str, unsafe: bool = True) -> str:
    return fixed(CODE, text, unsafe=unsafe, config=heredoc_config())


def heredoc_findings(text: str):
    from rule_harness import findings
    return findings(CODE, text, config=heredoc_config())


def test_heredoc_style_merges_an_apt_group_into_one_script_with_set_e():
    text = ("FROM debian:bookworm-slim\n"
            "RUN apt-get update\n"
            "# the tools we need\n"
            "RUN apt-get install -y --no-install-recommends curl \\\n"
            "      ca-certificates\n"
            "RUN rm -rf /var/lib/apt/lists/*\n"
            "WORKDIR /app\n")
    found = heredoc_findings(text)
    assert [d.fix.title for d in found] == ["Merge this RUN into the one before as a heredoc (needs BuildKit)"] * 2
    assert [d.fix.applicability.value for d in found] == ["safe", "safe"]
    assert heredoc_fixed(text, unsafe=False) == (
        "FROM debian:bookworm-slim\n"
        "RUN <<EOF\n"
        "set -e\n"
        "apt-get update\n"
        "# the tools we need\n"
        "apt-get install -y --no-install-recommends curl \\\n"
        "      ca-certificates\n"
        "rm -rf /var/lib/apt/lists/*\n"
        "EOF\n"
        "WORKDIR /app\n")


def test_the_default_style_is_and():
    from dockwise.engine.rule import RuleSettings
    assert RuleSettings().merge_style == "and"
    assert fixed(CODE, "FROM x\nRUN a\nRUN b\n") == "FROM x\nRUN a && \\\n    b\n"


def test_heredoc_edits_leave_the_commands_lines_alone():
    """Only `<<EOF`/`set -e`, the `RUN ` between and the terminator are written: another fix on
    a command (here DL3015's flag) applies in the same pass."""
    from dockwise.config import Config
    from dockwise.engine.rule import RuleSettings
    from rule_harness import sound_fix
    text = "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n"
    (d,) = heredoc_findings(text)
    assert [text[e.start:e.end] for e in d.fix.edits] == ["", "\nRUN ", ""]
    config = Config(select=[CODE, "DL3015"], settings=RuleSettings(merge_style="heredoc"))
    outcome = sound_fix(text, "Dockerfile", config)
    assert outcome.passes == 1
    assert outcome.text == ("FROM debian:12\nRUN <<EOF\nset -e\napt-get update\n"
                            "apt-get install --no-install-recommends -y curl\nEOF\n")


def test_a_long_group_needs_few_passes_and_gives_one_script():
    """Each pass merges neighbours pairwise: 40 RUNs take about log2(40) passes, not 40."""
    from rule_harness import sound_fix
    text = "FROM alpine:3.20\n" + "".join(f"RUN echo step{i}\n" for i in range(40))
    outcome = sound_fix(text, "Dockerfile", heredoc_config())
    assert outcome.passes <= 7
    assert outcome.text == "FROM alpine:3.20\nRUN <<EOF\nset -e\n" + "".join(f"echo step{i}\n" for i in range(40)) + "EOF\n"


def test_heredoc_style_keeps_mount_flags_and_needs_them_equal():
    text = ("FROM python:3.12-slim\n"
            "RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n"
            "RUN --mount=type=cache,target=/root/.cache/pip pip install -e .\n"
            "RUN --mount=type=secret,id=npmrc npm ci\n")
    assert heredoc_fixed(text) == (
        "FROM python:3.12-slim\n"
        "RUN --mount=type=cache,target=/root/.cache/pip <<EOF\n"
        "set -e\n"
        "pip install -r requirements.txt\n"
        "pip install -e .\n"
        "EOF\n"
        "RUN --mount=type=secret,id=npmrc npm ci\n")


def test_a_run_that_is_already_a_heredoc_takes_the_next_run_and_the_one_before():
    text = ("FROM debian:12\n"
            "RUN apt-get update\n"
            "RUN <<EOT\n"
            "set -eux\n"
            "apt-get install -y --no-install-recommends git\n"
            "EOT\n"
            "\n"
            "# the user\n"
            "RUN useradd -m app\n")
    found = heredoc_findings(text)
    assert len(found) == 2
    # `set -eux` before useradd would add -u: that join is unsafe, the first one is safe
    assert [d.fix.applicability.value for d in found] == ["safe", "unsafe"]
    assert heredoc_fixed(text) == (
        "FROM debian:12\n"
        "RUN <<EOT\n"
        "set -e\n"
        "apt-get update\n"
        "set -eux\n"
        "apt-get install -y --no-install-recommends git\n"
        "\n"
        "# the user\n"
        "useradd -m app\n"
        "EOT\n")


def test_two_heredocs_merge_and_the_second_set_e_goes():
    """awesome-compose's dev-envs stage once DW411 added `set -e` to both scripts."""
    text = ("FROM builder AS dev-envs\n"
            "RUN <<EOF\nset -e\napt-get update\napt-get install -y --no-install-recommends git\nEOF\n"
            "\n"
            "RUN <<EOF\nset -e\nuseradd -s /bin/bash -m vscode\ngroupadd docker\nusermod -aG docker vscode\nEOF\n"
            "# install Docker tools (cli, buildx, compose)\n"
            "COPY --from=gloursdocker/docker / /\n")
    assert heredoc_fixed(text, unsafe=False) == (
        "FROM builder AS dev-envs\n"
        "RUN <<EOF\nset -e\napt-get update\napt-get install -y --no-install-recommends git\n"
        "\n"
        "useradd -s /bin/bash -m vscode\ngroupadd docker\nusermod -aG docker vscode\nEOF\n"
        "# install Docker tools (cli, buildx, compose)\n"
        "COPY --from=gloursdocker/docker / /\n")


@pytest.mark.parametrize("text", [
    # no `set -e`: appending would hide its last command's failure (DW411 first)
    "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y git\nEOF\nRUN useradd app\n",
    # a script for bash, or with a shebang: not the shell a shell-form RUN uses
    "FROM debian:12\nRUN bash <<EOF\nset -e\nshopt -s globstar\nEOF\nRUN useradd app\n",
    "FROM debian:12\nRUN <<EOF\n#!/usr/bin/env bash\nset -e\necho hi\nEOF\nRUN useradd app\n",
    # `<<-` strips tabs; `set +e` turns errexit off again
    "FROM debian:12\nRUN <<-EOF\n\tset -e\n\techo hi\nEOF\nRUN useradd app\n",
    "FROM debian:12\nRUN <<EOF\nset -e\nset +e\necho hi\nEOF\nRUN useradd app\n",
])
def test_heredocs_that_do_not_merge(text):
    assert heredoc_findings(text) == []


def test_heredoc_runs_are_not_flagged_in_the_and_style():
    assert_passes(CODE, "FROM debian:12\nRUN apt-get update\nRUN <<EOF\nset -e\napt-get install -y git\nEOF\n")


def test_nothing_follows_a_statement_set_e_does_not_stop_at():
    """docker-library/docker's `[ -e /etc/nsswitch.conf ] && grep …`: as the last line its failure
    fails the script; a line after it would run past it, so the script takes nothing more."""
    text = ("FROM alpine:3.20\n"
            "RUN apk add --no-cache ca-certificates\n"
            "RUN [ -e /etc/nsswitch.conf ] && grep '^hosts: files dns' /etc/nsswitch.conf\n"
            "RUN apk add --no-cache git\n")
    assert heredoc_fixed(text) == (
        "FROM alpine:3.20\n"
        "RUN <<EOF\n"
        "set -e\n"
        "apk add --no-cache ca-certificates\n"
        "[ -e /etc/nsswitch.conf ] && grep '^hosts: files dns' /etc/nsswitch.conf\n"
        "EOF\n"
        "RUN apk add --no-cache git\n")


def test_continuation_lines_move_their_comments_above_and_keep_the_shells_reading():
    """BuildKit drops comment lines inside a continuation; in a script they would end the
    command, so they move above it (docker-library/docker's `apk add`)."""
    text = ("FROM alpine:3.20\n"
            "RUN apk add --no-cache \\\n"
            "\t\tca-certificates \\\n"
            "# DOCKER_HOST=ssh://... -- https://github.com/docker/cli/pull/1014\n"
            "\t\topenssh-client \\  \n"
            "\t\tgit\n"
            "RUN echo ok\n")
    assert heredoc_fixed(text) == (
        "FROM alpine:3.20\n"
        "RUN <<EOF\n"
        "set -e\n"
        "# DOCKER_HOST=ssh://... -- https://github.com/docker/cli/pull/1014\n"
        "apk add --no-cache \\\n"
        "\t\tca-certificates \\\n"
        "\t\topenssh-client \\\n"
        "\t\tgit\n"
        "echo ok\n"
        "EOF\n")


def test_a_run_the_shell_would_read_differently_is_merged_with_and():
    """A break inside single quotes: BuildKit joins the lines, the shell would keep the newline
    (BuildKit's parser test lk4d4-the-edge-case-generator)."""
    text = "FROM alpine:3.20\nRUN mkdir -p /test\nRUN sh -c 'echo root:testpass \\\n        > /tmp/passwd'\n"
    (d,) = heredoc_findings(text)
    assert d.fix.title == "Merge this RUN into the one before"
    assert "<<" not in heredoc_fixed(text)


@pytest.mark.parametrize("text", [
    # BuildKit keeps the CR of CRLF lines in a heredoc: `set -e\r` fails (moby/buildkit#4282)
    "FROM alpine:3.20\r\nRUN apk add git\r\nRUN git --version\r\n",
    # a frontend older than heredocs (dockerfile 1.4)
    "# syntax=docker/dockerfile:1.3\nFROM alpine:3.20\nRUN apk add git\nRUN git --version\n",
    # another escape character
    "# escape=`\nFROM alpine:3.20\nRUN apk add git\nRUN git --version\n",
    # a shell for which `set -e` means something else
    'FROM alpine:3.20\nSHELL ["/usr/bin/fish", "-c"]\nRUN apk add git\nRUN git --version\n',
])
def test_falls_back_to_and_where_a_heredoc_would_not_work(text):
    (d,) = heredoc_findings(text)
    assert d.fix.title == "Merge this RUN into the one before"
    out = heredoc_fixed(text)
    assert "<<" not in out and "&&" in out
    assert ("\r\n" in out) == ("\r\n" in text)


def test_bash_shell_and_indented_runs():
    text = ('FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'
            "  RUN curl -fsSL https://example.com/key | gpg --dearmor -o /k.gpg\n"
            "  RUN echo done\n")
    # a pipe is two commands: not merged at all; two single commands are
    assert heredoc_findings(text) == []
    text = 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n  RUN mkdir /k\n  RUN echo done\n'
    assert heredoc_fixed(text) == ('FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'
                                   "  RUN <<EOF\nset -e\nmkdir /k\necho done\nEOF\n")


def test_the_terminator_never_clashes_with_a_line_of_the_script():
    """Continuation lines that read `EOF` and `EOT` would end those heredocs early."""
    text = "FROM alpine:3.20\nRUN printf '%s\\n' \\\nEOF\nRUN printf '%s\\n' \\\nEOT\n"
    out = heredoc_fixed(text)
    assert out == "FROM alpine:3.20\nRUN <<SCRIPT\nset -e\nprintf '%s\\n' \\\nEOF\nprintf '%s\\n' \\\nEOT\nSCRIPT\n"
    from dockwise.dockerfile import parse
    (run,) = [i for i in parse(out).instructions if i.keyword == "RUN"]
    assert run.heredocs[0].content.count("\n") == 5


@pytest.mark.parametrize("first,second", [("cd /src", "make"), ("for f in a b; do rm $f; done", "true"),
                                          ("true", "if [ -f a ]; then rm a; fi")])
def test_heredoc_join_is_unsafe_when_state_carries_over_or_set_e_stops_sooner(first, second):
    (d,) = heredoc_findings(f"FROM alpine:3.20\nRUN {first}\nRUN {second}\n")
    assert d.fix.applicability.value == "unsafe"


def test_heredoc_result_passes_dw411_and_converges():
    from dockwise.config import Config
    from rule_harness import findings
    out = heredoc_fixed("FROM alpine:3.20\nRUN cd /tmp\nRUN wget https://example.com/x.tgz\nRUN tar xzf x.tgz\n")
    assert out.startswith("FROM alpine:3.20\nRUN <<EOF\nset -e\ncd /tmp\n")
    assert findings("DW411", out, config=Config(select=["DW411"])) == []
    assert heredoc_findings(out) == []


def test_a_run_whose_command_starts_on_the_next_line():
    """`RUN \\` alone on its line (comment lines in the continuation too): `<<EOF` goes on the
    RUN's line, the comments move into the script, none is lost or doubled."""
    text = ("FROM debian:12\n"
            "RUN --network=none \\\n"
            "# first\n"
            "    apt-get update\n"
            "RUN --network=none \\\n"
            "  ls /x \\\n"
            "  /y\n")
    assert heredoc_fixed(text) == ("FROM debian:12\n"
                                   "RUN --network=none <<EOF\n"
                                   "set -e\n"
                                   "# first\n"
                                   "apt-get update\n"
                                   "ls /x \\\n"
                                   "  /y\n"
                                   "EOF\n")


def test_a_heredoc_join_after_version_echoes_is_safe():
    """cypress's `echo " node version: $(node -v) \\n" …` then `RUN echo …`: `set -e` does not
    stop at a failure inside `$(…)`, and neither did the RUN."""
    text = ('FROM node:20\nRUN echo " node version:    $(node -v) \\n" \\\n  "npm version:     $(npm -v) \\n"\n'
            'RUN echo "More version info"\n')
    (d,) = heredoc_findings(text)
    assert d.fix.applicability.value == "safe"
