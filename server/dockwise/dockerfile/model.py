"""Data classes of the Dockerfile model.

All `start`/`end` fields are character offsets into the original text (end exclusive).
Line/column come from `Dockerfile.source`. Values (`Word.value`, `Instruction.args`) are what
BuildKit's parser yields, so the model can be compared with BuildKit itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from weakref import ref as _weakref
from typing import TYPE_CHECKING

from ..source import Source
from .joined import Joined

if TYPE_CHECKING:
    from .shell import Script
    from .stages import Stage


@dataclass(slots=True)
class Word:
    value: str
    start: int
    end: int


@dataclass(slots=True)
class Flag:
    """`--name=value` (value None for a bare `--name`). `value` has quotes/escapes processed."""

    name: str
    value: str | None
    start: int
    end: int
    value_start: int
    value_end: int

    def options(self) -> dict[str, str]:
        """`--mount=type=cache,target=/x` → {'type': 'cache', 'target': '/x'}."""
        out: dict[str, str] = {}
        for part in (self.value or "").split(","):
            key, _, val = part.partition("=")
            out[key.strip().lower()] = val.strip()
        return out


@dataclass(slots=True)
class KeyValue:
    """One ENV/LABEL/ARG entry. `value` is None for `ARG NAME` without default."""

    key: Word
    value: Word | None
    equals: bool  # `KEY=value` (modern) rather than legacy `KEY value`


@dataclass(slots=True)
class Heredoc:
    name: str
    chomp: bool          # <<-: leading tabs are stripped
    quoted: bool         # <<"EOF": no variable expansion in the body
    fd: int
    marker: Word         # the `<<EOF` word on the instruction line
    content: str         # body as BuildKit gives it (raw lines with their line endings)
    body_start: int      # first body character
    body_end: int        # end of the body (start of the terminator line)
    end: int             # end of the terminator line's content
    terminated: bool = True


@dataclass(slots=True)
class Comment:
    text: str            # after '#', stripped
    start: int           # the '#'
    end: int
    line: int


@dataclass(slots=True)
class ParseError:
    code: str            # stable id, e.g. "unknown-instruction"
    message: str
    start: int
    end: int


@dataclass(eq=False)
class Instruction:
    keyword: str                 # upper-case ("RUN"); "" never happens
    raw_keyword: str             # as written ("run")
    start: int                   # keyword start
    end: int                     # end of the last line (heredoc terminators included)
    keyword_end: int
    line: Joined                 # continuation-joined text as BuildKit sees it, with offset map
    flags: tuple[Flag, ...] = ()
    rest: str = ""               # arguments after the flags, trimmed (BuildKit's `args`)
    rest_index: int = 0          # where `rest` starts in `line.text`
    args: tuple[str, ...] = ()   # BuildKit node values
    words: tuple[Word, ...] = () # positioned arguments (JSON elements, split words, or `rest`)
    pairs: tuple[KeyValue, ...] = ()  # ENV / LABEL / ARG
    json: bool = False
    heredocs: tuple[Heredoc, ...] = ()
    sub: "Instruction | None" = None  # ONBUILD's instruction
    comments: tuple[Comment, ...] = ()  # comment lines directly above
    empty_continuation: bool = False
    index: int = 0               # position among the file's instructions
    head: int = 0                # start of the first physical line (may hold only a `\\`)
    tail: int = 0                # start of the last physical line consumed
    _script: "Script | None" = field(default=None, repr=False)
    # The stage holds its instructions; an instruction points back at it weakly, so that a model
    # is not a reference cycle: a dropped model is freed at once, without the full garbage
    # collection that would walk every open document's objects (the language server).
    # A declared field, not a `__dict__` entry: reading `__dict__` turns the instance's compact
    # attribute storage into a dict, and every later attribute read into a dict lookup (a
    # big model's instructions then fill the CPU caches).
    _stage_ref: "_weakref | None" = field(default=None, repr=False)

    @property
    def stage(self) -> "Stage | None":
        ref = self._stage_ref
        return None if ref is None else ref()

    @stage.setter
    def stage(self, value: "Stage | None") -> None:
        self._stage_ref = None if value is None else _weakref(value)

    @property
    def rest_start(self) -> int:
        return self.line.to_source(self.rest_index)

    @property
    def rest_end(self) -> int:
        return self.line.end_to_source(self.rest_index + len(self.rest))

    def flag(self, name: str) -> Flag | None:
        for f in self.flags:
            if f.name == name:
                return f
        return None

    def flags_named(self, name: str) -> list[Flag]:
        return [f for f in self.flags if f.name == name]

    @property
    def is_shell_form(self) -> bool:
        return not self.json

    def span_in_line(self, i: int, j: int) -> tuple[int, int]:
        """Source span of `line.text[i:j]`."""
        return self.line.to_source(i), self.line.end_to_source(j)


@dataclass(eq=False)
class Dockerfile:
    source: Source
    instructions: list[Instruction]
    comments: list[Comment]
    directives: dict[str, tuple[str, int, int]]  # name -> (value, start, end)
    errors: list[ParseError]
    escape: str = "\\"
    directives_end: int = 0       # offset after the parser directives block
    had_bom: bool = False
    invalid_utf8: bool = False

    @property
    def text(self) -> str:
        return self.source.text

    def __getattr__(self, name: str):
        # A re-parsed model makes its lists on first use (dockerfile/incremental.py): an edit
        # does not copy what follows it.
        if name in ("instructions", "comments") and "_pending" in self.__dict__:
            from .incremental import materialise
            materialise(self)
            return self.__dict__[name]
        raise AttributeError(name)

    @cached_property
    def stages(self) -> "list[Stage]":
        from .stages import build_stages
        return build_stages(self)

    @cached_property
    def global_args(self):
        from .stages import global_args
        return global_args(self)

    def script(self, instruction: Instruction) -> "Script | None":
        """The shell script of a RUN (shell form or heredoc), parsed once and cached."""
        global _script_of
        if _script_of is None:  # imported on first use (tree-sitter), then kept: rules ask often
            from .shell import script_of as _script_of
        self.stages  # noqa: B018 - links instructions to their stages first
        return _script_of(self, instruction)

    def all_instructions(self) -> tuple[Instruction, ...]:
        """Instructions, with ONBUILD's inner instruction after its parent.

        Computed once: many rules walk it, and a model's instructions do not change after parsing."""
        found = self.__dict__.get("_all_instructions")
        if found is None:
            found = []
            for ins in self.instructions:
                found.append(ins)
                if ins.sub is not None:
                    found.append(ins.sub)
            found = self.__dict__["_all_instructions"] = tuple(found)
        return found


_script_of = None
