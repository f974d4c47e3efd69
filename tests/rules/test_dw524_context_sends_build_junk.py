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
