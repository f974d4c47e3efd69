import pytest

from rules.context_trees import lint_dockerfile

CATCHES = [
    ("COPY . .\n", "*.md\n", {".git/HEAD": "x" * 100}),
    ("COPY . .\n", "", {"web/node_modules/a/i.js": "x"}),
    ("COPY app/ /app\n", "", {"app/__pycache__/m.pyc": "x"}),
    ("COPY . .\n", "", {"dist/app.js": "x"}),
    ("COPY . .\n", "", {"server.log": "x"}),
]
PASSES = [
    ("COPY . .\n", ".git\n", {".git/HEAD": "x"}),
    ("COPY src/ /app\n", "", {".git/HEAD": "x", "src/a": "x"}),
    ("COPY . .\n", "**/node_modules\n", {"web/node_modules/a": "x"}),
    ("COPY dist/ /srv\n", "", {"dist/app.js": "x"}),         # named explicitly
    ("COPY src/build/ /b\n", "", {"src/build/x": "x"}),       # `build` only counts at the root
]


def _files(copy, ignore, files):
    return {"Dockerfile": "FROM a\n" + copy, ".dockerignore": ignore, **files}


@pytest.mark.parametrize("copy,ignore,files", CATCHES)
def test_catches(tmp_path, copy, ignore, files):
    found = lint_dockerfile("DW524", tmp_path, _files(copy, ignore, files))
    assert found and "in this build context" in found[0].message


@pytest.mark.parametrize("copy,ignore,files", PASSES)
def test_passes(tmp_path, copy, ignore, files):
    assert not lint_dockerfile("DW524", tmp_path, _files(copy, ignore, files))


def test_message_counts_bytes_and_fix_appends(tmp_path):
    (d,) = lint_dockerfile("DW524", tmp_path, _files("COPY . .\n", "*.md\n", {".git/objects/a": 4000}))
    assert "4.0 kB" in d.message and d.extra["bytes"] == 4000
    (fe,) = d.fix.other_files
    assert fe.edits[0].text == ".git\n" and fe.edits[0].start == len("*.md\n")


def test_no_ignore_file_is_dw522s(tmp_path):
    assert not lint_dockerfile("DW524", tmp_path, {"Dockerfile": "FROM a\nCOPY . .\n", ".git/HEAD": "x"})


def test_fix_does_not_drop_explicit_copy_source(tmp_path):
    found = lint_dockerfile("DW524", tmp_path, _files("COPY . .\nCOPY dist/app.js /srv/\n", "",
                                                       {"dist/app.js": "x", "dist/b.js": "x"}))
    assert found == [] or all(d.fix is None for d in found)


# --- build output the Dockerfile uses is not junk; fixes never take out what the build needs -

USED_BY_THE_BUILD = [
    # (Dockerfile after FROM, context files): each makes a root output folder a source
    ("COPY . .\nRUN cd build && cmake .. && make\n", {"build/CMakeLists.txt": "x", "src/main.c": "x"}),
    ("COPY . .\nCOPY dist ./dist\n", {"dist/index.js": "x"}),
    ("COPY . /app\nCMD [\"node\", \"/app/dist/server.js\"]\n", {"dist/server.js": "x"}),
    ("COPY . .\nRUN git rev-parse --short HEAD > VERSION\n", {".git/HEAD": "ref: refs/heads/main\n"}),
    ("COPY . .\nRUN --mount=type=bind,source=out,target=/out cp /out/app /usr/bin/\n", {"out/app": "x"}),
]


@pytest.mark.parametrize("body,files", USED_BY_THE_BUILD)
def test_junk_the_build_uses_is_not_reported(tmp_path, body, files):
    assert not lint_dockerfile("DW524", tmp_path, _files(body, "*.md\n", files))


def test_build_output_unused_by_the_dockerfile_is_reported_and_fixed(tmp_path):
    (d,) = lint_dockerfile("DW524", tmp_path, _files("COPY . .\nRUN npm ci && npm run build\n", "*.md\n",
                                                      {"dist/app.js": "x", "src/app.ts": "x"}))
    assert d.fix.other_files[0].edits[0].text == "dist\n"


def test_pattern_that_would_take_source_falls_back_to_exact_paths(tmp_path):
    # `**/__pycache__` is fine, but a `build` folder deep in the tree is a Go package, not output
    files = {"app/__pycache__/m.cpython-312.pyc": "x", "pkg/build/build.go": "x", "build/app": "x"}
    found = lint_dockerfile("DW524", tmp_path, _files("COPY . .\n", "*.md\n", files))
    texts = sorted(d.fix.other_files[0].edits[0].text for d in found if d.fix)
    assert texts == ["**/__pycache__\n", "build\n"]
    from dockwise.ignorefile import parse_ignore_file
    assert not parse_ignore_file("build\n").verdict("pkg/build/build.go").excluded


def test_node_modules_a_node_image_runs_without_installing_is_a_source(tmp_path):
    # CI built the dependencies on the host; the image only runs them
    files = {"node_modules/express/index.js": "x", "index.js": "x", "package.json": "{}"}
    assert not lint_dockerfile("DW524", tmp_path, _files("COPY . .\nCMD [\"node\", \"index.js\"]\n", "*.md\n", files))
    (d,) = lint_dockerfile("DW524", tmp_path / "b", _files("COPY . .\nRUN npm ci --omit=dev\nCMD [\"node\", \"index.js\"]\n",
                                                            "*.md\n", files))
    assert "npm dependencies" in d.message and d.fix is not None


# A frontend built in a builder stage whose only output the nginx image takes is `/app/dist`
SPA = {"Dockerfile": "FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n"
                     "FROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
       ".dockerignore": "*.md\n", "package.json": '{"dependencies": {"vue": "^3.4.0"}}', "src/main.js": "x",
       ".git/HEAD": "ref: refs/heads/main\n", "node_modules/vue/index.js": "x"}


def test_junk_copied_into_a_builder_that_hands_over_its_output_only_is_not_reported(tmp_path):
    assert not lint_dockerfile("DW524", tmp_path, SPA)


@pytest.mark.parametrize("handover", [
    "COPY --from=build /app /app",   # the whole working tree, .git included
    "COPY --from=build / /",
])
def test_junk_a_copy_from_takes_out_of_the_builder_is_reported(tmp_path, handover):
    files = dict(SPA, Dockerfile=SPA["Dockerfile"].replace("COPY --from=build /app/dist /usr/share/nginx/html", handover))
    assert {d.message.split(" (")[0] for d in lint_dockerfile("DW524", tmp_path, files)} == \
        {"This copies version control data, whose history may hold secrets,", "This copies npm dependencies"}


# A Go service built in `golang`, whose working directory is `/go` when no WORKDIR says otherwise
GO = {"Dockerfile": "FROM golang:1.22 AS build\nCOPY . src\nRUN cd src && go build -o /bin/app .\n"
                    "FROM gcr.io/distroless/static\nCOPY --from=build /go/src /srv\n",
      ".dockerignore": "*.md\n", "go.mod": "module x\n", "main.go": "package main\n", ".git/HEAD": "ref: refs/heads/main\n"}


def test_a_relative_destination_lands_in_the_base_images_working_directory(tmp_path):
    """`COPY . src` in `golang` lands in `/go/src`, which the final stage takes: `.git` goes with it."""
    assert [d.message.split(" (")[0] for d in lint_dockerfile("DW524", tmp_path, GO)] == \
        ["This copies version control data, whose history may hold secrets,"]


def test_a_workdir_named_by_a_variable_is_followed(tmp_path):
    """`WORKDIR $APP_HOME` is `/app`: the hand-over of `/app/dist` takes no `.git`."""
    files = dict(SPA, Dockerfile=SPA["Dockerfile"].replace("FROM node:20 AS build\nWORKDIR /app\n",
                                                           "FROM node:20 AS build\nARG APP_HOME=/app\nWORKDIR $APP_HOME\n"))
    assert not lint_dockerfile("DW524", tmp_path, files)
