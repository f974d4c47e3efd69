import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nUSER app\n',
    'FROM x\nUSER app:app\n',
    # hadolint's spec cases
    'FROM debian:12\nUSER foobar\n',
    'FROM debian:12\nUSER foobar:barfoo\n',
]
PASSES = [
    'FROM x\nUSER 1000\n',
    'FROM x\nUSER 1000:app\n',
    # hadolint's spec cases
    'FROM debian:12\nUSER 12345\n',
    'FROM debian:12\nUSER 1234:5678\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3066", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3066", text)


def test_variables_are_expanded_from_their_defaults():
    # jupyter/docker-stacks: `USER ${NB_UID}` with ARG NB_UID="1000" is numeric
    assert_passes("DL3066", 'FROM x\nARG NB_UID="1000"\nUSER ${NB_UID}\n')
    assert_passes("DL3066", "FROM x\nUSER ${UNSET}\n")


def test_variable_holding_a_name_is_caught_hadolint_skips_it():
    # jenkinsci/docker: `ARG user=jenkins` … `USER ${user}`; hadolint skips any `$` value
    assert_catches("DL3066", "FROM x\nARG user=jenkins\nUSER ${user}\n")


def test_windows_stages_are_skipped():
    # Windows has no numeric user ids (`USER ContainerUser`)
    assert_passes("DL3066", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser\n")


def test_variable_set_by_the_base_image_is_not_judged():
    # jupyter/docker-stacks, SeleniumHQ: `USER ${NB_UID}` / `USER ${SEL_UID}`, an ENV of the base
    # image (1000, 1200); hadolint reads the text `${NB_UID}` as a user name
    assert_passes("DL3066", "FROM jupyter/docker-stacks-foundation\nUSER ${NB_UID}\n")
    assert_passes("DL3066", "FROM x\nARG UID=1200\nENV SEL_UID=${UID}\nUSER ${SEL_UID}:${SEL_GID}\n")
