"""DW112: `chown`/`chmod` in a RUN of what a COPY just added stores it twice; the fix moves the
owner or mode into `COPY --chown`/`--chmod`, safe only when it says exactly the same."""

import os

import pytest

from rules.context_trees import make_tree
from dockwise.buildcontext import load_context
from dockwise.config import Config
from dockwise.engine.check import check
from dockwise.engine.diagnostic import Applicability
from rule_harness import assert_catches, assert_passes, findings, fixed

CODE = "DW112"

CATCHES = [
    # the case: an entrypoint made executable in a layer of its own
    'FROM python:3.12-slim\nCOPY docker-entrypoint.sh /usr/local/bin/\n'
    'RUN chmod +x /usr/local/bin/docker-entrypoint.sh\nENTRYPOINT ["docker-entrypoint.sh"]\n',
    # `COPY . /app` then `chown -R`: every file of the application twice
    'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN chown -R node:node /app\nUSER node\nCMD ["node", "server.js"]\n',
    'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN chown -R node:node .\nUSER node\n',
    # a download made executable afterwards (ADD of a URL gets mode 600)
    'FROM debian:bookworm-slim\nADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini\n'
    'RUN chmod +x /tini\nENTRYPOINT ["/tini", "--"]\n',
    # a binary from a build stage, in a bin folder
    'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM debian:bookworm-slim\n'
    'COPY --from=build /out/app /usr/local/bin/app\nRUN chmod 755 /usr/local/bin/app\n',
    # `ENV` values expanded; `chgrp`; `chown` in a chain with other work
    'FROM eclipse-temurin:21-jre\nENV APP_HOME=/opt/app\nCOPY target/app.jar $APP_HOME/app.jar\n'
    'RUN chgrp 1000 $APP_HOME/app.jar\n',
    'FROM python:3.12-slim\nCOPY start.sh /start.sh\nRUN chmod +x /start.sh && apt-get update\n',
    # an unrelated RUN between: the COPY's file is still untouched
    'FROM python:3.12-slim\nCOPY entrypoint.sh /entrypoint.sh\nRUN pip install --no-cache-dir flask\n'
    'RUN chmod +x /entrypoint.sh\n',
    'FROM eclipse-temurin:21\nCOPY app.jar /opt/app.jar\nRUN cp /opt/myapp.jar.bak /tmp/\n'
    'RUN chown 1000:1000 /opt/app.jar\n',
    # a heredoc RUN: reported, not fixed
    'FROM alpine:3.20\nCOPY run.sh /run.sh\nRUN <<EOF\nchmod +x /run.sh\nEOF\n',
]

PASSES = [
    # a builder stage's layers are thrown away
    'FROM golang:1.23 AS build\nCOPY build.sh /build.sh\nRUN chmod +x /build.sh && /build.sh\n'
    'FROM scratch\nCOPY --from=build /out/app /app\n',
    # the same RUN deletes the script: its copy never reaches the layer
    'FROM debian:bookworm\nCOPY install-mariadb.sh /tmp/\n'
    'RUN chmod +x /tmp/install-mariadb.sh && /tmp/install-mariadb.sh && rm -f /tmp/install-mariadb.sh\n',
    # a RUN in between rewrote the file first (named as a word: `app.jar`, not `myapp.jar.bak`)
    'FROM nginx:1.27\nCOPY entrypoint.sh /entrypoint.sh\nRUN sed -i "s/x/y/" /entrypoint.sh\n'
    'RUN chmod +x /entrypoint.sh\n',
    'FROM nginx:1.27\nCOPY entrypoint.sh /entrypoint.sh\nRUN sed -i "s/x/y/" /entrypoint.sh && chmod +x /entrypoint.sh\n',
    # `npm ci` ran in the copied folder: `chown -R` rewrites node_modules too, not only the copy
    'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN chown -R node:node /app\n',
    # a directory's own entry: nothing of the copy is stored again
    'FROM nginx:1.27\nCOPY html/ /usr/share/nginx/html/\nRUN chmod 755 /usr/share/nginx/html\n',
    'FROM python:3.12\nCOPY --from=upstream /opt/conda /opt/conda\nRUN chmod =2775 /opt/conda\n',
    # one file of a larger copy: no COPY flag can change it alone
    'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN chmod +x /app/start.sh\n',
    'FROM python:3.12\nCOPY scripts/ /usr/local/bin/\nRUN chmod +x /usr/local/bin/run.sh\n',
    # already the owner a build-context copy has (root): BuildKit stores no unchanged file
    'FROM nginx:1.27\nADD etc /etc/nginx\nRUN chown -R root:root /etc/nginx\n',
    # the owner the COPY already gives
    'FROM node:22\nCOPY --chown=node:node . /app\nRUN chown -R node:node /app\n',
    # not a path any COPY created
    'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\nRUN chown -R nginx:nginx /var/cache/nginx\n',
    # a folder holding more than the copy (`/usr/local` of the base image)
    'FROM python:3.12\nCOPY tool /usr/local/bin/tool\nRUN chmod -R 755 /usr/local\n',
    # relative path after `cd`: unknown
    'FROM python:3.12\nWORKDIR /app\nCOPY run.sh run.sh\nRUN cd /srv && chmod +x run.sh\n',
    # `--reference`: unknown mode
    'FROM python:3.12\nCOPY run.sh /run.sh\nRUN chmod --reference=/bin/sh /run.sh\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def only_fix(text, **kw):
    found = findings(CODE, text, **kw)
    assert len(found) == 1, [d.message for d in found]
    return found[0]


# --- what the fix writes, and how far it is trusted ------------------------------------------

def test_octal_mode_of_one_file_is_moved_into_the_copy_safely():
    text = ('FROM python:3.12-slim\nCOPY resources/start.sh /usr/local/bin/start.sh\n'
            'RUN chmod 755 /usr/local/bin/start.sh\n\nCMD ["start.sh"]\n')
    d = only_fix(text)
    assert d.fix.applicability is Applicability.SAFE
    assert d.fix.title == "Set the mode with `COPY --chmod=755` and remove the RUN (needs BuildKit)"
    assert fixed(CODE, text, unsafe=False) == (
        'FROM python:3.12-slim\nCOPY --chmod=755 resources/start.sh /usr/local/bin/start.sh\n\nCMD ["start.sh"]\n')


def test_plus_x_without_a_directive_is_755_and_unsafe():
    text = ('FROM python:3.12-slim\nCOPY docker-entrypoint.sh /usr/local/bin/\n'
            '# make it executable\nRUN chmod +x /usr/local/bin/docker-entrypoint.sh\nENTRYPOINT ["docker-entrypoint.sh"]\n')
    d = only_fix(text)
    assert d.fix.applicability is Applicability.UNSAFE  # --chmod sets the whole mode: 664 → 755, not 775
    assert "unless it has that mode already" in d.message
    assert fixed(CODE, text, unsafe=False) == text
    # the comment describing the RUN goes with it
    assert fixed(CODE, text) == ('FROM python:3.12-slim\nCOPY --chmod=755 docker-entrypoint.sh /usr/local/bin/\n'
                                 'ENTRYPOINT ["docker-entrypoint.sh"]\n')


def test_symbolic_mode_is_kept_when_the_directive_names_a_frontend_that_takes_it():
    text = ('# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nCOPY entrypoint.sh /entrypoint.sh\n'
            'RUN chmod +x /entrypoint.sh\n')
    d = only_fix(text)
    assert d.fix.applicability is Applicability.SAFE
    assert fixed(CODE, text, unsafe=False) == (
        '# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nCOPY --chmod=a+x entrypoint.sh /entrypoint.sh\n')


def test_a_mode_that_depends_on_the_source_has_no_fix_on_an_older_frontend():
    # u+x: 744 from a 644 file, 755 from a 755 one: no octal mode says the same
    text = 'FROM python:3.12-slim\nCOPY entrypoint.sh /entrypoint.sh\nRUN chmod u+x /entrypoint.sh\n'
    assert only_fix(text).fix is None
    # a frontend without COPY --chmod at all
    old = '# syntax=docker/dockerfile:1.2\n' + text.replace("u+x", "755")
    assert only_fix(old).fix is None


def test_a_download_has_a_known_mode():
    text = ('FROM debian:bookworm-slim\nADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini\n'
            'RUN chmod +x /tini\nENTRYPOINT ["/tini", "--"]\n')
    d = only_fix(text)
    assert d.fix.applicability is Applicability.SAFE  # 600 + x = 711, whatever the frontend
    assert "unless" not in d.message
    assert fixed(CODE, text, unsafe=False) == (
        'FROM debian:bookworm-slim\nADD --chmod=711 https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini\n'
        'ENTRYPOINT ["/tini", "--"]\n')


def test_an_existing_octal_chmod_is_updated():
    text = 'FROM alpine:3.20\nCOPY --chmod=644 run.sh /run.sh\nRUN chmod +x /run.sh\n'
    assert fixed(CODE, text, unsafe=False) == 'FROM alpine:3.20\nCOPY --chmod=755 run.sh /run.sh\n'


def test_owner_with_group_on_one_file_is_safe_and_keeps_other_flags():
    text = ('FROM node:22-slim\nCOPY --from=build /out/server.js /usr/local/bin/server.js\n'
            'RUN chown node:node /usr/local/bin/server.js\nUSER node\n')
    d = only_fix(text)
    assert d.fix.applicability is Applicability.SAFE
    assert d.fix.title == "Set the owner with `COPY --chown=node:node` and remove the RUN"
    assert fixed(CODE, text, unsafe=False) == (
        'FROM node:22-slim\nCOPY --from=build --chown=node:node /out/server.js /usr/local/bin/server.js\nUSER node\n')


def test_a_user_alone_keeps_the_root_group_of_a_context_file():
    text = 'FROM nginx:1.27\nWORKDIR /srv\nCOPY site.conf /srv/site.conf\nRUN chown nginx /srv/site.conf\n'
    assert fixed(CODE, text, unsafe=False) == 'FROM nginx:1.27\nWORKDIR /srv\nCOPY --chown=nginx:0 site.conf /srv/site.conf\n'
    chgrp = 'FROM nginx:1.27\nCOPY site.conf /etc/site.conf\nRUN chgrp 0 /etc/site.conf\n'
    assert_passes(CODE, chgrp)  # group 0 is what it had
    staff = chgrp.replace("chgrp 0", "chgrp staff")
    assert fixed(CODE, staff, unsafe=False) == 'FROM nginx:1.27\nCOPY --chown=0:staff site.conf /etc/site.conf\n'
    # /etc/nginx may not exist before the COPY: BuildKit would create it owned by nginx
    nested = 'FROM debian:bookworm\nCOPY nginx.conf /etc/nginx/nginx.conf\nRUN chown nginx /etc/nginx/nginx.conf\n'
    assert only_fix(nested).fix.applicability is Applicability.UNSAFE


def test_a_user_alone_on_a_stage_file_has_no_fix():
    # files from another stage keep their group there: unknown here
    text = 'FROM debian:bookworm\nCOPY --from=build /out/app.jar /opt/app.jar\nRUN chown app /opt/app.jar\n'
    assert only_fix(text).fix is None


def test_the_login_group_is_unsafe():
    text = 'FROM debian:bookworm\nCOPY app.conf /etc/app.conf\nRUN chown www-data: /etc/app.conf\n'
    d = only_fix(text)
    assert d.fix.applicability is Applicability.UNSAFE
    assert fixed(CODE, text) == 'FROM debian:bookworm\nCOPY --chown=www-data app.conf /etc/app.conf\n'


def test_names_with_a_run_between_are_unsafe_and_useradd_between_has_no_fix():
    between = ('FROM debian:bookworm\nCOPY app.conf /etc/app.conf\nRUN apt-get update\n'
               'RUN chown app:app /etc/app.conf\n')
    assert only_fix(between).fix.applicability is Applicability.UNSAFE
    numeric = between.replace("app:app", "1000:1000")
    assert only_fix(numeric).fix.applicability is Applicability.SAFE
    useradd = between.replace("apt-get update", "useradd -r app")
    assert only_fix(useradd).fix is None


def test_a_folder_the_copy_creates_makes_a_chown_unsafe():
    # BuildKit creates /opt/app for `--chown` owned by the user; `chown` left it root's
    text = 'FROM debian:bookworm\nCOPY app.jar /opt/app/app.jar\nRUN chown 1000:1000 /opt/app/app.jar\n'
    assert only_fix(text).fix.applicability is Applicability.UNSAFE
    workdir = 'FROM debian:bookworm\nWORKDIR /opt/app\nCOPY app.jar app.jar\nRUN chown 1000:1000 app.jar\n'
    assert only_fix(workdir).fix.applicability is Applicability.SAFE


def test_a_recursive_chown_of_the_copied_folder_is_unsafe():
    text = ('FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nCOPY src ./src\n'
            'RUN chown -R node:node /app\nUSER node\n')
    d = only_fix(text)
    assert d.fix.applicability is Applicability.UNSAFE
    assert "everything `COPY` put in `/app`" in d.message
    assert d.fix.title == "Set the owner with `--chown` on 2 COPYs and remove the RUN"
    assert fixed(CODE, text) == ('FROM node:22-slim\nWORKDIR /app\nCOPY --chown=node:node package.json package-lock.json ./\n'
                                 'COPY --chown=node:node src ./src\nUSER node\n')
    assert [r.message for r in d.related] == ["copied here", "copied here"]


def test_several_files_of_one_copy_and_of_two_copies():
    one = ('FROM selenium/node-base:4\nCOPY cleanup.sh lang.sh /opt/bin/\n'
           'RUN chmod 755 /opt/bin/cleanup.sh /opt/bin/lang.sh\n')
    assert len(findings(CODE, one)) == 2
    assert fixed(CODE, one, unsafe=False) == 'FROM selenium/node-base:4\nCOPY --chmod=755 cleanup.sh lang.sh /opt/bin/\n'
    # one of them only: the COPY's other file keeps its mode, so no flag says the same
    partial = one.replace(" /opt/bin/lang.sh\n", "\n")
    assert only_fix(partial).fix is None
    two = ('FROM ghcr.io/dependabot/dependabot-updater-core\nCOPY --from=regctl /regctl /opt/bin/regctl\n'
           'COPY --from=cosign /ko-app/cosign /opt/bin/cosign\n\nRUN chmod 755 /opt/bin/regctl &&  \\\n'
           '    chmod 755 /opt/bin/cosign\n\nRUN regctl version\n')
    assert fixed(CODE, two, unsafe=False) == (
        'FROM ghcr.io/dependabot/dependabot-updater-core\nCOPY --from=regctl --chmod=755 /regctl /opt/bin/regctl\n'
        'COPY --from=cosign --chmod=755 /ko-app/cosign /opt/bin/cosign\n\nRUN regctl version\n')


def test_a_command_of_a_longer_run_is_removed_from_its_chain():
    first = ('FROM python:3.12-slim\nCOPY start.sh /start.sh\nRUN chmod 755 /start.sh \\\n'
             '    && apt-get update \\\n    && rm -rf /var/lib/apt/lists/*\n')
    d = only_fix(first)
    assert d.fix.applicability is Applicability.UNSAFE
    assert d.fix.title == "Set the mode with `COPY --chmod=755` and remove this `chmod` (needs BuildKit)"
    assert fixed(CODE, first) == ('FROM python:3.12-slim\nCOPY --chmod=755 start.sh /start.sh\n'
                                  'RUN apt-get update \\\n    && rm -rf /var/lib/apt/lists/*\n')
    last = ('FROM python:3.12-slim\nCOPY start.sh /start.sh\nRUN apt-get update \\\n'
            '    && rm -rf /var/lib/apt/lists/* \\\n    && chmod 755 /start.sh\n')
    assert fixed(CODE, last) == ('FROM python:3.12-slim\nCOPY --chmod=755 start.sh /start.sh\n'
                                 'RUN apt-get update \\\n    && rm -rf /var/lib/apt/lists/*\n')


def test_a_command_inside_an_if_or_a_pipe_is_not_removed():
    inside = ('FROM python:3.12-slim\nCOPY start.sh /start.sh\n'
              'RUN if [ -f /start.sh ]; then chmod 755 /start.sh && echo ok; fi && apt-get update\n')
    assert only_fix(inside).fix is None
    piped = ('FROM python:3.12-slim\nCOPY start.sh /start.sh\n'
             'RUN chmod -v 755 /start.sh | tee /chmod.log && apt-get update\n')
    assert only_fix(piped).fix is None
    # `|| true` in a RUN that does nothing else: the COPY cannot fail that way, the RUN goes
    tolerated = 'FROM python:3.12-slim\nCOPY start.sh /start.sh\nRUN chmod 755 /start.sh || true\n'
    assert fixed(CODE, tolerated, unsafe=False) == 'FROM python:3.12-slim\nCOPY --chmod=755 start.sh /start.sh\n'


def test_a_chown_after_other_work_in_the_same_run_keeps_its_place():
    # `mkdir` wrote into /app: the chown -R covers that too, and must stay
    text = ('FROM node:22\nCOPY . /app\nRUN mkdir -p /app/logs && chown -R node:node /app\n')
    assert only_fix(text).fix is None


def test_heredoc_runs_are_reported_without_a_fix():
    text = 'FROM alpine:3.20\nCOPY run.sh /run.sh\nRUN <<EOF\nchmod 755 /run.sh\nEOF\n'
    assert only_fix(text).fix is None


def test_crlf_and_a_last_line_without_newline_survive():
    text = 'FROM alpine:3.20\r\nCOPY run.sh /run.sh\r\nRUN chmod 755 /run.sh\r\nCMD ["/run.sh"]\r\n'
    assert fixed(CODE, text, unsafe=False) == 'FROM alpine:3.20\r\nCOPY --chmod=755 run.sh /run.sh\r\nCMD ["/run.sh"]\r\n'
    last = 'FROM alpine:3.20\nCOPY run.sh /run.sh\nRUN chmod 755 /run.sh'
    assert fixed(CODE, last, unsafe=False) == 'FROM alpine:3.20\nCOPY --chmod=755 run.sh /run.sh'


def test_two_runs_on_one_file_converge():
    text = ('FROM alpine:3.20\nCOPY run.sh /run.sh\nRUN chown 1000:1000 /run.sh\nRUN chmod 755 /run.sh\n')
    assert fixed(CODE, text, unsafe=False) == 'FROM alpine:3.20\nCOPY --chown=1000:1000 --chmod=755 run.sh /run.sh\n'


# --- with the build context -------------------------------------------------------------------

def _check_in(tmp_path, files, dockerfile):
    make_tree(tmp_path, {"Dockerfile": dockerfile, **files})
    view = load_context(tmp_path, tmp_path / "Dockerfile")
    return [d for d in check(dockerfile, str(tmp_path / "Dockerfile"), Config(select=[CODE]), context=view)
            if d.code == CODE]


def test_the_context_gives_the_size_stored_twice(tmp_path):
    found = _check_in(tmp_path, {"app/main.py": 3_000_000, "app/static/app.js": 1_500_000, "README.md": 10},
                      'FROM python:3.12-slim\nCOPY app /srv/app\nRUN chown -R 1000:1000 /srv/app\n')
    assert len(found) == 1
    assert "everything `COPY` put in `/srv/app` (4.5 MB)" in found[0].message
    assert "unless" not in found[0].message  # build-context files are root's: a change


def test_empty_files_give_no_size(tmp_path):
    found = _check_in(tmp_path, {"run.sh": ""}, 'FROM alpine:3.20\nCOPY run.sh /run.sh\nRUN chmod +x /run.sh\n')
    assert len(found) == 1 and " B)" not in found[0].message


def test_a_file_already_executable_in_the_context_is_not_stored_again(tmp_path):
    dockerfile = 'FROM alpine:3.20\nCOPY run.sh /run.sh\nRUN chmod +x /run.sh\n'
    make_tree(tmp_path, {"run.sh": "#!/bin/sh\n"})
    os.chmod(tmp_path / "run.sh", 0o755)
    assert _check_in(tmp_path, {}, dockerfile) == []
    os.chmod(tmp_path / "run.sh", 0o644)
    found = _check_in(tmp_path, {}, dockerfile)
    assert len(found) == 1 and "unless" not in found[0].message


def test_a_folder_in_the_context_is_not_taken_for_a_file(tmp_path):
    # `bin` is a folder: `chmod +x /opt/bin` changes only the folder's entry
    assert _check_in(tmp_path, {"bin/tool": 10}, 'FROM alpine:3.20\nCOPY bin /opt/bin\nRUN chmod 755 /opt/bin\n') == []
