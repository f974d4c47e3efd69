import pytest

from rules.context_trees import lint_dockerfile

CATCHES = [
    ("COPY package.json ./\n", "*.json\n", {"package.json": "{}"}),
    ("COPY *.json ./\n", "*.json\n", {"package.json": "{}", "a.json": "{}"}),
    ("COPY src/app.py /app/\n", "src\n", {"src/app.py": "x"}),
    ("COPY /config/x.yml /etc/\n", "config\n", {"config/x.yml": "x"}),
    ("COPY [\"secret.txt\", \"/s\"]\n", "secret.txt\n", {"secret.txt": "x"}),
]
PASSES = [
    ("COPY package.json ./\n", "*.json\n!package.json\n", {"package.json": "{}"}),
    ("COPY *.json ./\n", "a.json\n", {"package.json": "{}", "a.json": "{}"}),   # one match is sent
    ("COPY --from=build /app/x.json ./\n", "*.json\n", {"x.json": "{}"}),
    ("COPY <<EOF /a.json\n{}\nEOF\n", "*.json\n", {"x.json": "{}"}),
    ("COPY . .\n", "*.json\n", {"x.json": "{}"}),
    ("COPY ../x.json ./\n", "*.json\n", {"x.json": "{}"}),
    ("COPY missing.txt ./\n", "*.json\n", {}),
    ("ADD https://example.com/a.json /a.json\n", "*.json\n", {}),
    # dependabot: the folders are excluded, but an exception sends them with their config
    ("COPY --parents */.bundle /home/dependabot/\n", "**/.bundle\n!*/.bundle/config\n",
     {"bun/.bundle/config": "x", "bun/.bundle/cache/a.gem": "x", "cargo/.bundle/config": "x"}),
    # searxng: everything excluded but the package it copies
    ("COPY ./searx/ /usr/local/searxng/searx/\n", "*\n!searx/**\n", {"searx/webapp.py": "x", "README": "x"}),
]


@pytest.mark.parametrize("copy,ignore,files", CATCHES)
def test_catches(tmp_path, copy, ignore, files):
    found = lint_dockerfile("DW520", tmp_path, {"Dockerfile": "FROM alpine\n" + copy, ".dockerignore": ignore, **files})
    assert len(found) == 1
    d = found[0]
    assert d.related and d.related[0].path.endswith(".dockerignore")
    pat = ignore.splitlines()[0]
    assert f"`{pat}`" in d.message
    assert ignore[d.related[0].start:d.related[0].end] == pat


@pytest.mark.parametrize("copy,ignore,files", PASSES)
def test_passes(tmp_path, copy, ignore, files):
    assert not lint_dockerfile("DW520", tmp_path, {"Dockerfile": "FROM alpine\n" + copy, ".dockerignore": ignore, **files})


def test_points_at_the_source_word(tmp_path):
    (d,) = lint_dockerfile("DW520", tmp_path, {"Dockerfile": "FROM a\nCOPY ok.txt b.json /x/\n",
                                                ".dockerignore": "*.json\n", "ok.txt": "", "b.json": ""})
    text = (tmp_path / "Dockerfile").read_text()
    assert text[d.start:d.end] == "b.json"


def test_dockerfile_specific_ignore_file_wins(tmp_path):
    found = lint_dockerfile("DW520", tmp_path, {"app.Dockerfile": "FROM a\nCOPY x.txt /\n",
                                                 "app.Dockerfile.dockerignore": "x.txt\n",
                                                 ".dockerignore": "", "x.txt": ""}, dockerfile="app.Dockerfile")
    assert found and "app.Dockerfile.dockerignore" in found[0].message


def test_buildkit_name_selects_it():
    from dockwise.rules.registry import resolve
    assert resolve("CopyIgnoredFile") == ["DW520"]
