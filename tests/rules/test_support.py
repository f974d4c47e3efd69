"""rules/support/: one place per fact rules share, and the findings that changed when two copies
of a fact that disagreed became one (issue #18 item 3)."""

import pytest

from rule_harness import assert_catches, assert_passes, findings
from dockwise.config import Config
from dockwise.dockerfile.parser import parse
from dockwise.rules.support import packages, pip, pragmas


def _command(text: str):
    df = parse(f"FROM debian:12\nRUN {text}\n")
    [cmd] = df.script(df.instructions[1]).commands
    return cmd


# --- apt and apt-get: two sets (21 and 17 entries) became apt-get's and apt's own -------------

@pytest.mark.parametrize("run, sub", [
    ("apt-get -o Dpkg::Options::=--force-confold dselect-upgrade", "dselect-upgrade"),
    ("apt-get -q auto-remove -y", "auto-remove"),
    ("apt-get distclean", "distclean"),
    ("apt-get -t bookworm-backports install -y curl", "install"),
])
def test_apt_get_subcommands_are_found_past_options(run, sub):
    assert packages.subcommand_word(_command(run), packages.APT_GET_SUBCOMMANDS).value == sub


def test_an_unknown_apt_get_word_is_not_a_subcommand():
    assert packages.subcommand_word(_command("apt-get frobnicate x"), packages.APT_GET_SUBCOMMANDS) is None


def test_apt_has_queries_apt_get_has_not_and_apt_get_has_check_apt_has_not():
    assert {"list", "search", "show", "edit-sources"} <= packages.APT_SUBCOMMANDS - packages.APT_GET_SUBCOMMANDS
    assert {"check", "indextargets", "dselect-upgrade"} <= packages.APT_GET_SUBCOMMANDS - packages.APT_SUBCOMMANDS


@pytest.mark.parametrize("run", ["apt distclean", "apt changelog curl", "apt auto-remove -y", "apt install -y curl"])
def test_dl3027_offers_apt_get_for_every_subcommand_both_tools_have(run):
    [d] = assert_catches("DL3027", f"FROM debian:12\nRUN {run}\n")
    assert d.fix is not None


@pytest.mark.parametrize("run", ["apt check", "apt list --installed", "apt edit-sources"])
def test_dl3027_offers_no_rewrite_where_the_other_tool_lacks_the_subcommand(run):
    """`apt check` fails ("Invalid operation check"): the finding stays, but turning it into
    `apt-get check` would change what the build does, so no fix."""
    [d] = assert_catches("DL3027", f"FROM debian:12\nRUN {run}\n")
    assert d.fix is None


def test_dl3008_reads_the_value_of_every_apt_get_option_that_takes_one():
    """`-a arm64` (--host-architecture) was read as a package named `arm64` by DL3008, whose own
    list of apt-get value options lacked it; apt-get's options now live in one place."""
    assert_passes("DL3008", "FROM debian:12\nRUN apt-get install -y -a arm64 curl=8.5.0-2\n")
    [d] = assert_catches("DL3008", "FROM debian:12\nRUN apt-get install -y --default-release bookworm curl\n")
    assert "`curl`" in d.message and "bookworm" not in d.message


def test_apk_value_options_are_skipped():
    [d] = assert_catches("DL3018", "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.5-r0\n")
    assert "`gcc`" in d.message and ".build-deps" not in d.message


# --- pip: three definitions became one, read by the rules and the stage analysis alike ---------

def test_one_list_of_pip_names_for_rules_and_the_analysis():
    from dockwise.analysis import picture
    assert picture.PIP_NAMES is pip.PIP_NAMES and picture.PYTHON_NAMES is pip.PYTHON_NAMES
    assert {"pip", "pip3", "pip2", "pip3.12"} <= pip.PIP_NAMES
    assert pip.is_pip_install(_command("pip3.12 install flask"))
    assert pip.is_pip_install(_command("python3 -m pip install flask"))
    assert not pip.is_pip_install(_command("pip3 download flask"))


def test_dw210_sees_a_versioned_pip_trusting_a_host():
    assert_catches("DW210", "FROM python:3.12\nRUN pip3.12 install --trusted-host pypi.example.com flask\n")


# --- pragmas: the comments that belong to a tool, one definition for DL3059 and DW423 ----------

@pytest.mark.parametrize("comment", [
    "hadolint ignore=DL3008", "hadolint shell=bash", "dockwise: ignore=DW100", "check=skip=JSONArgsRecommended",
    "check = error=true", "syntax=docker/dockerfile:1", "trivy:ignore:AVD-DS-0002", "checkov:skip=CKV_DOCKER_3",
    "renovate: datasource=pypi depName=flask", "noqa",
])
def test_tool_comments(comment):
    assert pragmas.TOOL_COMMENT.match(comment)


@pytest.mark.parametrize("comment", ["hadolinted upstream image", "install the checker", "the syntax of the file"])
def test_reader_comments(comment):
    assert not pragmas.TOOL_COMMENT.match(comment)


@pytest.mark.parametrize("comment", ["# trivy:ignore:AVD-DS-0029", "# checkov:skip=CKV_DOCKER_9: apt is fine here",
                                     "# renovate: datasource=repology depName=debian_12/curl"])
def test_dl3059_does_not_merge_a_run_a_scanner_comment_belongs_to(comment):
    """Merged into the RUN above, the comment would speak of another instruction (DL3059
    knew only dockwise, hadolint and check= comments before)."""
    assert_passes("DL3059", f"FROM debian:12\nRUN apt-get update\n{comment}\nRUN apt-get install -y curl\n")


def test_dl3059_still_merges_across_a_plain_comment():
    assert_catches("DL3059", "FROM debian:12\nRUN apt-get update\n# then curl\nRUN apt-get install -y curl\n")


def test_dw423_reads_a_comment_that_only_starts_with_hadolint_as_a_description():
    """`hadolint` is a pragma only as a word of its own (`# hadolint ignore=`); DW423 used to skip
    any comment starting with those letters."""
    config = Config(select=["DW423"], preview=True)
    assert findings("DW423", "# hadolinted: the VERSION we pin\nARG VERSION=1\n", config=config)
    assert not findings("DW423", "# hadolint ignore=DL3006\nARG VERSION=1\n", config=config)
    assert not findings("DW423", "# check = skip=all\nARG VERSION=1\n", config=config)


def test_quiet_texts_remember_instruction_texts_within_a_bound():
    from dockwise.rules.support.helpers import QuietTexts
    quiet = QuietTexts(size=2)
    df = parse("FROM alpine\nARG A=1\nARG B=2\nARG C=3\n")
    a, b, c = [quiet.key(df, ins) for ins in df.instructions[1:]]
    assert a == ("ARG", "A=1", "\\")
    quiet.add(a)
    quiet.add(b)
    assert a in quiet and b in quiet and c not in quiet
    quiet.add(c)  # full: forgets the others rather than grow
    assert c in quiet and a not in quiet


def test_a_text_remembered_as_quiet_still_reports_once_it_changes():
    # DW201 remembers `ARG TOKEN_FILE=/run/secrets/x` (a path: no finding); the same key with a value is reported
    assert_passes("DW201", "FROM alpine\nARG TOKEN_FILE=/run/secrets/x\nRUN cat $TOKEN_FILE\n")
    assert_passes("DW201", "FROM alpine\nARG TOKEN_FILE=/run/secrets/x\nRUN cat $TOKEN_FILE\n")
    assert_catches("DW201", "FROM alpine\nARG API_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\nRUN echo\n")


def test_quiet_texts_judge_a_text_once_while_it_gives_nothing():
    from dockwise.rules.support.helpers import QuietTexts
    quiet, calls = QuietTexts(), []
    df = parse("FROM alpine\nARG A=1\nARG B=2\n")
    a, b = df.instructions[1:]
    assert quiet.found(df, a, lambda: calls.append("a") or []) == []
    assert quiet.found(df, a, lambda: calls.append("a") or []) == []
    assert quiet.found(df, b, lambda: calls.append("b") or ["finding"]) == ["finding"]
    assert quiet.found(df, b, lambda: calls.append("b") or ["finding"]) == ["finding"]
    assert calls == ["a", "b", "b"]  # a text that gave something is judged every time
