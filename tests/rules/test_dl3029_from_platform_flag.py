import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM --platform=linux/arm64 a\n',
    'FROM --platform=$FOO a\n',
    'FROM --platform=linux/$ARCH a\n',
    # a pinned stage the image is built FROM sets the image's platform
    'FROM --platform=linux/amd64 debian:12 AS base\nFROM base\nCOPY app /app\n',
    # a pinned stage that is only a side target ships too
    'FROM --platform=linux/amd64 debian:12 AS tools\nFROM debian:12\n',
]
PASSES = [
    'FROM a\n',
    'FROM --platform=$BUILDPLATFORM a\n',
    'FROM --platform=${TARGETPLATFORM} a\n',
    'FROM --platform=$TARGETPLATFORM a\n',
]

# portainer's Windows image: a DLL copied from a helper image published only for linux/amd64;
# the pin picks the donor's variant, not the image's platform, and dropping it breaks the build
PORTAINER = ('ARG OSVERSION\n'
             'FROM --platform=linux/amd64 gcr.io/k8s-staging-e2e-test-images/windows-servercore-cache:'
             '1.0-linux-amd64-${OSVERSION} as core\n'
             'FROM mcr.microsoft.com/windows/nanoserver:${OSVERSION} as production\n'
             'COPY --from=core /Windows/System32/netapi32.dll /Windows/System32/netapi32.dll\n'
             'ENTRYPOINT ["/portainer.exe"]\n')


def test_a_donor_stage_pin_is_not_reported():
    assert_passes('DL3029', PORTAINER)
    assert_passes('DW422', PORTAINER)


def test_pragmas_on_a_donor_pin_stay_used():
    from dockwise.config import Config
    from dockwise.engine.check import check
    config = Config(select=["DL3029", "DW422", "DW490"])
    hadolint = PORTAINER.replace("ARG OSVERSION\n", "ARG OSVERSION\n# hadolint ignore=DL3029\n")
    assert [d.code for d in check(hadolint, "Dockerfile", config)] == []
    # BuildKit still reports the constant platform: its skip directive is needed by docker build
    buildkit = "# check=skip=FromPlatformFlagConstDisallowed\n" + PORTAINER
    assert [d.code for d in check(buildkit, "Dockerfile", config)] == []
    # with no constant platform left, the skip is unused
    unused = buildkit.replace("--platform=linux/amd64 ", "")
    assert [d.code for d in check(unused, "Dockerfile", config)] == ["DW490"]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3029', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3029', text)
