import pytest

from rules.context_trees import lint_ignore

# Only likely mistakes are reported: a typo of an existing or well-known name, a path whose
# folder is gone while the file exists elsewhere, and `//` used as a comment.
CATCHES = [
    ("test/fixture\n", {"test/fixtures/a.json": "x"}, "typo of `test/fixtures`"),
    ("node_module\n", {"package.json": "{}"}, "typo of `node_modules`"),
    ("Docs\n", {"docs/index.md": "x"}, "typo of `docs`"),                       # Docker is case-sensitive
    ("docs\n!docs/READNE.md\n", {"docs/README.md": "x"}, "typo of `docs/README.md`"),
    ("src/settings.local.py\n", {"app/settings.local.py": "x"}, "did it move?"),
    ("// build output\ndist\n", {"src/a.py": "x"}, "`//` does not start a comment"),
    ("frontnd/dist\n", {"frontend/src/main.ts": "x"}, "typo of `frontend`"),
]
# Defensive patterns of real ignore files (uptime-kuma, fastapi template, opentelemetry-demo,
# ollama): what a fresh checkout does not have yet.
PASSES = [
    ("node_modules\ndist\n*.log\n.env\n", {"a": "x"}),
    ("*.py[cod]\n.coverage*\n.turbo\n*.db\nnpm-debug.log\n__pycache__\n", {"app/main.py": "x"}),
    (".venv\nvenv\n.coverage\nhtmlcov\n", {"coverage/x": "x", "app/main.py": "x"}),     # not typos of each other
    (".nuxt\n", {".next/x": "x"}),
    ("ollama\n", {"llama/llama.go": "x"}),               # the binary `go build` writes, beside the llama folder
    ("!docker-extension/build\n", {"build/x": "x"}),       # a generic name elsewhere is no sign of a move
    ("*/Gemfile.lock\n", {"Gemfile.lock": "x"}),
    ("test/fixtures\n", {"test/fixtures/a": "x"}),
    ("docs\n!docs/a.md\n", {"docs/a.md": "x"}),
    ("**/*.tmp\n", {"app/a.tmp": "x"}),
    ("docs\n!docs/missing.md\n", {"docs/a.md": "x"}),        # may be generated: nothing close to it
]


@pytest.mark.parametrize("ignore,files,why", CATCHES)
def test_catches(tmp_path, ignore, files, why):
    (found,) = lint_ignore("DW505", tmp_path, {".dockerignore": ignore, **files})
    assert found.unnecessary and why in found.message


@pytest.mark.parametrize("ignore,files", PASSES)
def test_passes(tmp_path, ignore, files):
    assert not lint_ignore("DW505", tmp_path, {".dockerignore": ignore, **files})


def test_slash_comment_names_the_pattern_docker_reads(tmp_path):
    (found,) = lint_ignore("DW505", tmp_path, {".dockerignore": "// generated\n", "a.py": "x"})
    assert "the pattern `generated`" in found.message
