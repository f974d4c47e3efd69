"""Each Docker quirk, one small table at a time."""

from __future__ import annotations


import pytest
from dockwise.ignorefile import (
    ALWAYS_SENT,
    BadPattern,
    IgnoreMatchError,
    find_ignore_file,
    go_clean,
    go_match,
    parse_ignore_file,
    with_always_sent,
)


def excluded(text: str, path: str) -> bool:
    return parse_ignore_file(text).matches(path)


@pytest.mark.parametrize(
    "text, path, expected",
    [
        # *.md only at the root: * never crosses '/'
        ("*.md", "README.md", True),
        ("*.md", "docs/a.md", False),
        ("**/*.md", "docs/a.md", True),
        ("**/*.md", "a.md", True),
        # **/ at the start matches at any depth, including the root
        ("**/node_modules", "node_modules/x", True),
        ("**/node_modules", "a/b/node_modules/x", True),
        ("node_modules", "a/node_modules/x", False),
        # a matching parent excludes everything below
        ("build", "build/out/bin", True),
        # '!' order: the last matching pattern wins
        ("*.md\n!README.md", "README.md", False),
        ("!README.md\n*.md", "README.md", True),
        # leading and trailing slashes are cleaned away
        ("/node_modules", "node_modules/p", True),
        ("node_modules/", "node_modules/p", True),
        ("./dist/../dist/", "dist", True),
        # /!foo is cleaned to !foo: an exception
        ("*\n/!foo", "foo", False),
        # escapes
        ("\\*", "*", True),
        ("\\*", "a", False),
        # [!a] is a Go regexp class: '!' or 'a', not a negation
        ("[!a]", "!", True),
        ("[!a]", "b", False),
        ("[^a]", "b", True),
        # '#' is a comment only at the start of a line
        ("# comment", "# comment", False),
        ("foo # bar", "foo # bar", True),
        ("foo # bar", "foo", False),
        (" #x", "#x", True),
        # ? is one character other than '/'
        ("b?r", "bar", True),
        ("b?r", "b/r", False),
        # foo/** matches what is below foo, not foo itself
        ("foo/**", "foo", False),
        ("foo/**", "foo/x", True),
    ],
)
def test_quirks(text, path, expected):
    assert excluded(text, path) is expected


def test_bom_and_crlf():
    f = parse_ignore_file("\ufeff*.log\r\n!keep.log\r\n")
    assert [p.pattern for p in f.patterns] == ["*.log", "keep.log"]
    assert f.matches("a.log") and not f.matches("keep.log")
    p = f.patterns[0]
    assert (p.line, p.start, p.end, p.raw) == (0, 1, 6, "*.log")
    assert f.text[f.patterns[1].start:f.patterns[1].end] == "!keep.log"


def test_positions_and_fields():
    text = "# c\n\n   foo/   \n!  /bar/baz/..\n"
    f = parse_ignore_file(text)
    a, b = f.patterns
    assert (a.line, a.raw, a.pattern, a.exclusion) == (2, "foo/", "foo", False)
    assert text[a.start:a.end] == "foo/"
    assert (b.line, b.raw, b.pattern, b.exclusion) == (3, "!  /bar/baz/..", "bar", True)


@pytest.mark.parametrize(
    "text, message",
    [
        ("!", 'illegal exclusion pattern: "!"'),
        ("! /", 'illegal exclusion pattern: "!"'),
        ("[a-", "syntax error in pattern"),
        ("a[", "syntax error in pattern"),
    ],
)
def test_file_errors(text, message):
    f = parse_ignore_file("ok\n" + text + "\n")
    assert not f.is_valid
    (err,) = f.errors
    assert err.line == 1 and err.message == message
    assert f.text[err.start:err.end] == text


def test_match_time_error_only_when_reached():
    # filepath.Match(".") stops at the first failing chunk, so this pattern loads,
    # then fails to compile when a path's evaluation reaches it.
    f = parse_ignore_file("src/**/x/[\n")
    assert f.is_valid
    v = f.verdict("anything")
    assert v.error and v.pattern.pattern == "src/**/x/["
    with pytest.raises(IgnoreMatchError):
        f.matches("anything")
    # once a path is excluded, a later inclusion pattern is skipped, so no error
    f2 = parse_ignore_file("*\nsrc/**/x/[\n")
    assert f2.verdict("a").error is None and f2.matches("a")


def test_explain():
    f = parse_ignore_file("*.md\n!README.md\nnode_modules\n")
    assert f.explain("README.md").raw == "!README.md"
    assert f.explain("a.md").pattern == "*.md"
    assert f.explain("node_modules/x/y").line == 2
    assert f.explain("src/x.py") is None


def test_can_prune():
    f = parse_ignore_file("node_modules\ndocs\n!docs/keep.md\n")
    assert f.can_prune("node_modules")
    assert not f.can_prune("docs")
    g = parse_ignore_file("node_modules\n!**/keep\n")
    assert not g.can_prune("node_modules")
    h = parse_ignore_file("node_modules\n!src/*/keep\n")
    assert h.can_prune("node_modules")


def test_go_clean_and_match():
    assert go_clean("") == "."
    assert go_clean("//a/./b/../c/") == "/a/c"
    assert go_clean("../../a") == "../../a"
    assert go_clean("/..") == "/"
    assert go_match("*.py", "a.py") and not go_match("*.py", "d/a.py")
    assert go_match("[^a]b", "cb") and not go_match("[^a]b", "ab")
    with pytest.raises(BadPattern):
        go_match("[", "x")


def test_always_sent():
    assert ALWAYS_SENT == ("Dockerfile", ".dockerignore")
    f = parse_ignore_file("*\n")
    g = with_always_sent(f, "docker/Dockerfile")
    assert not g.matches(".dockerignore") and not g.matches("docker/Dockerfile")
    assert g.matches("src/app.py")


def test_find_ignore_file(tmp_path):
    assert find_ignore_file(tmp_path) is None
    (tmp_path / ".containerignore").write_text("x")
    assert find_ignore_file(tmp_path) == str(tmp_path / ".containerignore")
    (tmp_path / ".dockerignore").write_text("x")
    assert find_ignore_file(tmp_path) == str(tmp_path / ".dockerignore")
    (tmp_path / "docker").mkdir()
    (tmp_path / "docker" / "app.Dockerfile").write_text("FROM x")
    assert find_ignore_file(tmp_path, "docker/app.Dockerfile") == str(tmp_path / ".dockerignore")
    (tmp_path / "docker" / "app.Dockerfile.dockerignore").write_text("x")
    assert find_ignore_file(tmp_path, "docker/app.Dockerfile") == str(
        tmp_path / "docker" / "app.Dockerfile.dockerignore"
    )


def test_fast_and_sequential_agree():
    # The alternation fast path must agree with the step-by-step algorithm.
    import random

    rng = random.Random(7)
    atoms = ["a", "b", "*", "**", "?", "x.md", "[ab]", "[^a]", "node_modules", "!"]
    paths = ["a", "a/b", "b/a/x.md", "node_modules/a", "x.md", "ab", "a/node_modules/b"]
    for _ in range(300):
        lines = []
        for _ in range(rng.randint(1, 5)):
            pat = "/".join(rng.choice(atoms[:-1]) for _ in range(rng.randint(1, 3)))
            lines.append(("!" if rng.random() < 0.3 else "") + pat)
        f = parse_ignore_file("\n".join(lines))
        # Force the sequential path by pretending a bad pattern exists.
        f_seq = parse_ignore_file("\n".join(lines))
        f_seq._has_bad = True
        for p in paths:
            assert f.verdict(p).excluded == f_seq.verdict(p).excluded, (lines, p)


def test_matching_work_is_one_combined_regex_call_per_path_component(monkeypatch):
    """The work of a verdict does not grow with the number of patterns: one call of the
    combined regex per path component, never a pattern-by-pattern match (the time this takes
    is measured in benchmarks/ignore_matching.py, not asserted here)."""
    from dockwise.ignorefile.matcher import IgnorePattern
    lines = [f"dir{i}/**/*.tmp" for i in range(20)] + [f"*.ext{i}" for i in range(20)]
    lines += ["node_modules", "**/__pycache__", "!keep/**", ".git", "**/*.pyc", "dist", "build",
              "!build/keep.txt", "*.log", ".env"]
    f = parse_ignore_file("\n".join(lines))
    assert len(f.patterns) == 50
    paths = [f"src/pkg{i % 300}/mod{i % 17}/file{i}.py" for i in range(20_000)]
    f.verdict(paths[0])  # builds the combined regex
    calls = 0
    combined = f._combined

    def counted(s):
        nonlocal calls
        calls += 1
        return combined(s)

    def per_pattern(*a, **k):
        raise AssertionError("a pattern was matched on its own")

    f._combined = counted
    monkeypatch.setattr(IgnorePattern, "match", per_pattern)
    for p in paths:
        f.verdict(p)
    assert calls == sum(p.count("/") + 1 for p in paths)
