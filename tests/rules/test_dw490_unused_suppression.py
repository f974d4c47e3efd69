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
