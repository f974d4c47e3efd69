"""RUN bodies as shell commands with argv and exact source positions (tree-sitter-bash).

A shell-form RUN is analysed on its continuation-joined text (what `/bin/sh -c` receives);
a heredoc RUN whose command only feeds the heredoc to a POSIX shell is analysed on the body.
Commands after `SHELL ["powershell", …]` or `SHELL ["cmd", …]`, and heredoc bodies with a
non-shell shebang, are not analysed: POSIX rules must stay silent there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import tree_sitter_bash
from tree_sitter import Language, Parser

from .joined import Joined
from .model import Dockerfile, Instruction, Word

_PARSER = Parser(Language(tree_sitter_bash.language()))
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
    _program: str | None = field(default=None, repr=False)

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
        return words[i:]

    @property
    def program(self) -> str:
        """Base name of the program actually run (`/usr/bin/apt-get` → `apt-get`)."""
        if self._program is None:
            words = self.unwrapped()
            self._program = words[0].value.rsplit("/", 1)[-1] if words else ""
        return self._program

    def has_flag(self, *names: str) -> bool:
        """True if any word equals one of `names`; short flags also match inside clusters
        (`-qy` has `-y`)."""
        for w in self.unwrapped()[1:]:
            v = w.value
            for name in names:
                if v == name or (name.startswith("--") and v.startswith(name + "=")):
                    return True
                if len(name) == 2 and name[0] == "-" and name[1] != "-" and v.startswith("-") \
                        and not v.startswith("--") and name[1] in v[1:]:
                    return True
        return False

    def positional(self) -> list[ShellWord]:
        """Arguments that are not flags (after the program name)."""
        return [w for w in self.unwrapped()[1:] if not w.value.startswith("-")]

    def operands(self, options_with_values) -> list[ShellWord]:
        """Arguments that are neither options nor the value of an option in `options_with_values`
        (`apt-get -o X=y install x` → install, x). Shared by rules.helpers.subcommand and the
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


@dataclass(eq=False)
class Script:
    text: str
    commands: list[Command]
    start: int                  # source offset where the script text starts
    end: int
    has_error: bool = False
    from_heredoc: bool = False
    mapping: Joined | None = field(default=None, repr=False)

    def to_source(self, i: int) -> int:
        return self.mapping.to_source(i) if self.mapping is not None else self.start + i

    def end_to_source(self, j: int) -> int:
        return self.mapping.end_to_source(j) if self.mapping is not None else self.start + j

    def shifted(self, d: int) -> "Script":
        """The same analysis for the same text moved by `d` characters (incremental re-parsing)."""

        def w(x: ShellWord) -> ShellWord:
            return ShellWord(x.value, x.start + d, x.end + d, x.literal)

        commands = []
        for c in self.commands:
            commands.append(Command([w(x) for x in c.argv], c.start + d, c.end + d, c.operator_after,
                                    c.in_pipeline, None, c.in_substitution, c.in_condition, c.index))
        for old, new in zip(self.commands, commands):
            if old.pipes_into is not None:
                new.pipes_into = commands[old.pipes_into.index]
        return Script(self.text, commands, self.start + d, self.end + d, self.has_error, self.from_heredoc,
                      self.mapping.shifted(d) if self.mapping is not None else None)

    def programs(self) -> set[str]:
        return {c.program for c in self.commands}

    def find(self, *programs: str) -> list[Command]:
        return [c for c in self.commands if c.program in programs]


def shell_of(df: Dockerfile, ins: Instruction) -> list[str] | None:
    """The SHELL in force for an instruction (None: the default /bin/sh -c)."""
    owner = ins.stage if ins.stage is not None else df
    shells = owner.__dict__.get("_shells")
    if shells is None:  # once per stage, so that asking for every RUN stays linear
        items = owner.instructions
        shells = [(o.index, list(o.args)) for o in items if o.keyword == "SHELL" and o.json and o.args]
        owner.__dict__["_shells"] = shells
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


def script_of(df: Dockerfile, ins: Instruction) -> Script | None:
    if ins.keyword != "RUN" or ins.json or not ins.rest:
        return None
    # The context is checked every time: an edit elsewhere (a SHELL, a Windows base) can turn
    # shell analysis off for a RUN whose cached script is still valid text-wise.
    stage = ins.stage
    shell = shell_of(df, ins)
    if stage is not None and stage.windows and shell is None:
        return None
    if not is_posix(shell):
        return None
    if ins._script is not None:
        return ins._script
    script = _heredoc_script(ins) if ins.heredocs else None
    if script is None:
        text = ins.rest
        line = ins.line
        mapping = Joined()
        mapping.text = text
        mapping.starts = []
        mapping.sources = []
        # re-base the instruction's joined map onto the script text
        for s, src in zip(line.starts, line.sources):
            rel = s - ins.rest_index
            if rel <= 0:
                mapping.starts = [0]
                mapping.sources = [src - rel]
            elif rel < len(text):
                mapping.starts.append(rel)
                mapping.sources.append(src)
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
    data = text.encode("utf-8", errors="surrogatepass")
    tree = _PARSER.parse(data)
    if len(data) == len(text):
        to_char = None
    else:
        to_char = _byte_index(text)
    script = Script(text, [], start, end, tree.root_node.has_error, mapping=mapping)

    def char(b: int) -> int:
        return b if to_char is None else to_char[b]

    def word(node) -> ShellWord:
        a, b = char(node.start_byte), char(node.end_byte)
        value, literal = _literal(node, text, a, b, char)
        return ShellWord(value, script.to_source(a), script.end_to_source(b), literal)

    commands = script.commands
    stack = [(tree.root_node, False, False)]
    while stack:
        node, in_sub, in_cond = stack.pop()
        t = node.type
        if t == "command":
            argv = []
            for child in node.children:
                ct = child.type
                if ct in _ARG_SKIP:
                    continue
                if ct == "command_name":
                    argv.append(word(child.children[0] if child.child_count == 1 else child))
                elif argv:
                    argv.append(word(child))
            a, b = char(node.start_byte), char(node.end_byte)
            cmd = Command(argv, script.to_source(a), script.end_to_source(b),
                          in_substitution=in_sub, in_condition=in_cond)
            parent = node.parent
            if parent is not None and parent.type == "pipeline":
                cmd.in_pipeline = True
            sib = node.next_sibling
            if sib is not None and not sib.is_named:
                cmd.operator_after = sib.type
            commands.append(cmd)
        children = node.children
        sub = in_sub or t in ("command_substitution", "process_substitution")
        for k in range(len(children) - 1, -1, -1):
            child = children[k]
            cond = in_cond or (t in ("if_statement", "while_statement", "elif_clause") and child.type != "do_group"
                               and node.child_by_field_name("condition") == child) \
                or (t == "list" and k == 0 and len(children) > 1 and children[1].type == "||")
            stack.append((child, sub, cond))
    commands.sort(key=lambda c: c.start)
    for k, c in enumerate(commands):
        c.index = k
    # link pipelines: a command followed by `|` feeds the next command
    for a, b in zip(commands, commands[1:]):
        if a.operator_after == "|":
            a.pipes_into = b
    return script


def _byte_index(text: str) -> list[int]:
    out = []
    for i, ch in enumerate(text):
        out.extend([i] * len(ch.encode("utf-8", errors="surrogatepass")))
    out.append(len(text))
    return out


def _literal(node, text: str, a: int, b: int, char) -> tuple[str, bool]:
    t = node.type
    raw = text[a:b]
    if t == "word" or t == "number":
        if "\\" in raw:
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
        dynamic = any(c.type not in ("string_content", '"') for c in node.children)
        return raw[1:-1], not dynamic
    if t == "concatenation":
        parts, literal = [], True
        for c in node.children:
            v, lit = _literal(c, text, char(c.start_byte), char(c.end_byte), char)
            parts.append(v)
            literal = literal and lit
        return "".join(parts), literal
    return raw, False
