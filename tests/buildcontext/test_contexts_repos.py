"""The build context inferred over the real repository trees of ../shared/contexts/.

The known answers were checked by reading each repository's files (quoted beside each case)."""

import os
from collections import Counter
from pathlib import Path

import pytest

from dockwise.buildcontext.infer import RepoBuilds
from dockwise.files import discover, is_dockerfile_name
from dockwise.project import ProjectView
from shared_data import SHARED

CONTEXTS = SHARED / "contexts"


def _repos() -> list[Path]:
    if not CONTEXTS.is_dir():
        raise RuntimeError(f"the shared contexts are missing: expected them at {CONTEXTS}")
    return sorted(p for p in CONTEXTS.iterdir() if p.is_dir())


def _choice(repo: str, dockerfile: str):
    root = CONTEXTS / repo
    return ProjectView(stable=True, trees=[root]).context_choice(str(root / dockerfile), None)


KNOWN = [
    # .github/workflows/release.yml: build-push-action `context: ${{matrix.target}}` (amd64, arm64: folders
    # the job downloads as artifacts), `file: docker/Dockerfile`: not in the checkout, so undecided
    ("hadolint__hadolint", "docker/Dockerfile", "undecided", None, "release.yml"),
    # package.json: "docker buildx build -f docker/dockerfile … --target nightly ."
    ("louislam__uptime-kuma", "docker/dockerfile", "script", ".", "package.json, script `build-docker-nightly-local`"),
    # component-build-images.yml matrix include: file ./src/frontend/Dockerfile, context ./
    ("open-telemetry__opentelemetry-demo", "src/frontend/Dockerfile", "ci", ".", "component-build-images.yml"),
    # ci.yml: `docker build -t rust:… stable/${{ matrix.variant }}`, variant: bookworm/slim among others
    ("rust-lang__docker-rust", "stable/bookworm/slim/Dockerfile", "ci", "stable/bookworm/slim", "ci.yml line"),
    # Makefile: `docker buildx build --load -t portainerci/portainer-ce:$(TAG) -f build/linux/Dockerfile .`
    ("portainer__portainer", "build/linux/Dockerfile", "script", ".", "Makefile line 33"),
    # ci/release-image/docker-bake.hcl, "used from the top of the repo": dockerfile = "ci/release-image/Dockerfile"
    ("coder__code-server", "ci/release-image/Dockerfile", "bake", ".", "docker-bake.hcl, target"),
    # Makefile: `docker build -t traefik-webui -f webui/buildx.Dockerfile webui`
    ("traefik__traefik", "webui/buildx.Dockerfile", "script", "webui", "Makefile line 33"),
    # compose.yml and compose.override.yml: context: ., dockerfile: backend/Dockerfile
    ("fastapi__full-stack-fastapi-template", "backend/Dockerfile", "compose", ".", "service `backend`"),
    # docker-compose.devcontainer.sqlite-tika.yml: context: ../, dockerfile: ./.devcontainer/Dockerfile
    ("paperless-ngx__paperless-ngx", ".devcontainer/Dockerfile", "compose", ".", "service `paperless-development`"),
    # docker-bake.hcl target "erpnext": context = ".", dockerfile = "images/production/Containerfile"
    ("frappe__frappe_docker", "images/production/Containerfile", "bake", ".", "target `erpnext`"),
    # build.sh: DOCKER_BUILD_CMD=(docker buildx build src/. --tag "${TAG}" --load)
    ("pi-hole__docker-pi-hole", "src/Dockerfile", "script", "src", "build.sh line"),
    # COPY requirements-dev.txt and docs/requirements.txt exist only at the repository root
    ("jupyter__docker-stacks", ".devcontainer/Dockerfile", "evidence", ".", ""),
    # COPY .devcontainer/library-scripts/*.sh: relative to the container definition's folder
    ("microsoft__vscode-dev-containers", "containers/python-3/.devcontainer/base.Dockerfile", "evidence",
     "containers/python-3", ""),
    # Makefile: `cd ./Hub && docker buildx build --platform $(PLATFORMS) $(BUILD_ARGS) … -t $(NAME)/hub:… .`
    ("SeleniumHQ__docker-selenium", "Hub/Dockerfile", "script", "Hub", "Makefile line 128"),
    # test.sh: `docker buildx build … -f test.Dockerfile out`, `out/` being made by the script: undecided
    ("microsoft__vscode-dev-containers", "script-library/container-features/test.Dockerfile", "undecided", None,
     "`script-library/container-features/out`"),
    # the docker-library layout: COPY docker-entrypoint.sh beside the Dockerfile, nothing names another context
    ("docker-library__postgres", "17/bookworm/Dockerfile", "folder", "17/bookworm", ""),
]


@pytest.mark.parametrize("repo,dockerfile,source,shown,where", KNOWN, ids=[f"{k[0]}:{k[1]}" for k in KNOWN])
def test_known_contexts(repo, dockerfile, source, shown, where):
    c = _choice(repo, dockerfile)
    assert c.source == source, (c, c.reason)
    if shown is None:
        assert not c.decided and where in c.reason
    else:
        assert c.shown == shown and where in c.where


def test_every_repository_infers_without_error_and_every_context_exists():
    sources = Counter()
    for root in _repos():
        project = ProjectView(stable=True, trees=[root])
        for path in discover(root):
            if not is_dockerfile_name(path.name):
                continue
            c = project.context_choice(str(path), None)
            sources[c.source] += 1
            assert c.repo_root == str(root)  # no .git in these trees: the tree handed in, never above it
            if c.decided:
                assert os.path.isdir(c.directory), c
                assert c.directory == str(root) or c.directory.startswith(str(root) + os.sep), c
                if c.source in ("compose", "bake", "ci", "script"):
                    named_by = c.where.split(",")[0].split(" line ")[0]
                    assert (root / named_by).is_file(), c
            else:
                assert c.reason and c.candidates, c
    # most Dockerfiles here are docker-library style (built from their folder); a good share is
    # built from elsewhere, and very few are left undecided
    assert sources["folder"] > 500
    assert sum(sources[k] for k in ("compose", "bake", "ci", "script", "evidence")) > 200
    assert sources["undecided"] <= 5


def test_the_scan_reads_few_files():
    """Only build files are parsed (scripts only when they mention a builder): a small share of
    any large tree."""
    for root in _repos():
        repo = RepoBuilds(str(root))
        files = sum(len(names) for _, _, names in os.walk(root))
        assert repo.files_read <= 200 and (files < 1000 or repo.files_read * 5 <= files), \
            (root.name, repo.files_read, files)


def test_messages_name_the_inferred_context():
    from dockwise.config import Config
    from dockwise.engine.check import check
    # bazel/Dockerfile copies `bazel` and `common` (`COPY --parents bazel common …`): only the
    # repository root holds both, so that is the context, and the message says why
    root = CONTEXTS / "dependabot__dependabot-core"
    df = root / "bazel/Dockerfile"
    cfg = Config(select=["DW523"])
    extra = ProjectView(stable=True, trees=[root]).for_file(str(df), df.read_text(), cfg)
    found = check(df.read_text(), str(df), cfg, **extra)
    assert found and all("the build context `.` (where the Dockerfile's COPY sources are)" in d.message
                         for d in found)


def test_undecided_context_keeps_context_rules_silent():
    from dockwise.config import Config
    root = CONTEXTS / "hadolint__hadolint"
    df = root / "docker/Dockerfile"
    assert ProjectView(stable=True, trees=[root]).for_file(str(df), df.read_text(), Config(select=["DW520"])) == {}
