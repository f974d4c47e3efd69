import pytest

from rule_harness import assert_catches, assert_passes, findings, fixed

CATCHES = [
    'FROM x\nRUN yarn install\n',
    'FROM x AS a\nRUN yarn install\nFROM a\n',
    'FROM x\nRUN <<EOF\nyarn install\nEOF\n',
    # a comment about the install, not about keeping its cache
    'FROM node:22\n# Install dependencies (the cache is cleaned by CI)\nRUN yarn install --frozen-lockfile\n',
]
PASSES = [
    # awesome-compose vuejs: `development` then `dev-envs`, both development images
    'FROM node:14.4.0-alpine AS development\nWORKDIR /project\nCOPY . .\nRUN yarn global add @vue/cli\n'
    'RUN yarn install\nCMD ["yarn", "run", "serve"]\n\nFROM development AS dev-envs\n'
    'RUN apk add --no-cache git\nCMD ["yarn", "run", "serve"]\n',
    # discourse_dev: the RUN exists to warm the global yarn cache (node_modules go to a bind mount)
    'FROM discourse/base:release\nUSER discourse\n# Warm global yarn cache\n'
    'RUN --mount=type=bind,src=/repo,from=repo-fetcher,target=/tmp/discourse-clone,readwrite \\\n'
    '    cd /tmp/discourse-clone \\\n    && (if [ -f yarn.lock ]; then yarn install; else CI=1 pnpm install; fi)\n',
    'FROM x\nRUN yarn install && yarn cache clean\n',
    'FROM x AS build\nRUN yarn install\nFROM y\nCOPY --from=build /a /a\n',
    'FROM x\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n',
    'FROM x\nRUN yarn build\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3060", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3060", text)


def test_fix():
    assert fixed("DL3060", 'FROM x\nRUN yarn install\n') == 'FROM x\nRUN yarn install && yarn cache clean\n'


# The cache-mount alternative (issue #19): yarn 1's cache for the RUN's user
CACHE_MOUNT_FIXES = [
    ("FROM node:20\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile --production\n",
     "FROM node:20\nCOPY package.json yarn.lock ./\n"
     "RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile --production\n"),
    ("FROM node:20-alpine\nWORKDIR /home/node/app\nUSER node\nCOPY --chown=node package.json yarn.lock ./\n"
     "RUN yarn install --frozen-lockfile\n",
     "FROM node:20-alpine\nWORKDIR /home/node/app\nUSER node\nCOPY --chown=node package.json yarn.lock ./\n"
     "RUN --mount=type=cache,target=/home/node/.cache/yarn,uid=1000,gid=1000 yarn install --frozen-lockfile\n"),
]


@pytest.mark.parametrize("before,after", CACHE_MOUNT_FIXES)
def test_cache_mount_fix(before, after):
    assert fixed("DL3060", before, prefer="cache-mount") == after


@pytest.mark.parametrize("text", [
    # yarn 2+: the cache may be the project's .yarn/cache, which Plug'n'Play reads at run time
    "FROM node:20\nRUN corepack enable\nCOPY package.json yarn.lock .yarnrc.yml ./\nRUN yarn install\n",
    "FROM node:20\nCOPY . .\nRUN yarn install --immutable\n",
])
def test_no_cache_mount_for_modern_yarn(text):
    (d,) = findings("DL3060", text)
    assert d.alternatives == ()
