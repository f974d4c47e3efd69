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


# ollama: one stage per architecture, picked by the architecture asked for
PER_ARCH = ('ARG ROCMVERSION=7.2.1\n'
            'FROM --platform=linux/amd64 rocm/dev-almalinux-8:${ROCMVERSION}-complete AS base-amd64\n'
            'FROM --platform=linux/arm64 almalinux:8 AS base-arm64\n'
            'FROM base-${TARGETARCH} AS base\nRUN make\n'
            'FROM --platform=linux/amd64 scratch AS amd64-archive\nCOPY --from=base /out /\n'
            'FROM --platform=linux/arm64 scratch AS arm64-archive\nCOPY --from=base /out /\n'
            'FROM $TARGETARCH-archive AS archive\n')


def test_a_stage_picked_by_the_target_architecture_repeats_the_request():
    assert_passes("DL3029", PER_ARCH)


def test_a_per_architecture_pin_that_disagrees_with_its_name_is_still_reported():
    # `base-arm64` pinned to amd64: built for arm64 requests, it overrides them
    assert_catches("DL3029", 'FROM --platform=linux/amd64 debian:12 AS base-arm64\n'
                             'FROM base-${TARGETARCH}\nRUN make\n', count=1)
