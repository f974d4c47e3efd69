import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    # an ENV-defined directory: WORKDIR $PYENV_ROOT/versions works as well
    'FROM debian:12\nENV PYENV_ROOT=/usr/local/.pyenv\nRUN cd $PYENV_ROOT/versions && tar -acf 3.11.tar.zst 3.11\n',
    'FROM debian:12\nRUN cd /tmp && ls\n',
    'FROM debian:12\nRUN make; cd /x\n',
    'FROM debian:12\nRUN <<EOF\ncd /x\nmake\nEOF\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN cd /opt\n',
    # commands that only read or change a path do not make it
    'FROM debian:12\nRUN chown -R app /srv/app && cd /srv/app && make\n',
    'FROM debian:12\nRUN ls /srv/app && cd /srv/app\n',
    # what the RUN made is elsewhere: a download into /tmp (dependabot pub), relative folders
    # (netbox-docker)
    'FROM debian:12\nRUN curl --retry 5 "$URL" > "/tmp/${EXE}" && cd /tmp/ && unzip "${EXE}"\n',
    'FROM python:3.12\nWORKDIR /opt/netbox/netbox\nRUN mkdir -p static /opt/unit/state/ && cd /opt/netbox/ && python -m mkdocs build\n',
]
PASSES = [
    # directories the RUN itself makes: WORKDIR cannot name them (spark, gcc, php official images)
    'FROM debian:12\nRUN set -ex; export SPARK_TMP="$(mktemp -d)"; cd $SPARK_TMP; wget -nv -O spark.tgz "$U"\n',
    'FROM debian:12\nRUN wget https://x/gcc-10.5.0.tar.gz && tar xf gcc-10.5.0.tar.gz && cd gcc-10.5.0 && make\n',
    'FROM php:8.2\nRUN set -eux; docker-php-source extract; cd /usr/src/php; make\n',
    'FROM debian:12\nRUN mkdir -p /usr/src/app/build && cd /usr/src/app && make\n',
    'FROM debian:12\nRUN git clone https://github.com/x/y.git /opt/y && cd /opt/y && make\n',
    'FROM debian:12\nRUN mkdir build && cd /src/build && cmake ..\n',
    # buildkit's docs Dockerfile: copied into a tmpfs mount only the RUN has
    'FROM alpine\nWORKDIR /src\nRUN --mount=target=/context --mount=target=.,type=tmpfs rsync -a /context/. . && cd frontend/dockerfile/linter && docsgen ./dist\n',
    # back to the root after a build, before cleaning up
    'FROM python:3.12\nRUN set -eux; make install; cd /; rm -rf /usr/src/python\n',
    'FROM debian:12\nRUN ls /tmp\n',
    'FROM debian:12\nWORKDIR /tmp\n',
    'FROM debian:12\nRUN echo cd\n',
    'FROM debian:12\nSHELL ["powershell", "-Command"]\nRUN cd C:\\\\x\n',
    # hadolint's spec cases
    'FROM debian:12\nWORKDIR /opt\n',
    # a tool handed exactly the directory makes it (frappe_docker's custom Containerfile):
    # a WORKDIR would make it first, and `bench init` refuses a path that exists
    'FROM python:3.11\nRUN bench init --frappe-branch=v15 /home/frappe/frappe-bench && \\\n'
    '  cd /home/frappe/frappe-bench && echo "{}" > sites/common_site_config.json\n',
    'FROM php:8.3\nRUN composer create-project laravel/laravel /var/www/app && cd /var/www/app/ && php artisan key:generate\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3003', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3003', text)
