"""DW221: root on bases dockwise does not know, and the images it knows drop root (issue 14, part 5)."""
import pytest

from dockwise.engine.diagnostic import Severity
from rule_harness import assert_catches, assert_passes, findings

CODE = "DW221"
CATCHES = [
    # unknown bases run as root unless they set a USER
    'FROM minio/minio:latest\nCOPY config.json /etc/minio/\nCMD ["server", "/data"]\n',
    'FROM nvidia/cuda:12.8.0-cudnn-runtime-ubuntu24.04\nCOPY --from=build /app /app\nCMD ["/app/serve"]\n',
    'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT ["/app"]\n',
    'FROM mcr.microsoft.com/playwright:v1.47.0-jammy\nCOPY . /tests\nCMD ["npx", "playwright", "test"]\n',
]
PASSES = [
    # known non-root bases
    'FROM bitnami/node:20\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
    'FROM quay.io/jupyter/scipy-notebook:2024-10-07\nCOPY notebooks /home/jovyan/work\n',
    'FROM jupyter/base-notebook\nRUN pip install --no-cache-dir altair\n',
    'FROM selenium/node-chrome:4.25\nCOPY config.toml /opt/selenium/\n',
    'FROM jenkins/jenkins:lts-jdk17\nRUN jenkins-plugin-cli --plugins git\n',
    'FROM grafana/grafana:11.2.0\nCOPY dashboards /var/lib/grafana/dashboards\n',
    'FROM docker.elastic.co/elasticsearch/elasticsearch:8.15.0\nCOPY elasticsearch.yml /usr/share/elasticsearch/config/\n',
    'FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY dist /usr/share/nginx/html\n',
    'FROM docker:27-dind-rootless\nCOPY daemon.json /etc/docker/\n',
    'FROM ghcr.io/dependabot/dependabot-updater-core\nCOPY bin /home/dependabot/bin\n',
    # a base picked by a build argument
    'ARG BASE_TEST_IMAGE\nFROM ${BASE_TEST_IMAGE}\nCOPY . /app\nCMD ["npm", "test"]\n',
    # entrypoints that drop root themselves
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y gosu\nCOPY docker-entrypoint.sh /usr/local/bin/\n'
    'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["postgres"]\n',
    'FROM alpine:3.20\nRUN apk add --no-cache su-exec redis\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n',
    # base images built for others to build on
    'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends git curl\n',
    'FROM debian:bookworm-slim\nENV PYTHON_VERSION=3.12.7\nRUN ./build-python.sh\nCMD ["python3"]\n',
    'FROM redhat/ubi9-minimal\nENV JAVA_HOME=/opt/java/openjdk\nRUN microdnf install -y tzdata\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text, count=1)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_unknown_base_is_information_and_says_unless():
    [d] = findings(CODE, 'FROM minio/minio:latest\nCMD ["server", "/data"]\n')
    assert "unless the base image sets a non-root `USER`" in d.message
    assert d.severity is Severity.INFO


def test_known_root_base_is_dw200s():
    text = 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]\n'
    assert findings(CODE, text) == []
    [d] = findings("DW200", text)
    assert "unless" not in d.message and d.severity is Severity.WARNING


def test_the_exceptions_hold_for_dw200_too():
    for text in PASSES:
        if "bitnami" in text or "gosu" in text or "CMD [\"python3\"]" in text:
            assert findings("DW200", text) == [], text


def test_a_jre_base_image_with_only_an_entrypoint_wrapper_is_a_base():
    text = ('FROM redhat/ubi9-minimal\nENV JAVA_HOME=/opt/java/openjdk\nCOPY --chmod=755 entrypoint.sh /__cacert_entrypoint.sh\n'
            'ENTRYPOINT ["/__cacert_entrypoint.sh"]\n')
    assert findings(CODE, text) == []
    assert findings(CODE, 'FROM redhat/ubi9-minimal\nCOPY app /app\nENTRYPOINT ["/app/run"]\n')


def test_preview_rule_is_opt_in():
    from dockwise.config import Config
    from dockwise.engine.check import check
    text = 'FROM minio/minio:latest\nCMD ["server", "/data"]\n'
    assert not [d for d in check(text, "Dockerfile", Config()) if d.code == CODE]
    assert [d for d in check(text, "Dockerfile", Config(preview=True)) if d.code == CODE]


def test_dev_container_folder_is_not_judged():
    for code, base in (("DW200", "python:3.12"), (CODE, "example.com/team/python:3.12")):
        text = f'FROM {base}\nRUN pip install -r requirements.txt\nCMD ["sleep", "infinity"]\n'
        assert findings(code, text, path="repo/.devcontainer/Dockerfile") == []
        assert findings(code, text, path="repo/docker/Dockerfile")
