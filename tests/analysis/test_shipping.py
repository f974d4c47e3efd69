"""Which stages ship and what `COPY --from` takes out of the others (analysis/shipping.py)."""

from dockwise.analysis import shipped_stages, shipping
from dockwise.dockerfile import parse

NODE_BUILD = """\
FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM deps AS build
COPY . .
RUN npm run build

FROM nginx:1.27-alpine AS runtime
COPY --from=build /app/dist /usr/share/nginx/html
"""


def test_only_the_final_chain_ships():
    df = parse(NODE_BUILD)
    answer = shipping(df)
    assert answer.target == 2
    assert answer.shipped == {2}
    assert [s.name for s in shipped_stages(df)] == ["runtime"]
    deps, build, runtime = df.stages
    # /app/dist is taken out of `build`, and so out of `deps` it is built FROM
    assert answer.reaches_image(build, "/app/dist/index.html")
    assert answer.reaches_image(deps, "/app/dist")
    assert not answer.reaches_image(deps, "/root/.npm")
    assert not answer.reaches_image(build, "/app")  # only part of /app is taken
    assert answer.reaches_image(runtime, "/anything")


def test_final_stage_built_from_a_stage_ships_it():
    df = parse("FROM python:3.12-slim AS base\nRUN pip install uv\n"
               "FROM base AS build\nRUN uv build --wheel -o /dist\n"
               "FROM base AS prod\nCOPY --from=build /dist /dist\n")
    assert shipping(df).shipped == {0, 2}
    assert [s.name for s in shipped_stages(df)] == ["prod", "base"]


def test_stages_no_other_stage_uses_are_targets_too():
    # uptime-kuma style: release / nightly / pr-test built with --target, an artifact stage last
    df = parse("FROM node:22 AS build\nRUN npm ci --omit=dev\n"
               "FROM node:22-slim AS release\nCOPY --from=build /app /app\n"
               "FROM release AS nightly\nRUN npm run mark-as-nightly\n"
               "FROM node:22 AS pr-test\nRUN npm ci\n"
               "FROM node:22 AS upload-artifact\nCOPY --from=build /app /app\n")
    answer = shipping(df)
    assert answer.targets == (2, 3, 4)
    assert answer.shipped == {1, 2, 3, 4}
    assert not answer.ships(df.stages[0])


def test_whole_filesystem_copy_takes_everything():
    df = parse("FROM debian:12 AS rootfs\nRUN apt-get update && apt-get install -y curl\n"
               "FROM scratch\nCOPY --from=rootfs / /\n")
    answer = shipping(df)
    assert answer.reaches_image(df.stages[0], "/var/lib/apt/lists")


def test_globs_variables_and_relative_sources_cut_back_to_a_directory():
    df = parse("FROM golang:1.22 AS build\nRUN go build -o /out/app .\n"
               "FROM alpine:3.20\nARG NAME\nCOPY --from=build /out/${NAME} /usr/local/bin/\n"
               "COPY --from=build root/.cache/go-build/*.log /logs/\n")
    answer = shipping(df)
    assert answer.copied_out[0] == ("/out", "/root/.cache/go-build")
    assert answer.reaches_image(df.stages[0], "/out/app")
    assert not answer.reaches_image(df.stages[0], "/root/go/pkg/mod")


def test_home_wildcard_matches_any_user():
    df = parse("FROM node:20 AS build\nUSER node\nRUN npm ci\n"
               "FROM node:20-slim\nCOPY --from=build /home/node /home/node\n")
    answer = shipping(df)
    assert answer.reaches_image(df.stages[0], "/home/*/.npm")
    assert not answer.reaches_image(df.stages[0], "/root/.npm")


def test_copy_from_a_build_argument_may_take_from_any_earlier_stage():
    df = parse("FROM alpine AS a\nRUN true\nFROM alpine AS b\nRUN true\n"
               "FROM alpine\nARG SRC=a\nCOPY --from=${SRC} /opt /opt\n")
    answer = shipping(df)
    assert answer.reaches_image(df.stages[0], "/opt/x") and answer.reaches_image(df.stages[1], "/opt/x")


def test_a_variable_base_that_may_name_a_stage_ships_everything():
    df = parse("ARG VARIANT\nFROM alpine AS slim\nRUN true\nFROM debian AS full\nRUN true\n"
               "FROM ${VARIANT}\nCMD [\"sh\"]\n")
    assert shipping(df).shipped == {0, 1, 2}
    # an image reference with a tag is never a stage name
    df = parse("ARG V\nFROM alpine AS build\nRUN true\nFROM python:${V}\nCOPY --from=build /x /x\n")
    assert shipping(df).shipped == {1}


def test_copy_sources_expand_the_copying_stage_variables():
    # docker-library/rabbitmq: the install prefix comes from ENV in the final stage
    df = parse("FROM ubuntu:24.04 AS erlang-builder\nRUN apt-get update && apt-get install -y build-essential\n"
               "FROM ubuntu:24.04\nENV ERLANG_INSTALL_PATH_PREFIX /opt/erlang\n"
               "COPY --from=erlang-builder $ERLANG_INSTALL_PATH_PREFIX $ERLANG_INSTALL_PATH_PREFIX\n")
    answer = shipping(df)
    assert answer.copied_out[0] == ("/opt/erlang",)
    assert not answer.reaches_image(df.stages[0], "/var/lib/apt/lists")
    # a build argument without a value could be anything: the whole filesystem may be taken
    df = parse("FROM ubuntu:24.04 AS b\nRUN true\nFROM ubuntu:24.04\nARG PREFIX\nCOPY --from=b $PREFIX /x\n")
    assert shipping(df).reaches_image(df.stages[0], "/var/lib/apt/lists")


def test_one_build_argument_naming_the_image_of_every_stage_is_an_image():
    # netbox-docker: `ARG FROM` / `FROM ${FROM} AS builder` / `FROM ${FROM} AS main`
    df = parse("ARG FROM\nFROM ${FROM} AS builder\nRUN apt-get update\n"
               "FROM ${FROM} AS main\nCOPY --from=builder /opt/venv /opt/venv\n")
    assert shipping(df).shipped == {1}


def test_a_variable_base_whose_literal_part_fits_a_stage_name_may_pick_it():
    df = parse("FROM alpine AS build-linux\nRUN true\nFROM alpine AS build-windows\nRUN true\n"
               "FROM build-${TARGETOS}\nCMD [\"app\"]\n")
    assert shipping(df).shipped == {0, 1, 2}


def test_a_stage_only_mounted_is_used_not_a_target():
    # nginxinc/docker-nginx modules: packages built in `builder`, installed through a bind mount
    df = parse("ARG NGINX_FROM_IMAGE=nginx:mainline\nFROM ${NGINX_FROM_IMAGE} AS builder\n"
               "RUN apt-get update && apt-get install -y devscripts\n"
               "FROM ${NGINX_FROM_IMAGE}\n"
               "RUN --mount=type=bind,target=/tmp/packages/,source=/tmp/packages/,from=builder \\\n"
               "    apt-get update && apt-get install -y /tmp/packages/*.deb && rm -rf /var/lib/apt/lists/\n")
    answer = shipping(df)
    assert answer.targets == (1,) and answer.shipped == {1}


def test_no_stages():
    answer = shipping(parse("# just a comment\n"))
    assert answer.target is None and answer.shipped == frozenset()


def test_platform_arguments_pick_only_the_stages_their_values_name():
    # ollama: `ARG FLAVOR=${TARGETARCH}` … `FROM ${FLAVOR} AS image-archive`
    df = parse("ARG FLAVOR=${TARGETARCH}\n"
               "FROM nvidia/l4t-jetpack:r36 AS jetpack-6\nRUN apt-get update && apt-get install -y ccache\n"
               "FROM scratch AS publish-jetpack-6\nCOPY --from=jetpack-6 dist/lib/ollama /lib/ollama/\n"
               "FROM scratch AS amd64\nCOPY --from=publish-jetpack-6 /lib /lib\n"
               "FROM scratch AS arm64\nCOPY --from=publish-jetpack-6 /lib /lib\n"
               "FROM ${FLAVOR} AS image-archive\n")
    answer = shipping(df)
    assert answer.shipped == {2, 3, 4}
    assert not answer.ships(df.stages[0])


def test_the_configured_target_is_the_only_image_built():
    text = ("FROM node:20 AS deps\nRUN npm ci\n"
            "FROM deps AS dev\nCMD [\"npm\", \"run\", \"dev\"]\n"
            "FROM node:20-slim AS runtime\nCOPY --from=deps /app/node_modules /app/node_modules\n"
            "FROM runtime AS test\nRUN npm test\n")
    df = parse(text)
    # dev is unused but named for development: built locally, never pushed; the last stage is
    # what `docker build` makes, whatever its name
    assert shipping(df).shipped == {2, 3}
    answer = shipping(df, "runtime")
    assert (answer.target, answer.targets, answer.shipped) == (2, (2,), {2})
    assert shipping(df, "no-such-stage").shipped == {2, 3}


def test_target_setting_reaches_the_rules(tmp_path):
    from dockwise.config import Config, load_file
    from dockwise.engine.check import check
    from dockwise.engine.rule import RuleSettings
    text = ("FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n"
            "FROM nginx:1.27-alpine AS runtime\nCOPY --from=build /app/dist /usr/share/nginx/html\n"
            "FROM build AS storybook\nCMD [\"npm\", \"run\", \"storybook\"]\n")
    # storybook is built FROM build: as the last stage it ships build's npm cache
    assert [d.code for d in check(text, "Dockerfile", Config(select=["DW110"]))] == ["DW110"]
    cfg = Config(select=["DW110"], settings=RuleSettings(target="runtime"))
    assert check(text, "Dockerfile", cfg) == []
    conf = tmp_path / ".dockwise.toml"
    conf.write_text('target = "Runtime"\n')
    assert load_file(str(conf)).settings.target == "runtime"


def test_side_targets_for_development_and_tests_do_not_ship():
    """awesome-compose's `dev-envs`, a `test` stage: leaves built locally or in CI only."""
    text = ("FROM python:3.12 AS builder\nRUN apt-get update && apt-get install -y git\n"
            "FROM builder AS dev-envs\nRUN apt-get update && apt-get install -y vim\n"
            "FROM builder AS tests\nRUN pytest\n"
            "FROM python:3.12-slim AS release\nCOPY --from=builder /app /app\n"
            "FROM release AS docs\nRUN mkdocs build\n")
    answer = shipping(parse(text))
    assert answer.shipped == {3, 4}  # docs is an unused leaf with a neutral name, and the last stage


AWESOME_COMPOSE_ANGULAR = """\
# syntax=docker/dockerfile:1.4
FROM --platform=$BUILDPLATFORM node:17.0.1-bullseye-slim as builder
RUN mkdir /project
WORKDIR /project
RUN npm install -g @angular/cli@13
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["ng", "serve", "--host", "0.0.0.0"]

FROM builder as dev-envs
RUN <<EOF
apt-get update
apt-get install -y --no-install-recommends git
EOF
CMD ["ng", "serve", "--host", "0.0.0.0"]
"""


def test_a_file_whose_every_target_is_a_development_image_is_local_only():
    answer = shipping(parse(AWESOME_COMPOSE_ANGULAR))
    assert answer.local_only and answer.shipped == {0, 1}
    # `--target builder` (what a CI job might push) is an image like any other
    assert not shipping(parse(AWESOME_COMPOSE_ANGULAR), "builder").local_only
    # a production stage last: it ships, whatever the stages before are called
    assert not shipping(parse(AWESOME_COMPOSE_ANGULAR + "\nFROM builder AS production\nRUN ng build\n")).local_only
    # a `dev` side target next to a release image does not make the file local-only
    assert not shipping(parse("FROM node:22 AS dev\nRUN npm i\nFROM node:22-slim AS release\nCOPY . .\n")).local_only
    assert not shipping(parse(NODE_BUILD)).local_only
