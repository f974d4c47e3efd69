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


def test_walk_and_query_find_the_same_commands():
    compared = 0
    for text in _scripts():
        root = shell._bash()[1].parse(text.encode("utf-8", "surrogatepass")).root_node
        if root.has_error:
            continue  # always walked
        walked = shell._walk(root)
        assert _found(walked) == _found(shell._query(root)), text
        assert [op for *_, op in walked] == [_operator_by_sibling(c[0]) for c in walked], text
        compared += 1
    assert compared > 2500
