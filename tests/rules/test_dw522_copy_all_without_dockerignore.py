import pytest

from rules.context_trees import lint_dockerfile

CATCHES = [
    ("COPY . .\n", {".git/HEAD": "x", "node_modules/a/i.js": "x"}),
    # a pip project once a local virtual environment or bytecode has appeared in it
    ("ADD . /app\n", {"app.py": "x", "requirements.txt": "flask\n", ".venv/pyvenv.cfg": "home = /usr/bin\n"}),
    ("COPY . /app\n", {"app.py": "x", "requirements.txt": "flask\n", "__pycache__/app.cpython-312.pyc": "x"}),
    # uv makes `.venv` beside pyproject.toml
    ("COPY . /app\n", {"app.py": "x", "pyproject.toml": "[project]\nname = 'app'\n", "uv.lock": "version = 1\n"}),
    ("COPY ./ /app/\n", {"main.go": "x", "go.mod": "module m\n"}),
    # a manifest deeper down: a project whose tools write into the context
    ("COPY . /src\n", {"web/package.json": '{"dependencies": {"express": "^4.19.2"}}', "web/index.js": "x"}),
    ("COPY . /src\n", {"package.json": '{"name": "site", "workspaces": ["packages/*"]}', "index.js": "x"}),
    # a package.json dockwise cannot read: counted, to be safe
    ("COPY . /src\n", {"package.json": '{"name": "site",', "index.js": "x"}),
    # no manifest, but a secret lies in the context
    ("COPY . .\n", {"run.sh": "x", ".env": "API_KEY=4f1c9e2b7d\n"}),
]
PASSES = [
    ("COPY . .\n", {".dockerignore": ".git\n", ".git/HEAD": "x"}),
    ("COPY . .\n", {".containerignore": ".git\n"}),
    ("COPY src/ /app\n", {"src/a.py": "x"}),
    ("COPY --from=build . .\n", {}),
    # example-voting-app's seed-data: a Python script and a shell script, nothing to keep out
    ("COPY . .\n", {"make-data.py": "x", "generate-votes.sh": "x"}),
    # cypress-docker-images' examples/basic-mini: a package.json with no dependencies, so no
    # node_modules ever appears next to it
    ("COPY . /opt/app\n", {"package.json": '{\n  "name": "example-basic-mini",\n  "version": "1.0.0",\n'
                                            '  "description": "Basic E2E Cypress test example - no Cypress module",\n'
                                            '  "private": true\n}\n',
                            "package-lock.json": "{}", "cypress.config.js": "x", "cypress/e2e/spec.cy.js": "x",
                            "index.html": "x"}),
    # awesome-compose's flask/app and microservices-demo's emailservice: hand-written files
    # and a requirements.txt; pip installs into the interpreter, nothing appears beside it
    ("COPY . /app\n", {"app.py": "x", "requirements.txt": "flask\n"}),
    ("COPY . .\n", {"email_server.py": "x", "logger.py": "x", "requirements.in": "x", "requirements.txt": "grpcio\n",
                    "templates/confirmation.html": "x", "genproto.sh": "x"}),
    ("COPY . /code\n", {"manage.py": "x", "requirements.txt": "Django\n", "Gemfile": "x", "Pipfile": "x"}),
    # getsentry's sentry/: example configuration files the image is meant to take
    ("COPY . /usr/src/sentry\n", {"config.example.yml": "x", "enhance-image.example.sh": "x",
                                   "requirements.example.txt": "x", "sentry.conf.example.py": "x"}),
]


@pytest.mark.parametrize("copy,files", CATCHES)
def test_catches(tmp_path, copy, files):
    assert lint_dockerfile("DW522", tmp_path, {"Dockerfile": "FROM a\n" + copy, **files})


@pytest.mark.parametrize("copy,files", PASSES)
def test_passes(tmp_path, copy, files):
    assert not lint_dockerfile("DW522", tmp_path, {"Dockerfile": "FROM a\n" + copy, **files})


def test_fix_creates_dockerignore_from_what_the_context_holds(tmp_path):
    (d,) = lint_dockerfile("DW522", tmp_path, {
        "Dockerfile": "FROM a\nCOPY . .\nCOPY dist/ /srv/\n", ".git/HEAD": "x", "web/node_modules/a": "x",
        "dist/app.js": "x", ".env": "STRIPE_SECRET_KEY=sk_test_1\n", "pkg/__pycache__/m.pyc": "x", "src/main.py": "x"})
    (fe,) = d.fix.other_files
    assert fe.create and fe.path == str(tmp_path / ".dockerignore")
    text = fe.edits[0].text
    assert text.splitlines() == [".env", ".git", "**/__pycache__", "**/node_modules"]
    assert "dist" not in text  # COPY dist/ needs it
    assert d.fix.applicability.value == "unsafe" and not d.fix.edits


def test_no_fix_when_context_is_clean(tmp_path):
    (d,) = lint_dockerfile("DW522", tmp_path, {"Dockerfile": "FROM a\nCOPY . .\n", "main.go": "x",
                                                 "go.mod": "module m\n"})
    assert d.fix is None


def test_fix_keeps_what_the_build_uses_and_public_certificates(tmp_path):
    # a C++ service: `build/` holds the CMake cache the RUN enters, `certs/` the CA bundle the
    # client loads; `.git` and the bytecode caches may go, and so may the private key
    cert = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTAN\n-----END CERTIFICATE-----\n"
    key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49\n" \
          "-----END EC PRIVATE KEY-----\n"
    (d,) = lint_dockerfile("DW522", tmp_path, {
        "Dockerfile": "FROM gcc:14\nCOPY . /src\nRUN cd /src/build && cmake .. && make\n",
        "build/CMakeCache.txt": "x", "certs/ca.pem": cert, "deploy/client.key": key, ".git/HEAD": "x",
        "tools/__pycache__/gen.cpython-312.pyc": "x", "src/main.cpp": "x"})
    lines = d.fix.other_files[0].edits[0].text.splitlines()
    assert sorted(lines) == ["**/*.key", "**/__pycache__", ".git"]  # no `build`, no `*.pem`


def test_a_builder_stage_copy_ends_in_no_image(tmp_path):
    """nginx's modules image: `COPY ./ /modules/` in the builder, the final stage only mounts
    the packages it built."""
    dockerfile = ("FROM nginx:1.27 AS builder\nCOPY ./ /modules/\nRUN make -C /modules\n"
                  "FROM nginx:1.27\nRUN --mount=type=bind,target=/tmp/packages/,source=/tmp/packages/,from=builder \\\n"
                  "    apt-get install -y /tmp/packages/*.deb\n")
    assert not lint_dockerfile("DW522", tmp_path, {"Dockerfile": dockerfile, "geoip/config": "x", "geoip/Makefile": "x"})
    shipped = dockerfile.replace("FROM nginx:1.27\nRUN --mount", "FROM builder\nRUN --mount")
    assert lint_dockerfile("DW522", tmp_path, {"Dockerfile": shipped, "geoip/config": "x", "geoip/Makefile": "x"})


def test_a_context_the_build_script_fills_first_is_meant_to_be_copied(tmp_path):
    """cypress-docker-images' examples: `scripts/test.sh` runs `npm ci` and then `docker build .`
    so that `COPY .` takes `node_modules` in for `npx cypress install`."""
    import json
    import subprocess
    import sys
    from rules.context_trees import make_tree
    test_sh = ("#!/bin/bash\nset -e\n# Run ./scripts/test.sh in examples/chromium directory\n"
               "npm ci # Install dependencies\ndocker build -t test-chromium . # Build a new image\n")
    make_tree(tmp_path, {".git/HEAD": "ref: refs/heads/master\n",
                         "examples/chromium/Dockerfile": "FROM cypress/base\nCOPY . /opt/app\nWORKDIR /opt/app\n"
                                                         "RUN npx cypress install\n",
                         "examples/chromium/package.json": '{"devDependencies": {"cypress": "15.0.0"}}\n',
                         "examples/chromium/cypress.config.js": "x",
                         # built by hand with `-f Dockerfile.factory` from the same prepared folder
                         "examples/chromium/Dockerfile.factory": "FROM cypress/factory\nCOPY . /opt/app\n"
                                                                 "WORKDIR /opt/app\nRUN npx cypress install\n",
                         "examples/chromium/scripts/test.sh": test_sh})

    def lines():
        done = subprocess.run([sys.executable, "-m", "dockwise", "check", "--format", "json", "--exit-zero",
                               "--select", "DW522", str(tmp_path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return sorted((f["path"].rsplit("/", 1)[-1], f["line"]) for f in json.loads(done.stdout))

    assert lines() == []
    # without the install before the build, the copy of everything is reported
    (tmp_path / "examples/chromium/scripts/test.sh").write_text(test_sh.replace("npm ci # Install dependencies\n", ""))
    assert lines() == [("Dockerfile", 2), ("Dockerfile.factory", 2)]
