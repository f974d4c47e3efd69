import pytest

from rule_harness import assert_catches, assert_passes, findings, fixed

CATCHES = [
    'FROM node\nRUN npm ci\n',
    'FROM node\nRUN npm install -g typescript\n',
    'FROM node\nRUN <<EOF\nnpm ci\nEOF\n',
    'FROM node:22\n# install production dependencies\nRUN npm ci --omit=dev\n',
    # a production image last: the dev stage before it is its base and ships with it
    'FROM node:22 AS dev\nWORKDIR /app\nRUN npm ci\nFROM dev AS production\nCMD ["node", "server.js"]\n',
]
PASSES = [
    # awesome-compose's development images: `docker build` makes `dev-envs`, built FROM builder
    'FROM node:17.0.1-bullseye-slim AS builder\nWORKDIR /project\nRUN npm install -g @angular/cli@13\n'
    'COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["ng", "serve"]\n\n'
    'FROM builder AS dev-envs\nRUN useradd -s /bin/bash -m vscode\nCMD ["ng", "serve"]\n',
    # the cache is the product: containers of this image install offline from it
    'FROM node:22-bookworm\nWORKDIR /app\nCOPY package.json package-lock.json ./\n'
    '# Pre-populate the npm cache so `npm ci --offline` works in the sandbox\nRUN npm ci && rm -rf node_modules\n',
    # dependabot: the same RUN deletes npm's cache by hand
    'FROM node:22\nRUN npm install -g pnpm@9 typescript && npm cache verify; rm -rf ~/.npm\nCMD ["node"]\n',
    'FROM node:22\nRUN npm ci && rm -rf /root/.npm/_cacache\nCMD ["node", "app.js"]\n',
    # a package manager installed globally: one dependency-free tarball (~1 MB)
    'FROM node:22\nRUN npm install -g yarn\nCMD ["node"]\n',
    'FROM node:22\nRUN npm install -g npm@latest corepack\nCMD ["node"]\n',
    'FROM node\nRUN npm ci && npm cache clean --force\n',
    'FROM node\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
    'FROM node\nRUN npm run build\n',
    'FROM node\nENV npm_config_cache=/tmp/npm\nRUN npm ci\n',
    'FROM node\nRUN ["npm", "ci"]\n',
    'FROM node\nRUN npm ci --cache /tmp/c\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW110', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW110', text)


FIXES = [
    ('FROM node\nRUN npm ci --omit=dev\n', 'FROM node\nRUN npm ci --omit=dev && npm cache clean --force\n'),
    ('FROM node\nRUN npm ci && \\\n    npm run build\n', 'FROM node\nRUN npm ci && \\\n    npm run build && npm cache clean --force\n'),
]


@pytest.mark.parametrize(("before", "after"), FIXES)
def test_fix(before, after):
    assert fixed('DW110', before) == after


# Repository evidence that the image never leaves the machine that builds it
TEST_PROJECT = ("ARG BASE_TEST_IMAGE\nFROM ${BASE_TEST_IMAGE:-cypress/factory:latest}\n\n"
                "COPY . /opt/app\nWORKDIR /opt/app\nRUN npm install --save-dev cypress\n")
GENPROTO = ("FROM node:20-alpine\nWORKDIR /app\nRUN apk add --no-cache protobuf-dev protoc\n"
            "COPY ./src/frontend/package*.json ./\nRUN npm ci\n")
GEN_SCRIPT = ('#!/bin/sh\nset -e\n\ngen_proto_ts() {\n  docker build -f "src/$1/genproto/Dockerfile" -t "$1-genproto" .\n'
              '  docker run --rm -e SERVICE=$1 -v $(pwd):/build "$1-genproto" /bin/sh -c \'protoc -I /build/pb\'\n}\n\n'
              'gen_proto_ts frontend\n')
DOCS_MAKEFILE = ("TRAEFIK_DOCS_BUILD_IMAGE ?= traefik-docs\nTRAEFIK_DOCS_CHECK_IMAGE ?= $(TRAEFIK_DOCS_BUILD_IMAGE)-check\n\n"
                 "docs-lint:\n\tdocker build -t $(TRAEFIK_DOCS_CHECK_IMAGE) -f check.Dockerfile ./\n"
                 "\tdocker run --rm -v $(CURDIR):/app $(TRAEFIK_DOCS_CHECK_IMAGE) /lint.sh\n")
LINT_DOCKERFILE = "FROM alpine:3.20\nRUN apk add --no-cache npm\nRUN npm install -g markdownlint-cli@0.41.0\n"


def _check_tree(root):
    import json
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "dockwise", "check", "--select", "DW110", "--format", "json",
                           "--exit-zero", str(root)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return sorted(str(__import__("pathlib").Path(d["path"]).relative_to(root)) for d in json.loads(done.stdout))


def test_images_the_repository_only_builds_locally_keep_their_cache(tmp_path):
    from rules.context_trees import make_tree
    make_tree(tmp_path, {
        # cypress factory/test-project: compose services that run the test suite
        "test-project/docker-compose.yml": "services:\n  args-defined:\n    build:\n      dockerfile: argsDefined.Dockerfile\n"
                                           "      context: .\n    command: npm run test\n"
                                           "  test-factory-electron:\n    build:\n      context: .\n    command: npm run test\n",
        "test-project/Dockerfile": TEST_PROJECT, "test-project/argsDefined.Dockerfile": TEST_PROJECT,
        # opentelemetry-demo docker-gen-proto.sh: build, `docker run --rm`, never pushed
        "docker-gen-proto.sh": GEN_SCRIPT, "src/frontend/genproto/Dockerfile": GENPROTO,
        # traefik docs/Makefile: a lint tool image
        "docs/Makefile": DOCS_MAKEFILE, "docs/check.Dockerfile": LINT_DOCKERFILE,
        # named by no build: judged as usual
        "web/Dockerfile": 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["npm", "start"]\n',
    })
    assert _check_tree(tmp_path) == ["web/Dockerfile"]


@pytest.mark.parametrize("change", [
    # the same tag pushed: the image leaves the machine
    ("docker-gen-proto.sh", GEN_SCRIPT.replace("gen_proto_ts frontend\n", 'gen_proto_ts frontend\ndocker push "frontend-genproto"\n')),
    # run without --rm somewhere: a long-running local container, still maybe shipped — not assumed
    ("docker-gen-proto.sh", GEN_SCRIPT.replace("docker run --rm", "docker run -d")),
    # a compose service that also names an image to push, or is not a test run
    ("test-project/docker-compose.yml", "services:\n  web:\n    build: .\n    command: npm start\n"),
    ("test-project/docker-compose.yml", "services:\n  test-web:\n    image: ghcr.io/acme/web:ci\n    build: .\n"
                                        "    command: npm run test\n"),
])
def test_builds_that_may_ship_keep_the_finding(tmp_path, change):
    from rules.context_trees import make_tree
    files = {"test-project/docker-compose.yml": "services:\n  e2e:\n    build: .\n    command: npm run test\n",
             "test-project/Dockerfile": TEST_PROJECT,
             "docker-gen-proto.sh": GEN_SCRIPT, "src/frontend/genproto/Dockerfile": GENPROTO}
    files[change[0]] = change[1]
    make_tree(tmp_path, files)
    expected = "src/frontend/genproto/Dockerfile" if change[0] == "docker-gen-proto.sh" else "test-project/Dockerfile"
    assert _check_tree(tmp_path) == [expected]


def test_one_shipped_build_among_local_ones_keeps_the_finding(tmp_path):
    from rules.context_trees import make_tree
    make_tree(tmp_path, {
        "docker-compose.yml": "services:\n  test:\n    build: .\n    command: npm test\n"
                              "  web:\n    build: .\n    image: acme/web:1.0\n",
        "Dockerfile": 'FROM node:22-alpine\nCOPY . .\nRUN npm ci\nCMD ["npm", "start"]\n',
    })
    assert _check_tree(tmp_path) == ["Dockerfile"]


def test_a_dev_container_keeps_its_cache():
    """A `.devcontainer/Dockerfile` installing linters with npm: built on the developer's
    machine, never pulled by anyone; the same file elsewhere is reported."""
    from rule_harness import findings
    text = ("FROM python:3\nRUN apt-get update && apt-get -y install nodejs npm\n"
            "RUN npm install -g jshint\n")
    assert not findings("DW110", text, path="django/.devcontainer/Dockerfile")
    assert findings("DW110", text, path="django/Dockerfile")


# The cache-mount alternative (issue #19): ~/.npm of the RUN's user in a cache mount
CACHE_MOUNT_FIXES = [
    ("FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\n",
     "FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN --mount=type=cache,target=/root/.npm npm ci --omit=dev\n"),
    # the node image's own user: its home and ids are known
    ("FROM node:22-alpine\nUSER node\nWORKDIR /home/node/app\nCOPY --chown=node . .\nRUN npm ci\n",
     "FROM node:22-alpine\nUSER node\nWORKDIR /home/node/app\nCOPY --chown=node . .\n"
     "RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci\n"),
]


@pytest.mark.parametrize("before,after", CACHE_MOUNT_FIXES)
def test_cache_mount_fix(before, after):
    assert fixed("DW110", before, prefer="cache-mount") == after


def test_no_cache_mount_for_a_user_of_unknown_ids():
    (d,) = findings("DW110", "FROM node:20\nRUN useradd -m app\nUSER app\nCOPY . .\nRUN npm ci\n")
    assert d.alternatives == ()
