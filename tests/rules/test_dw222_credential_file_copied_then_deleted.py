import pytest

from dockwise.config import Config
from dockwise.engine.check import check
from dockwise.engine.diagnostic import Applicability
from rule_harness import assert_catches, assert_passes, findings, fixed
from rules.context_trees import lint_dockerfile

CATCHES = [
    # the npm token file copied for `npm ci` and deleted in the same RUN
    "FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nCOPY .npmrc /root/.npmrc\n"
    "RUN npm ci --omit=dev && rm -f /root/.npmrc\n",
    # relative destination and deletion, resolved against WORKDIR; deleted in a later RUN
    "FROM node:20\nWORKDIR /usr/src/app\nCOPY .npmrc package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n"
    "RUN rm .npmrc\n",
    # pip's configuration with a private index password
    "FROM python:3.12-slim\nCOPY pip.conf /etc/pip.conf\nRUN pip install -r requirements.txt && rm /etc/pip.conf\n",
    # a deploy key for a private git dependency
    "FROM golang:1.22\nCOPY id_rsa /root/.ssh/id_rsa\nRUN ssh-keyscan github.com >> /root/.ssh/known_hosts \\\n"
    "    && go mod download \\\n    && rm -f /root/.ssh/id_rsa\n",
    # cloud credentials into a folder, deleted with `~`
    "FROM google/cloud-sdk:slim\nCOPY .aws/credentials /root/.aws/\nRUN aws s3 cp s3://models/m.bin /models/ && rm ~/.aws/credentials\n",
    # Maven settings with the repository password, ADD
    "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /build\nADD settings.xml /root/.m2/settings.xml\n"
    "RUN mvn -B dependency:go-offline\nRUN rm /root/.m2/settings.xml\n",
    # Composer's auth.json, deleted after `cd`
    "FROM composer:2\nCOPY auth.json /app/auth.json\nRUN cd /app && composer install && rm auth.json\n",
    # a GCP key named by the destination
    "FROM python:3.12\nCOPY gcp.json /tmp/service-account.json\nRUN python fetch_model.py && rm /tmp/service-account.json\n",
]
PASSES = [
    # not deleted: DW218 reports the copy
    "FROM node:20\nWORKDIR /app\nCOPY .npmrc ./\nRUN npm ci\n",
    # a template that reads the token from a build argument (DW201 reports that)
    "FROM node:20\nARG NPM_TOKEN\nWORKDIR /app\nCOPY .npmrc ./\nRUN npm ci && rm .npmrc\n",
    # deleted in another stage: not the same file
    "FROM node:20 AS deps\nWORKDIR /app\nCOPY .npmrc ./\nRUN npm ci\nFROM node:20\nRUN rm -f /app/.npmrc\n",
    # already a secret mount
    "FROM node:20\nWORKDIR /app\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n",
    # from another stage: the file never came from the build context
    "FROM node:20\nCOPY --from=builder /app/.npmrc /root/.npmrc\nRUN npm ci && rm /root/.npmrc\n",
    # not a credential file
    "FROM node:20\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci && rm package.json\n",
    # deletes a different file of the same name
    "FROM node:20\nWORKDIR /app\nCOPY .npmrc /root/.npmrc\nRUN npm ci && rm .npmrc\n",
    # a template filled in by the RUN: the COPY's layer holds only the template
    "FROM node:20\nWORKDIR /app\nCOPY .npmrc.template .npmrc\nRUN sed -i \"s|_TOKEN_|$(cat /run/secrets/t)|\" .npmrc && npm ci && rm .npmrc\n",
    # `~` is node's home, not /root: another file
    "FROM node:20\nCOPY .npmrc /root/.npmrc\nUSER node\nRUN npm ci && rm -f ~/.npmrc\n",
    # a public SSH key
    "FROM alpine:3.20\nCOPY id_rsa.pub /root/.ssh/authorized_keys\nRUN rm /root/.ssh/authorized_keys\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW222", text, count=1)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW222", text)


def test_message_shows_the_build_command_and_points_at_the_deletion():
    text = "FROM node:20\nWORKDIR /app\nCOPY .npmrc ./\nRUN npm ci && rm .npmrc\n"
    (d,) = findings("DW222", text)
    assert "docker build --secret id=npmrc,src=.npmrc" in d.message
    assert "docker build --secret id=npmrc,src=.npmrc" in d.fix.title
    assert text[d.start:d.end] == ".npmrc"
    (rel,) = d.related
    assert text[rel.start:rel.end] == ".npmrc" and rel.start > text.index("rm ")


def test_dw218_leaves_the_copy_to_dw222():
    text = "FROM node:20\nWORKDIR /app\nCOPY .npmrc ./\nRUN npm ci && rm .npmrc\n"
    codes = [d.code for d in check(text, "Dockerfile", Config(select=["DW218", "DW222"]))]
    assert codes == ["DW222"]
    # without DW222, DW218 still reports the copy
    assert [d.code for d in check(text, "Dockerfile", Config(select=["DW218"]))] == ["DW218"]


# --- the fix -------------------------------------------------------------------------------

def test_fix_same_run_mounts_and_drops_the_rm():
    text = ("FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nCOPY .npmrc /root/.npmrc\n"
            "RUN npm ci --omit=dev && rm -f /root/.npmrc\nCOPY . .\nCMD [\"node\", \"server.js\"]\n")
    assert fixed("DW222", text) == (
        "FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\n"
        "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci --omit=dev\nCOPY . .\n"
        "CMD [\"node\", \"server.js\"]\n")
    (d,) = findings("DW222", text)
    assert d.fix.applicability is Applicability.UNSAFE


def test_fix_removes_one_source_and_the_rm_only_run():
    text = ("FROM node:20\nWORKDIR /usr/src/app\nCOPY .npmrc package.json yarn.lock ./\n"
            "RUN yarn install --frozen-lockfile\nRUN rm .npmrc\nCOPY . .\n")
    assert fixed("DW222", text) == (
        "FROM node:20\nWORKDIR /usr/src/app\nCOPY package.json yarn.lock ./\n"
        "RUN --mount=type=secret,id=npmrc,target=/usr/src/app/.npmrc yarn install --frozen-lockfile\nCOPY . .\n")


def test_fix_keeps_continuations_and_the_other_rm_operands():
    text = ("FROM golang:1.22\nCOPY id_rsa /root/.ssh/id_rsa\n"
            "RUN ssh-keyscan github.com >> /root/.ssh/known_hosts \\\n"
            "    && go mod download \\\n"
            "    && rm -rf /root/.ssh/id_rsa /root/.cache\n")
    assert fixed("DW222", text) == (
        "FROM golang:1.22\n"
        "RUN --mount=type=secret,id=id_rsa,target=/root/.ssh/id_rsa ssh-keyscan github.com >> /root/.ssh/known_hosts \\\n"
        "    && go mod download \\\n"
        "    && rm -rf /root/.cache\n")


def test_fix_drops_a_trailing_rm_across_a_continuation_and_mounts_every_run_between():
    text = ("FROM maven:3.9-eclipse-temurin-21\nWORKDIR /build\nCOPY settings.xml /root/.m2/settings.xml\n"
            "COPY pom.xml .\nRUN mvn -B dependency:go-offline\nCOPY src ./src\n"
            "RUN mvn -B package \\\n && rm /root/.m2/settings.xml\n")
    assert fixed("DW222", text) == (
        "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /build\n"
        "COPY pom.xml .\nRUN --mount=type=secret,id=settings.xml,target=/root/.m2/settings.xml mvn -B dependency:go-offline\n"
        "COPY src ./src\n"
        "RUN --mount=type=secret,id=settings.xml,target=/root/.m2/settings.xml mvn -B package\n")


def test_numeric_user_gets_uid_named_user_makes_it_a_suggestion():
    numeric = "FROM node:20\nUSER 1000\nWORKDIR /home/node/app\nCOPY .npmrc ./\nRUN npm ci && rm .npmrc\n"
    assert "--mount=type=secret,id=npmrc,target=/home/node/app/.npmrc,uid=1000 npm ci\n" in fixed("DW222", numeric)
    named = "FROM node:20\nUSER node\nWORKDIR /home/node/app\nCOPY .npmrc ./\nRUN npm ci && rm .npmrc\n"
    (d,) = findings("DW222", named)
    assert d.fix.applicability is Applicability.SUGGESTION
    assert fixed("DW222", named) == named  # a suggestion is never applied in bulk


def test_a_run_that_changes_the_file_makes_it_a_suggestion():
    text = "FROM golang:1.22\nCOPY id_rsa /root/.ssh/id_rsa\nRUN chown 1000 /root/.ssh/id_rsa && go mod download && rm /root/.ssh/id_rsa\n"
    (d,) = findings("DW222", text)
    assert d.fix.applicability is Applicability.SUGGESTION


def test_chmod_600_for_ssh_goes_with_the_copy():
    # the deploy key made private for ssh, in its own RUN and in a chain: the mount's 0400 does that
    text = ("FROM python:3.12 AS base\nWORKDIR /app\nRUN mkdir -p /root/.ssh && ssh-keyscan github.com >> /root/.ssh/known_hosts\n"
            "COPY secret/id_rsa /root/.ssh/id_rsa\nRUN chmod 600 /root/.ssh/id_rsa\nARG LIB_TAG\n"
            "RUN if [ -z \"$LIB_TAG\" ]; then echo \"LIB_TAG is required\"; exit 1; fi\n"
            "RUN pip install git+ssh://git@github.com/acme/lib.git@$LIB_TAG && rm /root/.ssh/id_rsa\n"
            "COPY . .\nCMD [\"python\", \"main.py\"]\n")
    (d,) = findings("DW222", text)
    assert d.fix.applicability is Applicability.UNSAFE
    assert fixed("DW222", text) == (
        "FROM python:3.12 AS base\nWORKDIR /app\nRUN mkdir -p /root/.ssh && ssh-keyscan github.com >> /root/.ssh/known_hosts\n"
        "ARG LIB_TAG\n"
        "RUN if [ -z \"$LIB_TAG\" ]; then echo \"LIB_TAG is required\"; exit 1; fi\n"  # reads no key: no mount
        "RUN --mount=type=secret,id=id_rsa,target=/root/.ssh/id_rsa pip install git+ssh://git@github.com/acme/lib.git@$LIB_TAG\n"
        "COPY . .\nCMD [\"python\", \"main.py\"]\n")
    chained = "FROM golang:1.22\nCOPY id_rsa /root/.ssh/id_rsa\nRUN chmod 600 /root/.ssh/id_rsa && go mod download && rm /root/.ssh/id_rsa\n"
    assert fixed("DW222", chained) == \
        "FROM golang:1.22\nRUN --mount=type=secret,id=id_rsa,target=/root/.ssh/id_rsa go mod download\n"


def test_no_fix_for_a_frontend_without_mounts():
    text = "# syntax=docker/dockerfile:1.1\nFROM node:20\nWORKDIR /app\nCOPY .npmrc ./\nRUN npm ci && rm .npmrc\n"
    (d,) = findings("DW222", text)
    assert d.fix is None


def test_no_fix_when_the_rm_is_allowed_to_fail():
    text = "FROM node:20\nWORKDIR /app\nCOPY .npmrc ./\nRUN npm ci && rm .npmrc || true\n"
    (d,) = findings("DW222", text)
    assert d.fix is None


def test_crlf_kept():
    text = "FROM node:20\r\nWORKDIR /app\r\nCOPY .npmrc ./\r\nRUN npm ci\r\nRUN rm .npmrc\r\nCOPY . .\r\n"
    assert fixed("DW222", text) == \
        "FROM node:20\r\nWORKDIR /app\r\nRUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci\r\nCOPY . .\r\n"


# --- with the build context: the file's content decides --------------------------------------

NPM_TOKEN = "//registry.npmjs.org/:_authToken=npm_8f2bXq1c9Lr0a\n"
NPM_TEMPLATE = "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n"
BODY = "FROM node:20\nWORKDIR /app\nCOPY .npmrc ./\nRUN npm ci && rm .npmrc\n"


def test_context_file_with_a_token_is_reported(tmp_path):
    assert lint_dockerfile("DW222", tmp_path, {"Dockerfile": BODY, ".npmrc": NPM_TOKEN})


def test_context_template_is_not(tmp_path):
    assert not lint_dockerfile("DW222", tmp_path, {"Dockerfile": BODY, ".npmrc": NPM_TEMPLATE})


@pytest.mark.parametrize("name,dest,content,reported", [
    ("pip.conf", "/etc/pip.conf", "[global]\nindex-url = https://ci:s3cr3t@pypi.corp.example/simple\n", True),
    ("pip.conf", "/etc/pip.conf", "[global]\nindex-url = https://pypi.corp.example/simple\n", False),
    ("settings.xml", "/root/.m2/settings.xml",
     "<settings><servers><server><id>corp</id><username>ci</username><password>hunter2</password>"
     "</server></servers></settings>\n", True),
    ("settings.xml", "/root/.m2/settings.xml",
     "<settings><servers><server><password>${env.MAVEN_PASSWORD}</password></server></servers></settings>\n", False),
    ("auth.json", "/app/auth.json", '{"github-oauth": {"github.com": "ghp_x"}}\n', True),
])
def test_context_content_by_kind(tmp_path, name, dest, content, reported):
    body = f"FROM python:3.12\nCOPY {name} {dest}\nRUN make deps && rm {dest}\n"
    assert bool(lint_dockerfile("DW222", tmp_path, {"Dockerfile": body, name: content})) is reported


def test_file_missing_from_the_context_is_judged_by_name(tmp_path):
    # CI writes .npmrc before the build; the context on disk has none
    assert lint_dockerfile("DW222", tmp_path, {"Dockerfile": BODY})


def test_fix_in_two_stages_each_with_its_own_copy_and_rm_run():
    # the token file copied into the builder and again into the runtime stage, each deleted by a
    # RUN of its own after the install
    text = ("FROM node:16 AS builder\nWORKDIR /usr/src/app\nCOPY ./package* ./\nCOPY .npmrc .npmrc  \n"
            "RUN npm install\nRUN rm -f .npmrc\nCOPY . .\nRUN npm run build\n\n"
            "FROM node:16\nWORKDIR /usr/src/app\nCOPY ./package* ./\nCOPY .npmrc .npmrc\n"
            "RUN npm install --production\nRUN rm -f .npmrc\nCOPY --from=builder /usr/src/app/build ./build\n"
            "CMD npm run production\n")
    assert len(findings("DW222", text)) == 2
    assert fixed("DW222", text) == (
        "FROM node:16 AS builder\nWORKDIR /usr/src/app\nCOPY ./package* ./\n"
        "RUN --mount=type=secret,id=npmrc,target=/usr/src/app/.npmrc npm install\nCOPY . .\nRUN npm run build\n\n"
        "FROM node:16\nWORKDIR /usr/src/app\nCOPY ./package* ./\n"
        "RUN --mount=type=secret,id=npmrc,target=/usr/src/app/.npmrc npm install --production\n"
        "COPY --from=builder /usr/src/app/build ./build\nCMD npm run production\n")


def test_copy_with_parents_is_left_alone():
    text = "# syntax=docker/dockerfile:1.7-labs\nFROM node:20\nCOPY --parents config/.npmrc /app/\nRUN rm /app/.npmrc\n"
    assert_passes("DW222", text)


def test_no_fix_when_the_sources_may_bring_the_file_back_before_the_rm():
    # `COPY . .` re-copies .npmrc (no .dockerignore entry) and the later rm deletes that copy:
    # without the rm the token would be in the final file system
    text = "FROM node:20\nWORKDIR /app\nCOPY .npmrc package.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build && rm -f .npmrc\n"
    (d,) = findings("DW222", text)
    assert d.fix is None
    # a plain file copied between changes nothing
    text = "FROM node:20\nWORKDIR /app\nCOPY .npmrc package.json ./\nRUN npm ci\nCOPY tsconfig.json ./\nRUN npm run build && rm -f .npmrc\n"
    (d,) = findings("DW222", text)
    assert d.fix is not None


@pytest.mark.parametrize("copy", ['COPY ["package.json", ".npmrc", "./"]', 'COPY [".npmrc", "package.json", "./"]'])
def test_json_form_copy_keeps_valid_json(copy):
    text = f"FROM node:20\nWORKDIR /app\n{copy}\nRUN npm ci && rm .npmrc\n"
    assert fixed("DW222", text) == ('FROM node:20\nWORKDIR /app\nCOPY ["package.json", "./"]\n'
                                    "RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci\n")
