import pytest

from dockwise.config import Config
from dockwise.engine.check import check

BOTH = Config(select=["DL3042", "DW490"])


def codes(text, cfg=BOTH):
    return [d.code for d in check(text, config=cfg)]


def test_unused_local_pragma_is_reported():
    assert codes("FROM python\n# dockwise: ignore=DL3042\nRUN pip install --no-cache-dir x\n") == ["DW490"]


def test_used_pragma_suppresses_and_is_not_reported():
    assert codes("FROM python\n# dockwise: ignore=DL3042\nRUN pip install x\n") == []


@pytest.mark.parametrize("pragma", ["# hadolint ignore=DL3042", "# dockwise: ignore=pip-install-without-no-cache-dir",
                                    "# hadolint ignore=DL3008,DL3042"])
def test_hadolint_and_name_forms(pragma):
    assert "DL3042" not in codes(f"FROM python\n{pragma}\nRUN pip install x\n")


@pytest.mark.parametrize("pragma", ["# dockwise: global ignore=DL3042", "# hadolint global ignore=DL3042"])
def test_global_pragmas(pragma):
    assert codes(f"{pragma}\nFROM python\nRUN pip install x\nRUN pip install y\n") == []


def test_buildkit_check_skip_directive():
    assert codes("# check=skip=DL3042\nFROM python\nRUN pip install x\n") == []
    assert codes("# check=skip=all\nFROM python\nRUN pip install x\n") == []


def test_pragma_applies_only_to_next_instruction():
    assert codes("FROM python\n# dockwise: ignore=DL3042\nRUN pip install x\nRUN pip install y\n") == ["DL3042"]


def test_disabled_rule_makes_no_unused_report():
    assert codes("FROM python\n# dockwise: ignore=DL3042\nRUN echo\n", Config(select=["DW490"])) == []


# A `# hadolint ignore=` is unused only if hadolint's rule would not fire there either.
HADOLINT_STILL_FIRES = [
    # moby/buildkit lint.Dockerfile: hadolint reads `golangci-binary-${X}` as an untagged image
    ("DL3006", "ARG GOLANGCI_FROM_SOURCE=false\nFROM scratch AS golangci-binary-false\n"
               "FROM golang:1.23 AS golangci-binary-true\nRUN go install ./cmd/golangci-lint\n"
               "# hadolint ignore=DL3006\nFROM golangci-binary-${GOLANGCI_FROM_SOURCE} AS golangci-binary\n"
               "FROM alpine:3.20\nCOPY --from=golangci-binary / /usr/bin/\n"),
    ("DL3007", "ARG IMAGE\n# hadolint ignore=DL3007\nFROM ${IMAGE}:latest\nRUN true\n"),
    # the cross-compilation helper: dockwise does not report it, hadolint does
    ("DL3067", "FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6.1 AS xx\nFROM golang:1.23 AS build\n"
               "# hadolint ignore=DL3067\nCOPY --from=xx / /\nRUN xx-go build -o /out/app .\n"),
    # a builder stage's caches: thrown away, but hadolint reports them
    ("DL3060", "FROM node:20 AS build\n# hadolint ignore=DL3060\nRUN yarn install --frozen-lockfile && yarn build\n"
               "FROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n"),
    ("DL3009", "FROM debian:12 AS build\n# hadolint ignore=DL3009\nRUN apt-get update && apt-get install -y gcc\n"
               "FROM debian:12-slim\nCOPY --from=build /usr/local/bin/app /usr/local/bin/app\n"),
]


@pytest.mark.parametrize(("code", "text"), HADOLINT_STILL_FIRES)
def test_hadolint_pragma_is_used_where_hadolint_would_fire(code, text):
    from dockwise.config import Config
    from dockwise.engine.check import check
    config = Config(select=[code, "DW490"])
    assert [d.code for d in check(text, "Dockerfile", config)] == []
    # the same pragma in dockwise's own syntax is dockwise's business: it suppresses nothing
    mine = text.replace(f"# hadolint ignore={code}", f"# dockwise: ignore={code}")
    assert [d.code for d in check(mine, "Dockerfile", config)] == ["DW490"]


# `# check=skip=SecretsUsedInArgOrEnv` is read by `docker build`: used wherever BuildKit's check
# fires, with BuildKit's matching (a deny word between `_`), not DW201's narrower one.
SECRETS = Config(select=["DW201", "DW490"])
RABBITMQ_HEADER = "# syntax=docker/dockerfile:1\n# check=skip=SecretsUsedInArgOrEnv\n"


@pytest.mark.parametrize("env", [
    # docker-library/rabbitmq: public key ids; DW201 lets them through, BuildKit does not
    "ENV OPENSSL_PGP_KEY_IDS=\"0xBA5473A2B0587B07FB27CF2D216094DFD0CB81EF\"",
    "ENV RABBITMQ_PGP_KEY_ID=0x0A9AF2115F4687BD29803A206B73A36E6026DFCA",
    "ENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305",
    "ARG NPM_TOKEN",
])
def test_buildkit_skip_is_used_where_buildkit_would_fire(env):
    text = f"{RABBITMQ_HEADER}FROM alpine:3.23\n{env}\nRUN true\n"
    assert "DW490" not in codes(text, SECRETS)


@pytest.mark.parametrize("env", ["ENV PGP_KEYSERVER=keyserver.ubuntu.com", "ENV KEYBOARD=us",
                                 "ENV STRIPE_PUBLIC_KEY=pk_live_x", "ENV TOKENIZERS_PARALLELISM=false",
                                 "ENV PASSWORDLESS_LOGIN=true"])
def test_buildkit_skip_is_unused_where_buildkit_would_not_fire(env):
    text = f"{RABBITMQ_HEADER}FROM alpine:3.23\n{env}\nRUN true\n"
    assert codes(text, SECRETS) == ["DW490"]


GENERATED_HEADER = ("# syntax=docker/dockerfile:1\n# check=skip=SecretsUsedInArgOrEnv\n#\n"
                    "# NOTE: THIS DOCKERFILE IS GENERATED VIA \"apply-templates.sh\"\n#\n"
                    "# PLEASE DO NOT EDIT IT DIRECTLY.\n#\n\n")


def test_generated_file_is_not_told_to_edit_the_templates_suppressions():
    # docker-library/rabbitmq 4.1/ubuntu/management: `FROM rabbitmq:4.1` and a plugin; the
    # header comes from the shared template, whose other variants set `*_PGP_KEY_ID`
    text = GENERATED_HEADER + "FROM rabbitmq:4.1\nRUN set eux; rabbitmq-plugins enable --offline rabbitmq_management\n"
    assert codes(text, SECRETS) == []
    # the same file without the generated-file notice is the user's to edit
    mine = text.replace("# NOTE: THIS DOCKERFILE IS GENERATED VIA \"apply-templates.sh\"\n", "")
    assert codes(mine, SECRETS) == ["DW490"]
    # a notice further down is not the file's header
    late = "# check=skip=SecretsUsedInArgOrEnv\nFROM rabbitmq:4.1\n# generated, do not edit\nRUN true\n"
    assert codes(late, SECRETS) == ["DW490"]
