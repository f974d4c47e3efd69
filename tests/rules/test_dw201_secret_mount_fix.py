"""DW201's fix: a secret `ARG` (and an `ENV` copying it) read only by RUNs becomes a secret mount."""

import pytest

import rule_harness
from dockwise.engine.diagnostic import Applicability

CODE = "DW201"
# `env=` on a secret mount needs dockerfile 1.10: a file without a directive may be built by an
# older built-in frontend, so these texts name the newest one (as most Dockerfiles that use
# secrets do); `test_without_a_directive_the_secret_is_read_from_its_file` shows the rest.
NEWEST = "# syntax=docker/dockerfile:1"


def _with_directive(text: str) -> tuple[str, str]:
    if text.startswith("# syntax"):
        return text, ""
    header = NEWEST + ("\r\n" if "\r\n" in text else "\n")
    return header + text, header


def findings(code, text, **kw):
    return rule_harness.findings(code, _with_directive(text)[0], **kw)


def fixed(code, text, **kw):
    full, header = _with_directive(text)
    out = rule_harness.fixed(code, full, **kw)
    assert out.startswith(header)
    return out[len(header):]


def the_fix(text, **kw):
    (d,) = [d for d in findings(CODE, text, **kw) if d.fix is not None] or [None]
    return d.fix if d is not None else None


def test_arg_read_by_its_one_run_becomes_an_env_secret():
    text = ("FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nARG GITHUB_TOKEN\n"
            "RUN pip install --no-cache-dir -r requirements.txt \\\n"
            "    git+https://${GITHUB_TOKEN}@github.com/acme/private-lib.git\nCOPY . .\n")
    assert fixed(CODE, text) == (
        "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
        "RUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN pip install --no-cache-dir -r requirements.txt \\\n"
        "    git+https://${GITHUB_TOKEN}@github.com/acme/private-lib.git\nCOPY . .\n")
    fix = the_fix(text)
    assert fix.applicability is Applicability.UNSAFE
    assert "docker build --secret id=github_token,env=GITHUB_TOKEN" in fix.title
    (d,) = findings(CODE, text)
    assert "docker build --secret id=github_token,env=GITHUB_TOKEN" in d.message


def test_every_run_that_names_it_gets_the_mount():
    text = ("FROM golang:1.22 AS build\nARG GITLAB_TOKEN\nWORKDIR /src\n"
            "RUN curl -fsSL -H \"PRIVATE-TOKEN: ${GITLAB_TOKEN}\" -o /tmp/protos.tgz https://gitlab.com/api/v4/projects/7/"
            "repository/archive.tar.gz && tar -xzf /tmp/protos.tgz -C /src && rm /tmp/protos.tgz\n"
            "COPY go.mod go.sum ./\nRUN GOPRIVATE=gitlab.com/acme GITLAB_TOKEN=$GITLAB_TOKEN go mod download\n"
            "FROM gcr.io/distroless/static\nCOPY --from=build /src/app /app\n")
    out = fixed(CODE, text)
    assert "ARG GITLAB_TOKEN" not in out
    assert out.count("RUN --mount=type=secret,id=gitlab_token,env=GITLAB_TOKEN ") == 2


def test_arg_copied_into_env_in_a_builder_stage_goes_with_it():
    text = ("FROM node:20 AS deps\nWORKDIR /app\nARG NPM_TOKEN\nENV NPM_TOKEN=${NPM_TOKEN}\nCOPY package*.json .npmrc ./\n"
            "RUN npm ci\n"
            "FROM node:20-slim\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY . .\n"
            "CMD [\"node\", \"index.js\"]\n")
    out = fixed(CODE, text)
    assert out == ("FROM node:20 AS deps\nWORKDIR /app\nCOPY package*.json .npmrc ./\n"
                   "RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n"
                   "FROM node:20-slim\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY . .\n"
                   "CMD [\"node\", \"index.js\"]\n")
    # the ARG's and the ENV's findings carry the same fix
    assert [d.fix is not None for d in findings(CODE, text)] == [True, True]


def test_nothing_names_it_every_run_in_scope_is_mounted():
    # npm reads ${NPM_TOKEN} from the .npmrc it was copied with: no RUN names it
    text = ("FROM node:20 AS build\nWORKDIR /app\nCOPY package.json package-lock.json .npmrc ./\nARG NPM_TOKEN\n"
            "RUN npm ci\nCOPY . .\nRUN npm run build\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n")
    out = fixed(CODE, text)
    assert out.count("--mount=type=secret,id=npm_token,env=NPM_TOKEN") == 2
    assert the_fix(text).applicability is Applicability.UNSAFE


def test_some_runs_name_it_others_may_still_read_it_a_suggestion():
    text = ("FROM node:20\nARG NPM_TOKEN\nWORKDIR /app\nCOPY package*.json ./\n"
            "RUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci && rm .npmrc\n"
            "COPY . .\nRUN npm run build\n")
    fix = the_fix(text)
    assert fix.applicability is Applicability.SUGGESTION
    assert "1 RUN " in fix.title
    assert fixed(CODE, text) == text  # never applied in bulk


def test_older_frontend_reads_the_secret_file_into_the_variable():
    text = ("# syntax=docker/dockerfile:1.4\nFROM python:3.12\nARG PYPI_PASSWORD\n"
            "RUN pip install --index-url https://ci:${PYPI_PASSWORD}@pypi.corp.example/simple acme-lib\n")
    assert fixed(CODE, text) == (
        "# syntax=docker/dockerfile:1.4\nFROM python:3.12\n"
        "RUN --mount=type=secret,id=pypi_password export PYPI_PASSWORD=\"$(cat /run/secrets/pypi_password)\" && "
        "pip install --index-url https://ci:${PYPI_PASSWORD}@pypi.corp.example/simple acme-lib\n")


def test_older_frontend_under_a_named_user_makes_the_file_readable():
    text = ("# syntax=docker/dockerfile:1.4\nFROM node:20\nUSER node\nARG NPM_TOKEN\nRUN NPM_TOKEN=$NPM_TOKEN npm ci\n")
    assert "--mount=type=secret,id=npm_token,mode=0444 export NPM_TOKEN=" in fixed(CODE, text)


def test_one_of_several_args_in_one_instruction():
    text = "FROM alpine:3.20\nARG VERSION=1.2 API_TOKEN\nRUN wget --header \"Authorization: Bearer $API_TOKEN\" https://x/$VERSION.tgz\n"
    assert fixed(CODE, text) == (
        "FROM alpine:3.20\nARG VERSION=1.2\n"
        "RUN --mount=type=secret,id=api_token,env=API_TOKEN wget --header \"Authorization: Bearer $API_TOKEN\" https://x/$VERSION.tgz\n")


def test_crlf_kept():
    text = "FROM alpine:3.20\r\nARG API_TOKEN\r\nRUN ./fetch.sh \"$API_TOKEN\"\r\n"
    assert fixed(CODE, text) == "FROM alpine:3.20\r\nRUN --mount=type=secret,id=api_token,env=API_TOKEN ./fetch.sh \"$API_TOKEN\"\r\n"


NO_FIX = [
    # a default value the build relies on, its own or the global ARG's it redeclares
    "FROM alpine\nARG API_TOKEN=dev-token\nRUN ./fetch.sh $API_TOKEN\n",
    "ARG API_TOKEN=dev-token\nFROM alpine\nARG API_TOKEN\nRUN ./fetch.sh $API_TOKEN\n",
    # read by another instruction
    "FROM alpine\nARG API_TOKEN\nRUN ./fetch.sh $API_TOKEN\nLABEL token=$API_TOKEN\n",
    "FROM alpine\nARG GIT_TOKEN\nARG REPO=https://${GIT_TOKEN}@github.com/acme/x\nRUN git clone $REPO\n",
    "FROM alpine\nARG API_TOKEN\nRUN --mount=type=secret,id=$API_TOKEN ./fetch.sh\n",
    # an ENV in the image: the running container may read it
    "FROM node:20\nARG NPM_TOKEN\nENV NPM_TOKEN=$NPM_TOKEN\nRUN npm ci\nCMD [\"node\", \"index.js\"]\n",
    # an ENV inherited by the final stage
    "FROM node:20 AS base\nARG NPM_TOKEN\nENV NPM_TOKEN=$NPM_TOKEN\nRUN npm ci\nFROM base\nCMD [\"node\", \"i.js\"]\n",
    # an ENV with a value of its own
    "FROM node:20 AS b\nENV NPM_TOKEN=abc\nRUN npm ci\nFROM alpine\nCOPY --from=b /x /x\n",
    # a global ARG: stages see it only through their own ARG
    "ARG API_TOKEN\nFROM alpine\nRUN echo\n",
    # no RUN reads it
    "FROM alpine\nARG API_TOKEN\nCOPY . .\n",
    # a frontend without mounts
    "# syntax=docker/dockerfile:1.1\nFROM alpine\nARG API_TOKEN\nRUN ./fetch.sh $API_TOKEN\n",
    # the RUN writes the token to a file it keeps: a mount would not keep it out of the layer
    "FROM node:21-alpine\nARG GITHUB_TOKEN\nWORKDIR /usr/src/app\n"
    "RUN echo \"@acme:registry=https://npm.pkg.github.com/\" > .npmrc \\\n"
    "    && echo \"//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN}\" >> .npmrc\n"
    "COPY package*.json yarn.lock ./\nRUN yarn install\nRUN rm -f .npmrc\n",
    "FROM golang:1.22\nARG GH_TOKEN\nRUN git config --global url.\"https://${GH_TOKEN}@github.com/\".insteadOf \"https://github.com/\"\n"
    "RUN go mod download\n",
    "FROM python:3.12\nARG POETRY_PASSWORD\nRUN poetry config http-basic.acme ci $POETRY_PASSWORD && poetry install\n",
    "FROM continuumio/miniconda3\nARG GITHUB_TOKEN\nRUN git clone https://${GITHUB_TOKEN}@github.com/acme/models.git /home/models\n",
    "FROM node:20\nWORKDIR /app\nCOPY .npmrc.template .npmrc\nARG NPM_TOKEN\nRUN sed -i \"s|_NPM_TOKEN_|${NPM_TOKEN}|\" .npmrc\n"
    "COPY package*.json ./\nRUN npm install\n",
    # an older frontend and an exec-form RUN: no shell to read the file
    "# syntax=docker/dockerfile:1.4\nFROM alpine\nARG API_TOKEN\nRUN [\"/fetch\", \"$API_TOKEN\"]\n",
]


@pytest.mark.parametrize("text", NO_FIX)
def test_no_fix(text):
    assert findings(CODE, text)
    assert the_fix(text) is None


def test_stage_arg_redeclaring_a_global_one_without_default():
    text = "ARG API_TOKEN\nFROM alpine:3.20\nARG API_TOKEN\nRUN ./fetch.sh \"$API_TOKEN\"\n"
    # the stage's ARG goes; the global one stays (its own finding, no fix: FROM lines may read it)
    assert fixed(CODE, text) == \
        "ARG API_TOKEN\nFROM alpine:3.20\nRUN --mount=type=secret,id=api_token,env=API_TOKEN ./fetch.sh \"$API_TOKEN\"\n"


def test_written_down_and_deleted_in_the_same_run_is_fine():
    text = ("FROM node:20\nARG NPM_TOKEN\nWORKDIR /app\nCOPY package*.json ./\n"
            "RUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci && rm -f .npmrc\n")
    assert the_fix(text).applicability is Applicability.UNSAFE
    text = ("FROM golang:1.22\nARG GH_TOKEN\nRUN git config --global url.\"https://${GH_TOKEN}@github.com/\".insteadOf "
            "\"https://github.com/\" && go mod download && rm ~/.gitconfig\n")
    assert the_fix(text) is not None


def test_runs_of_env_blind_programs_are_left_alone():
    # pip reads ${GITHUB_TOKEN} from requirements.txt; apt-get and mkdir read no token
    text = ("FROM python:3.12\nWORKDIR /app\nARG GITHUB_TOKEN\nCOPY requirements.txt /app/\n"
            "RUN pip install -r requirements.txt\nCOPY . /app\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends default-jdk && rm -rf /var/lib/apt/lists/*\n"
            "RUN mkdir -p /app/data\n")
    assert fixed(CODE, text) == (
        "FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt /app/\n"
        "RUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN pip install -r requirements.txt\nCOPY . /app\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends default-jdk && rm -rf /var/lib/apt/lists/*\n"
        "RUN mkdir -p /app/data\n")


def test_nuget_reads_the_env_copy_in_a_builder_stage():
    text = ("FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nWORKDIR /src\nARG GITHUB_USER\nARG GITHUB_TOKEN\n"
            "ENV GITHUB_USER=$GITHUB_USER\nENV GITHUB_TOKEN=$GITHUB_TOKEN\nCOPY nuget.config ./\nCOPY *.csproj ./\n"
            "RUN dotnet restore\nCOPY . .\nRUN dotnet publish -c Release -o /app/publish\n"
            "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nWORKDIR /app\nCOPY --from=build /app/publish .\n"
            "ENTRYPOINT [\"dotnet\", \"Gateway.dll\"]\n")
    out = fixed(CODE, text)
    assert "ARG GITHUB_TOKEN" not in out and "ENV GITHUB_TOKEN" not in out
    assert "ARG GITHUB_USER\nENV GITHUB_USER=$GITHUB_USER\n" in out  # not a secret: stays
    assert out.count("--mount=type=secret,id=github_token,env=GITHUB_TOKEN dotnet ") == 2


def test_a_run_mounting_it_already_gets_no_second_mount():
    # half-migrated: the RUN has the secret mount, the ARG was left behind
    text = ("FROM node:20\nARG NPM_TOKEN\nWORKDIR /app\nCOPY package*.json .npmrc ./\n"
            "RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n")
    assert fixed(CODE, text) == ("FROM node:20\nWORKDIR /app\nCOPY package*.json .npmrc ./\n"
                                 "RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n")


def test_heredoc_run_is_mounted_like_any_other():
    text = ("FROM python:3.12\nARG HF_TOKEN\nRUN <<EOF\nset -e\npython -c \"import os; print(len(os.environ['HF_TOKEN']))\"\n"
            "huggingface-cli download acme/model --token \"$HF_TOKEN\"\nEOF\n")
    assert fixed(CODE, text) == ("FROM python:3.12\nRUN --mount=type=secret,id=hf_token,env=HF_TOKEN <<EOF\nset -e\n"
                                 "python -c \"import os; print(len(os.environ['HF_TOKEN']))\"\n"
                                 "huggingface-cli download acme/model --token \"$HF_TOKEN\"\nEOF\n")


def test_without_a_directive_the_secret_is_read_from_its_file():
    text = "FROM alpine:3.20\nARG API_TOKEN\nRUN ./fetch.sh \"$API_TOKEN\"\n"
    assert rule_harness.fixed(CODE, text) == (
        "FROM alpine:3.20\nRUN --mount=type=secret,id=api_token export API_TOKEN=\"$(cat /run/secrets/api_token)\" && "
        "./fetch.sh \"$API_TOKEN\"\n")
