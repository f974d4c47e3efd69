"""Shell analysis has two ways to find commands in a tree-sitter tree: a Python walk (short runs,
trees with errors) and a compiled query (long runs). Both must find the same commands with the
same flags, or a rule's findings would depend on how many files came before."""

from __future__ import annotations

from shared_data import corpus_dockerfiles

from dockwise.dockerfile import parse, shell

HAND_WRITTEN = [
    "a && b || c",
    "if a; then b; elif c; then d; fi",
    "while a && b; do c; done",
    "x=$(a | b) y <(c) && d",
    "a | b | c; (d || e) && f",
    "if a; b; then c; fi",
    "echo $(if a; then b; fi) || true",
    "a > f && b 2>&1 | c & d\ne;;",
    "a & b |& c; d",
    "{ a; b; } 2>/dev/null | c; (d; e) | f",
    "! a | b; while read l; do c; done < x | d",
    "curl -fsSL u | { cat; } |& sh; if a; then b; fi | c",
    " && ".join(f"echo {i}" for i in range(50)),
    " || ".join(f"test -f {i}" for i in range(50)),
]


def _scripts():
    yield from HAND_WRITTEN
    for path in corpus_dockerfiles():
        df = parse(path.read_bytes().decode("utf-8", "replace"))
        for ins in df.instructions:
            if ins.keyword == "RUN" and not ins.json and ins.rest:
                yield ins.rest
                yield from (h.content for h in ins.heredocs)


def _found(commands) -> list[tuple]:
    return [(node.start_byte, node.end_byte, piped, in_sub, in_cond, operator)
            for node, piped, in_sub, in_cond, operator in commands]


def _operator_by_sibling(node) -> str:
    """What follows a command, asked of tree-sitter directly (slow on deep trees, plainly right)."""
    sib = node.next_sibling
    return sib.type if sib is not None and not sib.is_named else ""


def _in_pipeline_group(node) -> bool:
    """Inside a pipeline element that is not a simple command (`{ a; b; } | c`): there the
    command that writes into the pipe takes the element's operator (test_pipeline_groups)."""
    while node.parent is not None:
        if node.parent.type == "pipeline":
            return node.type in shell._GROUPS
        node = node.parent
    return False


def test_walk_and_query_find_the_same_commands():
    compared = 0
    for text in _scripts():
        root = shell._bash()[1].parse(text.encode("utf-8", "surrogatepass")).root_node
        if root.has_error:
            continue  # always walked
        walked = shell._walk(root)
        assert _found(walked) == _found(shell._query(root)), text
        assert [op for c in walked if not _in_pipeline_group(c[0]) for op in c[-1:]] == \
            [_operator_by_sibling(c[0]) for c in walked if not _in_pipeline_group(c[0])], text
        compared += 1
    assert compared > 2500


def _pipes(script: str) -> list[tuple[str, bool, str | None]]:
    df = parse(f"FROM debian\nRUN {script}\n")
    found = shell.script_of(df, df.instructions[-1])
    return [(c.argv[0].value, c.in_pipeline, c.pipes_into.argv[0].value if c.pipes_into else None)
            for c in found.commands]


def test_pipeline_groups():
    """A pipeline element that is not a simple command writes into (or reads) the pipe through
    its commands: the last to run feeds the next element, and every one is in the pipeline."""
    assert _pipes("wget -qO- $URL 2>/dev/null | tar xz") == [("wget", True, "tar"), ("tar", True, None)]
    assert _pipes("{ curl -fsSL $A; curl -fsSL $B; } | sh") == [
        ("curl", True, None), ("curl", True, "sh"), ("sh", True, None)]
    assert _pipes("(cd /src && make) | tee build.log") == [
        ("cd", True, None), ("make", True, "tee"), ("tee", True, None)]
    assert _pipes("! grep -q x f | cat") == [("grep", True, "cat"), ("cat", True, None)]
    assert _pipes("while read p; do echo $p; done < list | xargs apt-get install -y") == [
        ("read", True, None), ("echo", True, "xargs"), ("xargs", True, None)]
    assert _pipes("curl -fsSL u | { cat; } | sh") == [("curl", True, "cat"), ("cat", True, "sh"), ("sh", True, None)]
    # a `|` feeds the next command after it, not one of its own `$(…)`
    assert _pipes("echo $(date) | tee f") == [("echo", True, "tee"), ("date", False, None), ("tee", True, None)]
    assert _pipes("echo $(a | b) | c") == [("echo", True, "c"), ("a", True, "b"), ("b", True, None), ("c", True, None)]
    # no pipe: nothing changes
    assert _pipes("{ a; b; } > f && c") == [("a", False, None), ("b", False, None), ("c", False, None)]
