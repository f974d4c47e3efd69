import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DW101"
CATCHES = [
    'FROM python:3.12\n',
    'FROM golang:1.22 AS b\nFROM python:3.12-bookworm\n',
    'FROM python:3.12 AS b\nFROM b\n',
    # a distribution image with a command of its own: an application image
    'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\nCMD ["/app/main.sh"]\n',
    # a build argument naming only the final base (code-server's `FROM $BASE`)
    'ARG BASE=debian:13\nFROM scratch AS packages\nCOPY release-packages/code-server*.deb /tmp/\n'
    'FROM $BASE\nRUN apt-get update && apt-get install -y curl\nEXPOSE 8080\n'
    'ENTRYPOINT ["/usr/bin/entrypoint.sh", "--bind-addr", "0.0.0.0:8080", "."]\n',
]
PASSES = [
    'FROM python:3.12-slim\n',
    'FROM python:3.12 AS b\nFROM python:3.12-slim\n',
    'FROM example.com/python:3.12\n',
    'FROM python:3.12@sha256:0000000000000000000000000000000000000000000000000000000000000000\n',
    'FROM scratch\n',
    # docker-library/buildpack-deps: a distribution image made for others to build on
    'FROM debian:bullseye\nRUN set -eux; apt-get update; apt-get install -y --no-install-recommends '
    'ca-certificates curl gnupg netbase wget; rm -rf /var/lib/apt/lists/*\n',
    # nginx's modules image: builds modules against the image it is given and installs them into it
    'ARG NGINX_FROM_IMAGE=nginx:mainline-alpine\nFROM ${NGINX_FROM_IMAGE} AS builder\n'
    'RUN apk add gcc make && make modules\nFROM ${NGINX_FROM_IMAGE}\n'
    'RUN --mount=type=bind,target=/tmp/packages/,source=/tmp/packages/,from=builder '
    'apk add --no-cache --allow-untrusted /tmp/packages/*.apk\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_suggests_slim_not_alpine():
    from rule_harness import findings
    d = findings(CODE, "FROM python:3.12\n")[0]
    assert "3.12-slim" in d.message and d.fix.applicability.value == "suggestion"
    assert fixed(CODE, "FROM python:3.12\n") == "FROM python:3.12\n"  # suggestions are never applied in bulk


def test_latest_is_offered_its_own_release_slim():
    """`debian` is `latest`, today trixie: the smaller variant is trixie-slim, not testing's."""
    from dockwise.knowledge import images
    from rule_harness import findings
    release = next(t for t in images.all_tags("debian") if images.version_of("debian", t) and
                   "latest" in images._lookup("debian", t)[0].group(t) and t.isalpha())
    d = findings(CODE, "FROM debian\n")[0]
    assert f"debian:{release}-slim" in d.message, d.message


def test_dev_containers_keep_the_full_image(tmp_path):
    from dockwise.config import Config
    from dockwise.engine.check import check
    path = tmp_path / ".devcontainer" / "Dockerfile"
    assert not check("FROM python:3.12\n", str(path), Config(select=[CODE]))
    assert check("FROM python:3.12\n", str(tmp_path / "Dockerfile"), Config(select=[CODE]))


# Spark's image (apache/spark-docker): a platform started by a script, which runs jmap
SPARK = ('FROM eclipse-temurin:17-jammy\nARG spark_uid=185\n'
         'RUN set -ex; apt-get update; apt-get install -y gnupg2 wget bash tini libc6 libpam-modules krb5-user '
         'libnss3 procps net-tools gosu libnss-wrapper; rm -rf /var/lib/apt/lists/*\n'
         'COPY entrypoint.sh /opt/\nENV SPARK_HOME=/opt/spark\nWORKDIR /opt/spark/work-dir\n'
         'USER spark\nENTRYPOINT [ "/opt/entrypoint.sh" ]\n')
# the official tomcat image: a JDK variant of the product, run by catalina.sh
TOMCAT = ('FROM eclipse-temurin:11-jdk-noble\nENV CATALINA_HOME=/usr/local/tomcat\nWORKDIR $CATALINA_HOME\n'
          'RUN set -eux; apt-get update; apt-get install -y --no-install-recommends gnupg\n'
          'EXPOSE 8080\nENTRYPOINT []\nCMD ["catalina.sh", "run"]\n')
# awesome-compose react-express-mysql: the last stage is a Docker Dev Environments image
DEV_ENVS = ('FROM node:lts AS development\nWORKDIR /code\nCOPY package.json package-lock.json /code/\n'
            'RUN npm ci\nCOPY . /code\nCMD [ "node", "src/index.js" ]\n\n'
            'FROM development as dev-envs\nRUN <<EOF\napt-get update\napt-get install -y --no-install-recommends git\nEOF\n'
            'RUN <<EOF\nuseradd -s /bin/bash -m vscode\ngroupadd docker\nusermod -aG docker vscode\nEOF\n'
            'COPY --from=gloursdocker/docker / /\nCMD [ "sleep", "infinity" ]\n')


@pytest.mark.parametrize("text", [SPARK, TOMCAT, DEV_ENVS])
def test_images_that_need_the_full_variant_pass(text):
    assert_passes(CODE, text)


@pytest.mark.parametrize("command", [
    'ENTRYPOINT ["java", "-jar", "/app/app.jar"]\n',
    'CMD java -jar /app/app.jar\n',
    'ENTRYPOINT ["/usr/bin/tini", "--", "java", "-jar", "/app/app.jar"]\n',
    'CMD ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]\n',
])
def test_an_image_running_java_itself_is_offered_the_jre(command):
    from rule_harness import findings
    text = 'FROM maven:3-eclipse-temurin-17 AS build\nRUN mvn package\n' \
           'FROM eclipse-temurin:17-jdk-jammy\nCOPY --from=build /src/target/app.jar /app/app.jar\n' + command
    d = findings(CODE, text)
    assert len(d) == 1 and "17-jre-jammy" in d[0].message, d


def test_the_dev_envs_stage_is_not_a_shipped_image_but_the_app_stage_is():
    # the same app with a production stage last: that image ships and is reported
    assert_catches(CODE, DEV_ENVS.replace("FROM development as dev-envs", "FROM development as dev-envs\n"
                                          "FROM development AS production"))


def test_an_emptied_entrypoint_leaves_the_cmd_deciding():
    assert_catches(CODE, TOMCAT.replace('CMD ["catalina.sh", "run"]', 'CMD ["java", "-jar", "/srv/app.jar"]'))
