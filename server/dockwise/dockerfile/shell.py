"""RUN bodies as shell commands with argv and exact source positions (tree-sitter-bash).

A shell-form RUN is analysed on its continuation-joined text (what `/bin/sh -c` receives);
a heredoc RUN whose command only feeds the heredoc to a POSIX shell is analysed on the body.
Commands after `SHELL ["powershell", …]` or `SHELL ["cmd", …]`, and heredoc bodies with a
non-shell shebang, are not analysed: POSIX rules must stay silent there.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING

from .joined import Joined
from .model import Dockerfile, Instruction, Word

if TYPE_CHECKING:
    from tree_sitter import Language, Parser, Query


@lru_cache(maxsize=1)
def _bash() -> tuple[Language, Parser]:
    """tree-sitter and its bash grammar, loaded when the first RUN is analysed: a check of a
    Dockerfile with no shell to analyse never pays for them."""
    import tree_sitter_bash
    from tree_sitter import Language, Parser
    language = Language(tree_sitter_bash.language())
    return language, Parser(language)


POSIX_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "busybox"})
NON_POSIX_SHELLS = frozenset({"powershell", "powershell.exe", "pwsh", "pwsh.exe", "cmd", "cmd.exe"})
WRAPPERS = frozenset({"sudo", "command", "exec", "nice", "nohup", "time", "eatmydata", "gosu", "su-exec"})
_ARG_SKIP = frozenset({"file_redirect", "heredoc_redirect", "herestring_redirect", "variable_assignment", "comment"})


@dataclass(eq=False, slots=True)
class ShellWord(Word):
    """A word of a command. `value` is its literal text with quotes removed; `literal` is False
    when it contains expansions ($VAR, $(...)) whose value is unknown statically."""

    literal: bool = True


@dataclass(eq=False, slots=True)
class Command:
    argv: list[ShellWord]
    start: int            # source offsets of the whole simple command
    end: int
    operator_after: str = ""   # "&&", "||", ";", "|", "&", or "" (end or newline)
    in_pipeline: bool = False  # its output is piped, or it reads a pipe
    pipes_into: "Command | None" = field(default=None, repr=False)
    in_substitution: bool = False
    in_condition: bool = False  # inside if/while tests, or left of || (failure tolerated)
    index: int = 0
    _unwrapped: "list[ShellWord] | None" = field(default=None, repr=False)
    _flags: "tuple[frozenset, frozenset, frozenset] | None" = field(default=None, repr=False)
    # Base name of the program actually run (`/usr/bin/apt-get` → `apt-get`), set when the
    # command is made: rules read it tens of thousands of times per check of a long file.
    program: str = field(default="", repr=False)

    @property
    def name(self) -> str:
        return self.argv[0].value if self.argv else ""

    @property
    def args(self) -> list[ShellWord]:
        return self.argv[1:]

    def unwrapped(self) -> list[ShellWord]:
        """argv without leading `sudo`, `env A=b`, `exec`… so rules see the real program."""
        if self._unwrapped is None:
            self._unwrapped = self._unwrap()
        return self._unwrapped

    def _unwrap(self) -> list[ShellWord]:
        words = self.argv
        i = 0
        while i < len(words):
            v = words[i].value
            if v in WRAPPERS:
                i += 1
                while i < len(words) and words[i].value.startswith("-"):
                    i += 1
                continue
            if v == "env":
                i += 1
                while i < len(words) and ("=" in words[i].value or words[i].value.startswith("-")):
                    i += 1
                continue
            break
        return words[i:] if i else words  # read-only: most commands have no wrapper, no copy

    def _find_program(self) -> str:
        words = self.unwrapped()
        return words[0].value.rsplit("/", 1)[-1] if words else ""

    def has_flag(self, *names: str) -> bool:
        """True if any word equals one of `names` (`--opt` also as `--opt=value`); short flags
        also match inside clusters (`-qy` has `-y`)."""
        if self._flags is None:  # rules ask many times per command: index its words once
            self._flags = _flag_index(self.unwrapped()[1:])
        words, long_names, letters = self._flags
        for name in names:
            if name in words:
                return True
            if name.startswith("--"):
                if name in long_names:
                    return True
            elif len(name) == 2 and name[0] == "-" and name[1] in letters:
                return True
        return False

    def positional(self) -> list[ShellWord]:
        """Arguments that are not flags (after the program name)."""
        return [w for w in self.unwrapped()[1:] if not w.value.startswith("-")]

    def operands(self, options_with_values) -> list[ShellWord]:
        """Arguments that are neither options nor the value of an option in `options_with_values`
        (`apt-get -o X=y install x` → install, x). Shared by rules.support.helpers.subcommand and the
        analysis of OS package installs; each names its own options."""
        out = []
        skip = False
        for w in self.unwrapped()[1:]:
            if skip:
                skip = False
            elif w.value.startswith("-"):
                skip = w.value in options_with_values
            else:
                out.append(w)
        return out


def _flag_index(args: list[ShellWord]) -> tuple[frozenset, frozenset, frozenset]:
    """(every word, what comes before each `=` of a `--long=value` word, the letters of
    `-abc` clusters) for `Command.has_flag`."""
    words, long_names, letters = set(), set(), set()
    for w in args:
        v = w.value
        words.add(v)
        if v.startswith("--"):
            eq = v.find("=")
            while eq != -1:
                long_names.add(v[:eq])
                eq = v.find("=", eq + 1)
        elif v.startswith("-"):
            letters.update(v[1:])
    return frozenset(words), frozenset(long_names), frozenset(letters)


@dataclass(eq=False, slots=True)
class Script:
    text: str
    commands: list[Command]
    start: int                  # source offset where the script text starts
    end: int
    has_error: bool = False
    from_heredoc: bool = False
    mapping: Joined | None = field(default=None, repr=False)
    # (each command's program, and those with each command's first word as written): `names()`
    _names: "tuple[frozenset[str], frozenset[str]] | None" = field(default=None, repr=False)

    def to_source(self, i: int) -> int:
        return self.mapping.to_source(i) if self.mapping is not None else self.start + i

    def end_to_source(self, j: int) -> int:
        return self.mapping.end_to_source(j) if self.mapping is not None else self.start + j

    def shifted(self, d: int) -> "Script":
        """The same analysis for the same text moved by `d` characters (incremental re-parsing)."""
        commands = []
        for c in self.commands:
            argv = [ShellWord(x.value, x.start + d, x.end + d, x.literal) for x in c.argv]
            new = Command(argv, c.start + d, c.end + d, c.operator_after, c.in_pipeline, None,
                          c.in_substitution, c.in_condition, c.index)
            # what `unwrapped()` and `program` found depends only on the words' values: keep it
            if c._unwrapped is not None:
                new._unwrapped = argv[len(argv) - len(c._unwrapped):]
            new.program = c.program
            new._flags = c._flags
            commands.append(new)
        for old, new in zip(self.commands, commands):
            if old.pipes_into is not None:
                new.pipes_into = commands[old.pipes_into.index]
        return Script(self.text, commands, self.start + d, self.end + d, self.has_error, self.from_heredoc,
                      self.mapping.shifted(d) if self.mapping is not None else None, self._names)

    def programs(self) -> set[str]:
        return {c.program for c in self.commands}

    def names(self) -> tuple[frozenset[str], frozenset[str]]:
        """(the programs its commands run, those and each command's first word as written:
        `sudo`), worked out once; they do not depend on where the script is."""
        if self._names is None:
            programs = frozenset(c.program for c in self.commands)
            self._names = (programs, programs | {c.argv[0].value.rsplit("/", 1)[-1] for c in self.commands if c.argv})
        return self._names

    def find(self, *programs: str) -> list[Command]:
        return [c for c in self.commands if c.program in programs]


def shell_of(df: Dockerfile, ins: Instruction) -> list[str] | None:
    """The SHELL in force for an instruction (None: the default /bin/sh -c)."""
    owner = ins.stage if ins.stage is not None else df
    shells = getattr(owner, "_shells", None)
    if shells is None:  # once per stage, so that asking for every RUN stays linear
        items = owner.instructions
        shells = [(o.index, list(o.args)) for o in items if o.keyword == "SHELL" and o.json and o.args]
        owner._shells = shells or ()  # (most stages have no SHELL: one shared empty tuple)
    current = None
    for index, args in shells:
        if index >= ins.index:
            break
        current = args
    return current


def is_posix(shell: list[str] | None) -> bool:
    if not shell:
        return True
    return shell[0].replace("\\", "/").rsplit("/", 1)[-1].lower() not in NON_POSIX_SHELLS


def _analysable(df: Dockerfile, ins: Instruction) -> bool:
    """Whether a RUN's shell form is analysed: checked every time, since an edit elsewhere (a
    SHELL, a Windows base) can turn shell analysis off for a RUN whose cached script is still
    valid text-wise."""
    if ins.keyword != "RUN" or ins.json or not ins.rest:
        return False
    shell = shell_of(df, ins)
    stage = ins.stage
    if stage is not None and stage.windows and shell is None:
        return False
    return is_posix(shell)


def run_names(df: Dockerfile, ins: Instruction) -> tuple[frozenset[str], frozenset[str]] | None:
    """`script_of(df, ins).names()`, or None when it has no script; for a RUN an edit moved
    (dockerfile/incremental.py) read from its script as parsed, without moving it: asking which
    RUNs run `apt-get` then moves only those."""
    if not _analysable(df, ins):
        return None
    script = ins.script_as_parsed()
    if script is None:
        script = script_of(df, ins)
    return None if script is None else script.names()


def script_of(df: Dockerfile, ins: Instruction) -> Script | None:
    if not _analysable(df, ins):
        return None
    if ins._script is not None:
        return ins._script
    script = _heredoc_script(ins) if ins.heredocs else None
    if script is None:
        text = ins.rest
        line = ins.line
        r = ins.rest_index
        # re-base the instruction's joined map onto the script text: the piece the script starts
        # in, then the pieces that start inside it
        if len(line.starts) == 1:  # one physical line: script offset + start is the source offset
            mapping = None
        else:
            first = bisect_right(line.starts, r)
            last = bisect_left(line.starts, r + len(text))
            starts = [s - r for s in line.starts[first:last]]
            sources = list(line.sources[first:last])
            if first:
                starts.insert(0, 0)
                sources.insert(0, line.sources[first - 1] + r - line.starts[first - 1])
            mapping = Joined(text, starts, sources)
        word = ins.words[0] if len(ins.words) == 1 else None
        if word is not None and word.value is text:  # the parser's word for `rest`: its offsets, not new ints
            script = _analyse(text, word.start, word.end, mapping)
        else:
            script = _analyse(text, ins.rest_start, ins.rest_end, mapping)
    elif script is False:  # a heredoc for another interpreter
        return None
    ins._script = script
    return script


def _heredoc_script(ins: Instruction):
    """The body of `RUN <<EOF` (or `RUN bash <<EOF`) as a script; False for other interpreters."""
    words = ins.rest.split()
    markers = {h.marker.value for h in ins.heredocs}
    program = [w for w in words if w not in markers]
    doc = ins.heredocs[0]
    if program and program[0].rsplit("/", 1)[-1] not in POSIX_SHELLS:
        return None  # `cat <<EOF > file`: the command line is the script, the body is data
    if program and any(not w.startswith("-") for w in program[1:]):
        return None
    body = doc.content
    if doc.chomp:
        return None if not body else _analyse(_strip_tabs(body), doc.body_start, doc.body_end, None) if "\t" not in body else None
    first = body.split("\n", 1)[0]
    if first.startswith("#!"):
        interp = first[2:].strip().split()
        name = interp[-1] if interp and interp[0].endswith("/env") and len(interp) > 1 else (interp[0] if interp else "")
        if name.rsplit("/", 1)[-1] not in POSIX_SHELLS:
            return False
    script = _analyse(body, doc.body_start, doc.body_end, None)
    script.from_heredoc = True
    return script


def _strip_tabs(body: str) -> str:
    return "".join(line.lstrip("\t") for line in body.splitlines(True))


def _analyse(text: str, start: int, end: int, mapping: Joined | None) -> Script:
    has_error, shapes = _shape(text)
    script = Script(text, [], start, end, has_error, mapping=mapping)
    if not shapes:
        return script
    # script offsets → source offsets, as Script.to_source/end_to_source (an exclusive end maps
    # from the piece of its last character) but without two calls per word
    if mapping is None:
        bounds, shifts = [], [start]
    else:
        bounds = mapping.starts[1:]
        shifts = [source - s for s, source in zip(mapping.starts, mapping.sources)]
    commands = script.commands
    feeding: list[Command] = []  # commands followed by `|` whose next command is still to come
    for k, (a, b, operator, piped, in_sub, in_cond, words) in enumerate(shapes):
        piece = bisect_right(bounds, a - 1)
        if piece == bisect_right(bounds, b):  # most commands lie in one piece: one shift for all
            d = shifts[piece]
            # (at offset 0: the shift itself, not an equal new int: a file of 100,000 RUNs)
            argv = [ShellWord(v, wa + d if wa else d, wb + d, lit) for v, wa, wb, lit in words]
            a = argv[0].start if argv and words[0][1] == a else a + d
            b = argv[-1].end if argv and words[-1][2] == b else b + d
        else:
            argv = [ShellWord(v, wa + shifts[bisect_right(bounds, wa)],
                              wb + shifts[bisect_right(bounds, wb - 1)], lit) for v, wa, wb, lit in words]
            a, b = a + shifts[bisect_right(bounds, a)], b + shifts[bisect_right(bounds, b - 1)]
        cmd = Command(argv, a, b, operator, piped, None, in_sub, in_cond, k)
        cmd.program = cmd._find_program()
        # A command followed by `|` feeds the next one that starts after it: not a command of
        # its own `$(…)` (`echo $(date) | tee f`), which comes first in document order.
        while feeding and feeding[-1].end <= cmd.start:
            feeding.pop().pipes_into = cmd
        if operator == "|":
            feeding.append(cmd)
        commands.append(cmd)
    return script


# Text where a backslash-newline is kept as it is rather than joining two lines (`'…'`,
# `$'…'`, a comment, a here-document's body).
_VERBATIM = frozenset({"raw_string", "ansi_c_string", "comment", "heredoc_body", "heredoc_content"})


def joins_lines_at(text: str, offsets) -> bool:
    """Whether a backslash-newline put into the script `text` at each of `offsets` would be a
    line continuation to the shell, removed before the words are read (as a Dockerfile removes
    its own), rather than characters of a single-quoted string, a comment or a heredoc."""
    data = text.encode("utf-8", errors="surrogatepass")
    root = _bash()[1].parse(data).root_node
    for off in offsets:
        at = len(text[:off].encode("utf-8", errors="surrogatepass"))
        node = root.descendant_for_byte_range(at, at)
        while node is not None:
            if node.type in _VERBATIM and node.start_byte < at < node.end_byte:
                return False
            node = node.parent
    return True


def last_statement_tolerates_failure(text: str) -> bool:
    """Whether the last statement of the script `text` holds an `a && b` / `a || b` list or a
    `! a` anywhere (a group, a loop, an `if` around it included). `set -e` does not stop at a
    failure there: it fails the script only as its last statement, and a line added after it
    would let the script go on."""
    data = text.encode("utf-8", errors="surrogatepass")
    root = _bash()[1].parse(data).root_node
    statements = [n for n in root.named_children if n.type != "comment"]
    if not statements:
        return False
    pending = [statements[-1]]
    while pending:
        node = pending.pop()
        if node.type in ("list", "negated_command"):
            return True
        pending.extend(node.named_children)
    return False


# tree-sitter's C query engine finds the nodes of interest: visiting every node in Python
# (a Node object each) cost more than the parse itself. Compiling the query costs ~10 ms,
# though, more than walking a few scripts: a short run (one small Dockerfile) walks them all.
_QUERY_SOURCE = """
(command) @command
(pipeline (command) @piped)
(pipeline [%s] @group)
[(command_substitution) (process_substitution)] @substitution
[(if_statement) (while_statement) (elif_clause)] @test
(list "||") @or
"""
# A command and what immediately follows it (an anonymous node is its operator). The anchor
# also matches the next named sibling past it: the nearest one is kept. Asked of the tree once,
# not with `node.next_sibling`, which tree-sitter answers by walking down from the root
# (quadratic on a long `a && b && …`, a left-nested list).
_NEXT_SOURCE = "(_ (command) @command . _ @next)"
WALK_FIRST = 32  # scripts analysed by walking before the query is compiled
_query_state = {"walked": 0, "query": None, "next": None}
_SUBSTITUTIONS = ("command_substitution", "process_substitution")
# Pipeline elements holding commands that are not a simple command: `a 2>&1 | b`,
# `{ a; b; } | c`, `(a; b) | c`, `! a | b`, `while read l; do …; done | c`.
_GROUPS = ("redirected_statement", "compound_statement", "subshell", "negated_command", "while_statement",
           "for_statement", "c_style_for_statement", "if_statement", "case_statement", "function_definition")
_TESTS = ("if_statement", "while_statement", "elif_clause")


def compile_query_now() -> None:
    """For a long-lived process (the language server): pay for the query at start-up rather
    than on whichever edit happens to analyse the 33rd script."""
    _compiled_query()
    _query_state["walked"] = WALK_FIRST


def _compiled_query() -> Query:
    if _query_state["query"] is None:
        from tree_sitter import Query
        language = _bash()[0]
        _query_state["query"] = Query(language, _QUERY_SOURCE % " ".join(f"({t})" for t in _GROUPS))
        _query_state["next"] = Query(language, _NEXT_SOURCE)
    return _query_state["query"]


@lru_cache(maxsize=256)  # the same RUN text recurs across Dockerfiles (variants of one image)
def _shape(text: str) -> tuple[bool, tuple]:
    """The analysis of `text` in script character offsets: (has_error, commands), each command
    (start, end, operator_after, in_pipeline, in_substitution, in_condition, words) and each
    word (value, start, end, literal)."""
    data = text.encode("utf-8", errors="surrogatepass")
    root = _bash()[1].parse(data).root_node
    # Error recovery can leave an empty command at byte 0 (a MISSING word), which the query
    # engine never matches: such rare trees are walked in Python.
    if root.has_error or _query_state["walked"] < WALK_FIRST:
        _query_state["walked"] += 1
        found = _walk(root)
    else:
        found = _query(root)
    if not found:
        return root.has_error, ()
    to_char = None if len(data) == len(text) else _byte_index(text)
    shapes = []
    for node, piped, in_sub, in_cond, operator in found:
        a, b = node.start_byte, node.end_byte
        if to_char is not None:
            a, b = to_char[a], to_char[b]
        shapes.append((a, b, operator, piped, in_sub, in_cond, _words(node, text, to_char)))
    return root.has_error, tuple(shapes)


def _query(root) -> list[tuple]:
    """(command node, in_pipeline, in_substitution, in_condition, operator_after) in document
    order, in a tree without errors."""
    from tree_sitter import QueryCursor  # loaded by _bash() already
    found = QueryCursor(_compiled_query()).captures(root)
    groups = found.get("group")
    nodes = found.get("command", [])
    nodes.sort(key=attrgetter("start_byte"))  # distinct: a nested command starts after its `$(`, `(`…
    piped = set(found.get("piped", ()))
    in_sub = _commands_under(nodes, found.get("substitution", ()), False)
    conditions = []  # the (first) condition of if/while/elif, the left of `||`
    for node in found.get("test", ()):
        cond = node.child_by_field_name("condition")
        if cond is not None and cond.type != "do_group":
            conditions.append(cond)
    for node in found.get("or", ()):
        if node.child_count > 1 and node.child(1).type == "||":
            conditions.append(node.child(0))
    in_cond = _commands_under(nodes, conditions, True)
    following: dict = {}
    for _, match in QueryCursor(_query_state["next"]).matches(root):
        cmd, nxt = match["command"][0], match["next"][0]
        known = following.get(cmd)
        if known is None or nxt.start_byte < known.start_byte:
            following[cmd] = nxt
    commands = [(n, n in piped, n in in_sub, n in in_cond, _operator(following.get(n))) for n in nodes]
    return _through_groups(commands, groups) if groups else commands


def _through_groups(found: list[tuple], groups) -> list[tuple]:
    """`found` with the commands inside pipeline elements that are not a simple command
    marked as piped, and the last to end of each element followed by a pipe given its operator
    (it is what writes into the pipe: `{ a; b; } | c`, `a 2>&1 | c`)."""
    starts = [f[0].start_byte for f in found]
    for group in groups:
        a, b = group.start_byte, group.end_byte
        inside = []
        for k in range(bisect_left(starts, a), len(found)):
            if starts[k] >= b:
                break
            if found[k][0].end_byte <= b:
                inside.append(k)
                node, _, in_sub, in_cond, operator = found[k]
                found[k] = (node, True, in_sub, in_cond, operator)
        after = group.next_sibling  # rare: the cost of tree-sitter's walk from the root is fine
        if inside and after is not None and not after.is_named:
            last = max(inside, key=lambda k: (found[k][0].end_byte, -starts[k]))
            node, piped, in_sub, in_cond, _ = found[last]
            found[last] = (node, piped, in_sub, in_cond, after.type)
    return found


def _operator(sibling) -> str:
    return sibling.type if sibling is not None and not sibling.is_named else ""


def _commands_under(commands, nodes, inclusive: bool) -> set:
    """The commands inside the subtrees of `nodes` (and the nodes themselves if `inclusive`): in a
    tree without errors, the commands (sorted by start) whose byte range lies within the node's.
    Nodes nested in another add nothing: only the outermost are scanned, so that each command
    is looked at once (`a || b || c …` nests every condition in the next one)."""
    out = set()
    reach = -1
    for node in sorted(nodes, key=lambda n: (n.start_byte, -n.end_byte)):
        a, b = node.start_byte, node.end_byte
        if b <= reach:
            continue  # inside an outer node already scanned
        reach = b
        for k in range(bisect_left(commands, a, key=attrgetter("start_byte")), len(commands)):
            cmd = commands[k]
            if cmd.start_byte >= b:
                break
            if cmd.end_byte <= b and (inclusive or cmd != node):
                out.add(cmd)
    return out


def _walk(root) -> list[tuple]:
    """What `_query` finds, visiting every node in Python. Parents and siblings come from the
    walk itself: tree-sitter's `parent` and `next_sibling` cost the depth of the tree."""
    out = []
    groups = []
    stack = [(root, False, False, False, None)]
    while stack:
        node, in_sub, in_cond, piped, following = stack.pop()
        t = node.type
        if t == "command":
            out.append((node, piped, in_sub, in_cond, _operator(following)))
        children = node.children
        sub = in_sub or t in _SUBSTITUTIONS
        condition = node.child_by_field_name("condition") if t in _TESTS else None
        if t == "pipeline":
            groups.extend(c for c in children if c.type in _GROUPS)
        left_of_or = t == "list" and len(children) > 1 and children[1].type == "||"
        for k in range(len(children) - 1, -1, -1):
            child = children[k]
            cond = in_cond \
                or (condition is not None and child.type != "do_group" and condition == child) \
                or (left_of_or and k == 0)
            stack.append((child, sub, cond, t == "pipeline", children[k + 1] if k + 1 < len(children) else None))
    out.sort(key=lambda c: c[0].start_byte)  # stable: preorder among equal starts
    return _through_groups(out, groups) if groups else out


def _words(command, text: str, to_char) -> tuple:
    """argv of a command node: the name and what follows it, without redirects and assignments."""
    words = []
    for node in command.children:
        t = node.type
        if t == "command_name":
            if node.child_count == 1:
                node = node.child(0)
                t = node.type
        elif not words or t in _ARG_SKIP:
            continue
        a, b = node.start_byte, node.end_byte
        if to_char is not None:
            a, b = to_char[a], to_char[b]
        raw = text[a:b]
        if t == "word" and "\\" not in raw:  # most words
            words.append((raw, a, b, True))
        else:
            value, literal = _literal(node, t, raw, text, to_char)
            words.append((value, a, b, literal))
    return tuple(words)


def _byte_index(text: str) -> list[int]:
    out = []
    for i, ch in enumerate(text):
        out.extend([i] * len(ch.encode("utf-8", errors="surrogatepass")))
    out.append(len(text))
    return out


_STATIC_STRING_PARTS = frozenset({"string_content", '"'})


def _literal(node, t: str, raw: str, text: str, to_char) -> tuple[str, bool]:
    if t == "word" or t == "number":
        if "\\" in raw:  # a backslash keeps the next character (a trailing one stays)
            out, i = [], 0
            while i < len(raw):
                if raw[i] == "\\" and i + 1 < len(raw):
                    i += 1
                out.append(raw[i])
                i += 1
            return "".join(out), True
        return raw, True
    if t == "raw_string":
        return raw[1:-1], True
    if t == "string":
        for c in node.children:
            if c.type not in _STATIC_STRING_PARTS:
                return raw[1:-1], False
        return raw[1:-1], True
    if t == "concatenation":
        parts, literal = [], True
        for c in node.children:
            ca, cb = c.start_byte, c.end_byte
            if to_char is not None:
                ca, cb = to_char[ca], to_char[cb]
            v, lit = _literal(c, c.type, text[ca:cb], text, to_char)
            parts.append(v)
            literal = literal and lit
        return "".join(parts), literal
    return raw, False
