"""DW201 as the default secrets check: BuildKit's SecretsUsedInArgOrEnv coverage, minus what it
gets wrong on real Dockerfiles (issue 14, part 5)."""
import pytest

from dockwise.config import Config
from dockwise.engine.check import check
from rule_harness import assert_catches, assert_passes

CODE = "DW201"
CATCHES = [
    # BuildKit's words, as whole words of the name
    'FROM node:20\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc\n',
    'FROM python:3.12-slim\nENV DJANGO_SECRET_KEY=change-me\n',
    'FROM postgres:16\nENV POSTGRES_PASSWORD=postgres\n',
    'FROM alpine:3.20\nARG AWS_SECRET_ACCESS_KEY\n',
    'FROM alpine:3.20\nARG SENTRY_AUTH_TOKEN\n',
    'FROM alpine:3.20\nARG GOOGLE_APPLICATION_CREDENTIALS_JSON\n',
    'FROM alpine:3.20\nARG OPENAI_APIKEY\n',
    'FROM alpine:3.20\nENV SSH_KEY="-----"\n',
    'FROM alpine:3.20\nENV SMTP_PASSWD=hunter2\n',
    # dockwise: case boundaries, `pass`, `passphrase`
    'FROM node:20\nARG npmToken\n',
    'FROM node:20\nENV dbPassword=s3cret\n',
    'FROM jasonrivers/nagios:latest\nENV NAGIOSADMIN_PASS nagios\n',
    'FROM alpine:3.20\nARG SIGNING_KEY_PASSPHRASE\n',
    # an ARG with no default: the value given with --build-arg lands in the build history
    'FROM alpine:3.20\nARG GITHUB_TOKEN\nRUN ./upload.sh "$GITHUB_TOKEN"\n',
]
PASSES = [
    # user names
    'FROM mcr.microsoft.com/devcontainers/base:bookworm\nARG USERNAME=vscode\nARG USER_UID=1000\n',
    'FROM postgres:16\nENV POSTGRES_USER=app DB_USERNAME=app\n',
    # public key material (docker-library images)
    'FROM debian:bookworm-slim\nENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305\n',
    'FROM debian:bookworm-slim\nENV GPG_KEYS 1729F83938DA44E27BA0F4D3DBDB397470D12172\n',
    'FROM erlang:26\nENV RABBITMQ_PGP_KEY_ID="0x0A9AF2115F4687BD29803A206B73A36E6026DFCA"\n',
    'FROM alpine:3.20\nENV STRIPE_PUBLIC_KEY=pk_live_x\n',
    # key ids
    'FROM alpine:3.20\nARG AWS_ACCESS_KEY_ID\n',
    # references to a secret: names and absolute-path values
    'FROM minio/minio\nENV MINIO_ACCESS_KEY_FILE=access_key MINIO_SECRET_KEY_FILE=secret_key\n',
    'FROM selenium/base\nENV SE_HTTPS_PRIVATE_KEY="/opt/selenium/secrets/tls.key" '
    'SE_JAVA_SSL_TRUST_STORE_PASSWORD="/opt/selenium/secrets/server.pass"\n',
    'FROM alpine:3.20\nENV VAULT_TOKEN_PATH=/run/secrets/vault\n',
    # settings about authentication
    'FROM grafana/grafana\nENV GF_AUTH_ANONYMOUS_ENABLED=true AUTH_MODE=oidc AUTH_PROVIDER=github\n',
    'FROM alpine:3.20\nENV BASIC_AUTH=false\n',
    # an empty ENV holds nothing
    'FROM alpine:3.20\nENV LOCAL_GITHUB_ACCESS_TOKEN="" \\\n  LOCAL_CONFIG_VARIABLES=""\n',
    # words that only contain a token
    'FROM python:3.12\nENV TOKENIZERS_PARALLELISM=false KEYBOARD=us AUTHORS=x MONKEY=1\n',
    'FROM alpine:3.20\nARG DOCKER_HARDENED_IMAGES_KEYRING_VERSION=1\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text, count=1)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_one_variable_gets_one_finding_by_default():
    text = 'FROM node:20\nARG NPM_TOKEN\nENV DB_PASSWORD=x\nARG USERNAME=vscode\n'
    found = [(d.code, d.line) for d in check(text, "Dockerfile", Config())]
    secrets = [f for f in found if f[0] in ("DW201", "DL3064")]
    assert sorted(secrets) == [("DW201", 1), ("DW201", 2)]


def test_dl3064_keeps_hadolints_behaviour_when_selected():
    text = 'FROM node:20\nARG USERNAME=vscode\n'
    found = [d.code for d in check(text, "Dockerfile", Config(select=["DL3064"]))]
    assert found == ["DL3064"]


def test_env_copied_from_an_arg_is_flagged_on_both():
    assert_catches(CODE, 'FROM alpine:3.20\nARG API_TOKEN\nENV API_TOKEN=$API_TOKEN\n', count=2)
