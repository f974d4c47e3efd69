import pytest

from rule_harness import assert_catches, assert_passes, fixed

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
