"""Which build context a Dockerfile is built with: each source kind, from realistic repository shapes."""

import os

import pytest

from dockwise.buildcontext.infer import RepoBuilds, choose_context, evidence_context, find_repo_root
from dockwise.buildcontext.sources import build_commands, read_makefile, read_script
from dockwise.config import Config


def _tree(root, files):
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return root


def _choose(root, dockerfile, **kw):
    root = str(root)
    return choose_context(os.path.join(root, dockerfile), repo=RepoBuilds(root), root=root, **kw)


APP = "FROM python:3.12-slim\nCOPY app.py /app/\n"


# -- 1. the command line and the configuration -------------------------------------------------

def test_cli_context_wins_over_everything(tmp_path):
    _tree(tmp_path, {"docker/Dockerfile": APP, "docker/compose.yaml": "services:\n  a:\n    build: .\n"})
    c = _choose(tmp_path, "docker/Dockerfile", override=str(tmp_path))
    assert (c.directory, c.source, c.shown) == (str(tmp_path), "cli", ".")
    assert c.phrase() == "the build context `.` (set by --context)"


def test_missing_cli_context_is_undecided(tmp_path):
    _tree(tmp_path, {"Dockerfile": APP})
    c = _choose(tmp_path, "Dockerfile", override=str(tmp_path / "nope"))
    assert not c.decided and "does not exist" in c.reason


def test_configuration_context_table(tmp_path):
    _tree(tmp_path, {"docker/web.Dockerfile": APP, "pyproject.toml": ""})
    cfg = Config(context={"docker/*.Dockerfile": "."}, root=str(tmp_path), source=str(tmp_path / "pyproject.toml"))
    c = _choose(tmp_path, "docker/web.Dockerfile", config=cfg)
    assert (c.directory, c.source) == (str(tmp_path), "config")
    assert "`context` table of pyproject.toml" in c.phrase()


# -- 2. compose and bake -----------------------------------------------------------------------

def test_compose_long_form_relative_to_the_compose_file(tmp_path):
    _tree(tmp_path, {"deploy/docker-compose.yml": "services:\n  api:\n    build:\n      context: ..\n"
                                                    "      dockerfile: services/api/Dockerfile\n",
                     "services/api/Dockerfile": APP})
    c = _choose(tmp_path, "services/api/Dockerfile")
    assert (c.directory, c.source) == (str(tmp_path), "compose")
    assert c.where == "deploy/docker-compose.yml, service `api`"


def test_compose_short_form(tmp_path):
    _tree(tmp_path, {"compose.yaml": "services:\n  web:\n    build: ./web\n", "web/Dockerfile": APP})
    c = _choose(tmp_path, "web/Dockerfile")
    assert (c.shown, c.source) == ("web", "compose")


# getsentry/self-hosted: every service built from ./sentry passes SENTRY_IMAGE (its value from
# .env), through a YAML anchor shared by the services
SENTRY_COMPOSE = ("x-sentry-defaults: &sentry_defaults\n  image: sentry-self-hosted-local\n  build:\n"
                  "    context: ./sentry\n    args:\n      - SENTRY_IMAGE\n"
                  "services:\n  web:\n    <<: *sentry_defaults\n  worker:\n    <<: *sentry_defaults\n"
                  "  clickhouse:\n    build:\n      context: ./clickhouse\n      args:\n"
                  "        BASE_IMAGE: \"altinity/clickhouse-server:25.8.28.10001.altinitystable\"\n")
SENTRY = "ARG SENTRY_IMAGE\nFROM ${SENTRY_IMAGE}\nCOPY . /usr/src/sentry\n"


def test_build_args_every_compose_build_passes(tmp_path):
    _tree(tmp_path, {"docker-compose.yml": SENTRY_COMPOSE, ".env": "SENTRY_IMAGE=getsentry/sentry:nightly\n",
                     "sentry/Dockerfile": SENTRY, "clickhouse/Dockerfile": "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n"})
    assert _choose(tmp_path, "sentry/Dockerfile").build_args == {"SENTRY_IMAGE"}
    assert _choose(tmp_path, "clickhouse/Dockerfile").build_args == {"BASE_IMAGE"}


def test_build_args_need_a_value(tmp_path):
    # SeleniumHQ/docker-selenium tests: values from shell variables no `.env` sets may be empty
    _tree(tmp_path, {"tests/docker-compose.yml": "services:\n  emulator:\n    build:\n      args:\n"
                     "        ANDROID_BASED_NAME: ${ANDROID_BASED_NAME}\n        ANDROID_BASED_TAG: ${TAG:-latest}\n"
                     "        CHROME_DRIVER_URL: https://chromedriver.storage.googleapis.com/113.0/chromedriver.zip\n"
                     "        EMPTY: ''\n      dockerfile: ./Dockerfile.emulator\n",
                     "tests/Dockerfile.emulator": "ARG ANDROID_BASED_NAME\nFROM ${ANDROID_BASED_NAME}/emulator\n"})
    assert _choose(tmp_path, "tests/Dockerfile.emulator").build_args == {"ANDROID_BASED_TAG", "CHROME_DRIVER_URL"}
    _tree(tmp_path, {"tests/.env": "# pins\nANDROID_BASED_NAME='selenium'\n"})
    assert "ANDROID_BASED_NAME" in _choose(tmp_path, "tests/Dockerfile.emulator").build_args
    # a bare name without a `.env` entry: whatever the shell has, maybe nothing
    _tree(tmp_path, {"docker-compose.yml": SENTRY_COMPOSE, "sentry/Dockerfile": SENTRY})
    assert _choose(tmp_path, "sentry/Dockerfile").build_args == frozenset()


def test_build_args_need_every_build_of_the_file(tmp_path):
    # a workflow also builds it, with arguments dockwise does not read: nothing is known passed
    _tree(tmp_path, {"docker-compose.yml": SENTRY_COMPOSE, "sentry/Dockerfile": SENTRY, ".env": "SENTRY_IMAGE=s\n",
                     ".github/workflows/image.yml": "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n"
                     "    steps:\n      - run: docker build -f sentry/Dockerfile sentry\n"})
    assert _choose(tmp_path, "sentry/Dockerfile").build_args == frozenset()
    # a second service building it without the argument
    _tree(tmp_path, {"docker-compose.yml": SENTRY_COMPOSE + "  cron:\n    build: ./sentry\n"})
    os.remove(tmp_path / ".github/workflows/image.yml")
    assert _choose(tmp_path, "sentry/Dockerfile").build_args == frozenset()


def test_compose_with_variables_is_skipped(tmp_path):
    _tree(tmp_path, {"compose.yaml": "services:\n  web:\n    build:\n      context: ${APP_DIR}\n"
                                     "      dockerfile: docker/Dockerfile\n",
                     "docker/Dockerfile": APP, "docker/app.py": ""})
    assert _choose(tmp_path, "docker/Dockerfile").source == "folder"


def test_bake_hcl_target_with_inherited_context(tmp_path):
    _tree(tmp_path, {"docker-bake.hcl": 'variable "TAG" {\n  default = "latest"\n}\n'
                                        'target "_common" {\n  context = "."\n}\n'
                                        'target "api" {\n  inherits = ["_common"]\n'
                                        '  dockerfile = "build/api/Dockerfile"\n  tags = ["x:${TAG}"]\n}\n',
                     "build/api/Dockerfile": APP})
    c = _choose(tmp_path, "build/api/Dockerfile")
    assert (c.directory, c.source, c.where) == (str(tmp_path), "bake", "docker-bake.hcl, target `api`")


def test_bake_json_target(tmp_path):
    _tree(tmp_path, {"docker-bake.json": '{"target": {"web": {"context": "web", "dockerfile": "Dockerfile.prod"}}}',
                     "web/Dockerfile.prod": APP})
    c = _choose(tmp_path, "web/Dockerfile.prod")
    assert (c.shown, c.source) == ("web", "bake")


def test_bake_file_used_from_the_repository_top(tmp_path):
    # "Use this file from the top of the repo, with `-f ci/release-image/docker-bake.hcl`"
    _tree(tmp_path, {"ci/release-image/docker-bake.hcl": 'target "debian" {\n'
                                                         '  dockerfile = "ci/release-image/Dockerfile"\n}\n',
                     "ci/release-image/Dockerfile": APP})
    c = _choose(tmp_path, "ci/release-image/Dockerfile")
    assert (c.directory, c.source) == (str(tmp_path), "bake")


# -- 3. CI and build scripts -------------------------------------------------------------------

WORKFLOW = """name: docker
on: push
jobs:
  image:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Build and push
        uses: docker/build-push-action@v6
        with:
          context: .
          file: docker/Dockerfile
          push: true
"""


def test_build_push_action_context_and_file(tmp_path):
    _tree(tmp_path, {".github/workflows/docker.yml": WORKFLOW, "docker/Dockerfile": APP})
    c = _choose(tmp_path, "docker/Dockerfile")
    assert (c.directory, c.source) == (str(tmp_path), "ci")
    assert c.where == ".github/workflows/docker.yml, step `Build and push`"


def test_build_push_action_matrix_and_env_are_resolved(tmp_path):
    wf = """on: push
env:
  BASE: images
jobs:
  build:
    strategy:
      matrix:
        variant: [bookworm, alpine]
    steps:
      - uses: docker/build-push-action@v5
        with:
          context: ${{ env.BASE }}/${{ matrix.variant }}
      - uses: docker/build-push-action@v5
        with:
          context: ${{ steps.meta.outputs.dir }}
          file: other/Dockerfile
"""
    _tree(tmp_path, {".github/workflows/images.yaml": wf, "images/bookworm/Dockerfile": APP,
                     "images/alpine/Dockerfile": APP, "other/Dockerfile": APP, "other/app.py": ""})
    assert _choose(tmp_path, "images/alpine/Dockerfile").shown == "images/alpine"
    assert _choose(tmp_path, "images/bookworm/Dockerfile").source == "ci"
    assert _choose(tmp_path, "other/Dockerfile").source == "folder"  # the context is an output: skipped


def test_run_block_docker_build_with_working_directory(tmp_path):
    wf = """on: push
jobs:
  test:
    steps:
      - name: Build test image
        working-directory: backend
        run: |
          docker build \\
            --build-arg PY=3.12 \\
            -t backend-test \\
            -f docker/test.Dockerfile .
"""
    _tree(tmp_path, {".github/workflows/test.yml": wf, "backend/docker/test.Dockerfile": APP})
    c = _choose(tmp_path, "backend/docker/test.Dockerfile")
    assert (c.shown, c.source) == ("backend", "ci")


def test_gitlab_ci_script(tmp_path):
    gl = """variables:
  DOCKERFILE: build/Dockerfile
build:
  stage: build
  script:
    - docker build -f $DOCKERFILE -t $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA $CI_PROJECT_DIR
"""
    _tree(tmp_path, {".gitlab-ci.yml": gl, "build/Dockerfile": APP})
    c = _choose(tmp_path, "build/Dockerfile")
    assert (c.directory, c.source, c.where) == (str(tmp_path), "ci", ".gitlab-ci.yml, job `build`")


def test_makefile_recipe_runs_in_its_folder_with_make_variables(tmp_path):
    mk = ("IMAGE ?= acme/api\nDOCKERFILE := docker/api.Dockerfile\n\n.PHONY: image\nimage:\n"
          "\t@docker buildx build --load -t $(IMAGE) -f $(DOCKERFILE) .\n"
          "webui:\n\tcd ./webui && docker build -t ui .\n")
    _tree(tmp_path, {"Makefile": mk, "docker/api.Dockerfile": APP, "webui/Dockerfile": APP})
    c = _choose(tmp_path, "docker/api.Dockerfile")
    assert (c.directory, c.source, c.where) == (str(tmp_path), "script", "Makefile line 6")
    assert _choose(tmp_path, "webui/Dockerfile").shown == "webui"


def test_shell_script_run_from_the_repository_root(tmp_path):
    sh = "#!/bin/sh\nset -eu\nVERSION=1.0\ndocker buildx build \\\n    --platform=linux/amd64 \\\n" \
         "    -f docker/Dockerfile \\\n    -t acme:$VERSION \\\n    .\n"
    _tree(tmp_path, {"scripts/build_docker.sh": sh, "docker/Dockerfile": APP})
    c = _choose(tmp_path, "docker/Dockerfile")
    assert (c.directory, c.source, c.where) == (str(tmp_path), "script", "scripts/build_docker.sh line 4")


def test_shell_script_that_cds_to_its_parent(tmp_path):
    sh = '#!/bin/bash\ncd "$(dirname "$0")/.."\ndocker build -f deploy/Dockerfile .\n'
    _tree(tmp_path, {"hack/image.sh": sh, "deploy/Dockerfile": APP})
    assert _choose(tmp_path, "deploy/Dockerfile").directory == str(tmp_path)


def test_package_json_script(tmp_path):
    pkg = '{"name": "kuma", "scripts": {"build": "vite build",\n' \
          '  "build-docker": "docker buildx build -f docker/dockerfile -t kuma:nightly --target nightly . --push"}}'
    _tree(tmp_path, {"package.json": pkg, "docker/dockerfile": APP})
    c = _choose(tmp_path, "docker/dockerfile")
    assert (c.directory, c.source, c.where) == (str(tmp_path), "script", "package.json, script `build-docker`")


def test_variable_in_the_dockerfile_path_names_files_of_that_shape(tmp_path):
    sh = 'gen() {\n  docker build -f "src/$1/genproto/Dockerfile" -t "$1-genproto" .\n}\n'
    _tree(tmp_path, {"docker-gen-proto.sh": sh, "src/cart/genproto/Dockerfile": APP,
                     "src/cart/Dockerfile": APP, "src/cart/app.py": ""})
    assert _choose(tmp_path, "src/cart/genproto/Dockerfile").source == "script"
    assert _choose(tmp_path, "src/cart/Dockerfile").source == "folder"


def test_command_lines_parse_like_the_docker_cli():
    cmds = build_commands("DOCKER_BUILDKIT=1 docker build --tag x:1 --build-arg A=b --file=ops/Dockerfile ctx "
                          "&& docker push x:1\nsudo podman build -t y . \n"
                          "docker buildx bake\ndocker build - < Dockerfile\necho docker build is great", "/r", {})
    assert [(c.context, c.file) for c in cmds] == [("ctx", "ops/Dockerfile"), (".", None), ("-", None)]


def test_makefile_and_script_readers_skip_unresolved_contexts(tmp_path):
    mk = "image:\n\tdocker build -t x -f Dockerfile $(shell git rev-parse --show-toplevel)\n"
    assert read_makefile(str(tmp_path / "Makefile"), mk) == []
    sh = "docker build -f Dockerfile \"$CONTEXT_DIR\"\n"
    assert read_script(str(tmp_path / "build.sh"), sh, str(tmp_path)) == []


# -- 4. evidence in the Dockerfile -------------------------------------------------------------

def test_evidence_names_the_ancestor_holding_the_sources(tmp_path):
    _tree(tmp_path, {"docker/Dockerfile": "FROM node:22\nCOPY package.json ./\nCOPY docker/start.sh /start.sh\n",
                     "docker/start.sh": "", "package.json": "{}"})
    c = _choose(tmp_path, "docker/Dockerfile")
    assert (c.directory, c.source) == (str(tmp_path), "evidence")
    assert c.phrase() == "the build context `.` (where the Dockerfile's COPY sources are)"


def test_one_bare_name_higher_up_is_not_evidence(tmp_path):
    # `package.json` exists at the root, but the service's own files are beside its Dockerfile
    _tree(tmp_path, {"services/web/Dockerfile": "FROM node:22\nCOPY package.json ./\nCOPY server.js ./\n",
                     "services/web/server.js": "", "package.json": "{}"})
    assert _choose(tmp_path, "services/web/Dockerfile").source == "folder"


def test_sources_present_in_the_own_folder_give_no_evidence(tmp_path):
    _tree(tmp_path, {"8.3/Dockerfile": "FROM php\nCOPY docker-php-entrypoint /usr/local/bin/\n",
                     "8.3/docker-php-entrypoint": "", "docker-php-entrypoint": ""})
    assert evidence_context(str(tmp_path / "8.3/Dockerfile"), (tmp_path / "8.3/Dockerfile").read_text(),
                            str(tmp_path)) is None


# -- contradictions ----------------------------------------------------------------------------

def _two_workflows(tmp_path, dockerfile_text):
    wf = "on: push\njobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n" \
         "          context: {ctx}\n          file: docker/Dockerfile\n"
    _tree(tmp_path, {".github/workflows/a.yml": wf.format(ctx="."), ".github/workflows/b.yml": wf.format(ctx="docker"),
                     "docker/Dockerfile": dockerfile_text, "docker/app.py": ""})


def test_contradicting_workflows_are_undecided(tmp_path):
    _two_workflows(tmp_path, "FROM python\nCOPY . /app\n")
    c = _choose(tmp_path, "docker/Dockerfile")
    assert not c.decided and c.source == "undecided"
    assert "different contexts" in c.reason and len(c.candidates) == 2
    assert "`.` (.github/workflows/a.yml line 5)" in c.candidates


def test_the_dockerfiles_evidence_settles_a_contradiction(tmp_path):
    _two_workflows(tmp_path, "FROM python\nCOPY docker/app.py /app/\n")
    c = _choose(tmp_path, "docker/Dockerfile")
    assert (c.directory, c.where) == (str(tmp_path), ".github/workflows/a.yml line 5")


def test_a_missing_context_folder_is_undecided(tmp_path):
    wf = "on: push\njobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n" \
         "          context: dist\n          file: docker/Dockerfile\n"
    _tree(tmp_path, {".github/workflows/release.yml": wf, "docker/Dockerfile": APP})
    c = _choose(tmp_path, "docker/Dockerfile")
    assert not c.decided and "`dist`" in c.reason and "does not exist" in c.reason


def test_compose_comes_before_ci(tmp_path):
    _tree(tmp_path, {"compose.yaml": "services:\n  a:\n    build:\n      context: docker\n",
                     ".github/workflows/w.yml": WORKFLOW, "docker/Dockerfile": APP})
    assert _choose(tmp_path, "docker/Dockerfile").source == "compose"


# -- the repository and the scan -----------------------------------------------------------------

def test_repository_root_is_the_git_folder_else_the_outermost_tree(tmp_path):
    _tree(tmp_path, {"outer/repo/.git/HEAD": "", "outer/repo/a/b/Dockerfile": APP, "plain/x/Dockerfile": APP})
    assert find_repo_root(str(tmp_path / "outer/repo/a/b"), [str(tmp_path / "outer")]) == str(tmp_path / "outer/repo")
    assert find_repo_root(str(tmp_path / "plain/x"), [str(tmp_path / "plain"), str(tmp_path)]) == str(tmp_path)
    assert find_repo_root(str(tmp_path / "plain/x")) == str(tmp_path / "plain/x")


def test_scan_skips_dependencies_and_reads_only_build_files(tmp_path):
    _tree(tmp_path, {"node_modules/pkg/build.sh": "docker build -f ../../Dockerfile ../..\n",
                     "scripts/lint.sh": "echo lint\n", "scripts/image.sh": "docker build -t x ..\n",
                     "README.md": "docker build .\n", "Dockerfile": APP})
    repo = RepoBuilds(str(tmp_path))
    assert repo.files_read == 1  # scripts/image.sh; lint.sh names no build, README.md is no build file
    assert [b.origin for b in repo.builds] == [str(tmp_path / "scripts/image.sh")]


def test_stale_after_a_build_file_changes(tmp_path):
    _tree(tmp_path, {"compose.yaml": "services:\n  a:\n    build: .\n", "Dockerfile": APP})
    repo = RepoBuilds(str(tmp_path))
    assert not repo.stale()
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    build: ./other\n")
    os.utime(tmp_path / "compose.yaml", ns=(1, 1))
    assert repo.stale()


@pytest.mark.parametrize("name", ["docker-compose.yml", "compose.yaml", "docker-compose.prod.yaml",
                                  "compose.override.yml"])
def test_compose_file_names(tmp_path, name):
    _tree(tmp_path, {name: "services:\n  a:\n    build: ./app\n", "app/Dockerfile": APP})
    assert _choose(tmp_path, "app/Dockerfile").source == "compose"


def test_devcontainer_json_with_comments(tmp_path):
    dc = ('{\n  // see https://aka.ms/devcontainer.json\n  "name": "Python 3",\n  "build": {\n'
          '    "dockerfile": "Dockerfile",\n    /* the repository, so COPY can reach requirements.txt */\n'
          '    "context": "..",\n  },\n  "forwardPorts": [8000],\n}\n')
    _tree(tmp_path, {".devcontainer/devcontainer.json": dc, ".devcontainer/Dockerfile": APP})
    c = _choose(tmp_path, ".devcontainer/Dockerfile")
    assert (c.directory, c.source, c.where) == (str(tmp_path), "compose", ".devcontainer/devcontainer.json line 5")


def test_devcontainer_json_older_keys(tmp_path):
    dc = '{"name": "Go", "dockerFile": "base.Dockerfile", "context": "."}'
    _tree(tmp_path, {"containers/go/.devcontainer/devcontainer.json": dc,
                     "containers/go/.devcontainer/base.Dockerfile": APP})
    assert _choose(tmp_path, "containers/go/.devcontainer/base.Dockerfile").shown == "containers/go/.devcontainer"


def test_the_container_cli_in_a_variable(tmp_path):
    sh = ('container_engine="$(command -v podman || command -v docker)"\n'
          '"$container_engine" build $params_build \\\n    --tag=localhost/searxng:builder \\\n'
          '    --file="./container/builder.dockerfile" \\\n    .\n')
    _tree(tmp_path, {"utils/lib_container.sh": sh, "container/builder.dockerfile": APP})
    c = _choose(tmp_path, "container/builder.dockerfile")
    assert (c.directory, c.source) == (str(tmp_path), "script")
    # an image name in a variable is not a builder
    assert build_commands("$DOCKER_IMAGE build .\n", "/r", {}) == []


def test_a_dockerfile_among_test_inputs_has_no_context_unless_a_build_names_it(tmp_path):
    """BuildKit's parser test files: inputs to a parser test, never built from their folder."""
    from dockwise.buildcontext.infer import RepoBuilds, choose_context
    (tmp_path / ".git").mkdir()
    case = tmp_path / "frontend" / "dockerfile" / "parser" / "testfiles" / "escapes"
    case.mkdir(parents=True)
    (case / "Dockerfile").write_text("FROM ubuntu\nCOPY . /app\n")
    choice = choose_context(str(case / "Dockerfile"), repo=RepoBuilds(str(tmp_path)), root=str(tmp_path))
    assert not choice.decided and "test input" in choice.reason
    (tmp_path / "docker-compose.yml").write_text(
        "services:\n  t:\n    build:\n      context: frontend/dockerfile/parser/testfiles/escapes\n")
    choice = choose_context(str(case / "Dockerfile"), repo=RepoBuilds(str(tmp_path)), root=str(tmp_path))
    assert choice.decided and choice.source == "compose"


CYPRESS_TEST_SH = """\
#!/bin/bash
set -e # fail on error
#
# Run ./scripts/test.sh in examples/basic directory
#
echo Test basic example
npm ci # Install dependencies
echo Build and test with cypress/browsers in Chrome
docker build -f Dockerfile.browsers -t test-browsers . # Build a new image
docker run --rm --entrypoint bash test-browsers -c "npx cypress run -b chrome"
"""


def test_a_script_in_scripts_runs_from_its_project_folder_and_fills_the_context(tmp_path):
    """cypress-docker-images' examples: `scripts/test.sh` is run from the example folder; it runs
    `npm ci` there, then builds with that folder as the context."""
    from dockwise.buildcontext.infer import RepoBuilds, choose_context
    (tmp_path / ".git").mkdir()
    example = tmp_path / "examples" / "basic"
    (example / "scripts").mkdir(parents=True)
    (example / "scripts" / "test.sh").write_text(CYPRESS_TEST_SH)
    (example / "Dockerfile.browsers").write_text("FROM cypress/browsers\nCOPY . /opt/app\nWORKDIR /opt/app\n")
    (example / "package.json").write_text("{}\n")
    choice = choose_context(str(example / "Dockerfile.browsers"), repo=RepoBuilds(str(tmp_path)), root=str(tmp_path))
    assert (choice.directory, choice.source, choice.prepared) == (str(example), "script", "npm ci")
    assert choice.where == "examples/basic/scripts/test.sh line 9"
    # an install elsewhere (`cd ../web && npm ci`), or one a `cd` leaves behind, fills another folder
    for moved in ("cd ../web && npm ci #", "npm ci\ncd .. #"):
        (example / "scripts" / "test.sh").write_text(CYPRESS_TEST_SH.replace("npm ci #", moved))
        choice = choose_context(str(example / "Dockerfile.browsers"), repo=RepoBuilds(str(tmp_path)),
                                root=str(tmp_path))
        assert choice.prepared == ""


# -- builds that keep their image on the machine (Build.local) ---------------------------------

def test_script_build_run_only_with_rm_and_never_pushed_is_local(tmp_path):
    # opentelemetry-demo docker-gen-proto.sh
    (tmp_path / "src/frontend/genproto").mkdir(parents=True)
    (tmp_path / "src/frontend/genproto/Dockerfile").write_text("FROM node:20\n")
    sh = ('gen_proto_ts() {\n  docker build -f "src/$1/genproto/Dockerfile" -t "$1-genproto" .\n'
          '  docker run --rm -e SERVICE=$1 -v $(pwd):/build "$1-genproto" /bin/sh -c \'protoc\'\n}\n')
    assert [b.local for b in read_script(str(tmp_path / "gen.sh"), sh, str(tmp_path))] == [True]
    pushed = sh + 'docker image push "frontend-genproto"\n'
    assert [b.local for b in read_script(str(tmp_path / "gen.sh"), pushed, str(tmp_path))] == [False]
    never_run = sh.replace("docker run --rm", "echo")
    assert [b.local for b in read_script(str(tmp_path / "gen.sh"), never_run, str(tmp_path))] == [False]
    buildx_push = sh.replace("docker build", "docker buildx build --push")
    assert [b.local for b in read_script(str(tmp_path / "gen.sh"), buildx_push, str(tmp_path))] == [False]


def test_makefile_build_compares_the_tag_as_written(tmp_path):
    # traefik docs/Makefile: the tag is a make variable the Makefile does not assign a literal
    mk = ("TRAEFIK_DOCS_CHECK_IMAGE ?= $(TRAEFIK_DOCS_BUILD_IMAGE)-check\n\ndocs-lint:\n"
          "\tdocker build -t $(TRAEFIK_DOCS_CHECK_IMAGE) -f check.Dockerfile ./\n"
          "\tdocker run --rm -v $(CURDIR):/app $(TRAEFIK_DOCS_CHECK_IMAGE) /lint.sh\n"
          "docs-serve:\n\tdocker build -t $(DOCS_IMAGE) -f docs.Dockerfile ./\n"
          "\tdocker run $(DOCKER_RUN_DOC_OPTS) $(DOCS_IMAGE) mkdocs serve\n")
    built = {os.path.basename(b.dockerfile): b.local for b in read_makefile(str(tmp_path / "Makefile"), mk)}
    # the docs image runs with options a variable holds: whether they hold --rm is unknown
    assert built == {"check.Dockerfile": True, "docs.Dockerfile": False}


def test_compose_service_running_tests_is_local(tmp_path):
    from dockwise.buildcontext.sources import read_compose
    compose = ("services:\n  args-defined:\n    build:\n      dockerfile: argsDefined.Dockerfile\n      context: .\n"
               "    command: npm run test\n"
               "  e2e:\n    build: .\n"
               "  web:\n    build: .\n    command: npm start\n"
               "  test-release:\n    build:\n      context: .\n      tags: [\"acme/web:ci\"]\n    command: npm test\n"
               "  unit:\n    image: acme/unit\n    build: .\n    command: [\"npx\", \"jest\"]\n")
    got = {b.label: b.local for b in read_compose(str(tmp_path / "docker-compose.yml"), compose)}
    assert got == {"service `args-defined`": True, "service `e2e`": True, "service `web`": False,
                   "service `test-release`": False, "service `unit`": False}


def test_context_choice_is_local_only_when_every_build_is(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text("FROM node:22\n")
    (tmp_path / "docker-compose.yml").write_text("services:\n  test:\n    build: .\n    command: npm test\n")
    root = str(tmp_path)
    choice = choose_context(str(tmp_path / "Dockerfile"), repo=RepoBuilds(root), root=root)
    assert choice.local_only
    (tmp_path / "docker-compose.yml").write_text("services:\n  test:\n    build: .\n    command: npm test\n"
                                                 "  web:\n    build: .\n")
    assert not choose_context(str(tmp_path / "Dockerfile"), repo=RepoBuilds(root), root=root).local_only
