"""Data classes of the Dockerfile model.

All `start`/`end` fields are character offsets into the original text (end exclusive).
Line/column come from `Dockerfile.source`. Values (`Word.value`, `Instruction.args`) are what
BuildKit's parser yields, so the model can be compared with BuildKit itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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

    def script_as_parsed(self) -> "Script | None":
        """The cached shell analysis (None: not made yet). On an instruction an edit moved and
        nothing has read since, at its old offsets (dockerfile/incremental.py `Moved`): only for
        what does not depend on where it is."""
        return self._script

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


class ModelIndex:
    """Everything worked out from a model and kept with it, each made on first use by the module
    named beside it, then only read: the model's instructions never change after parsing, so
    neither do these. One object per model (`Dockerfile.index`), so that what a model carries
    besides what was parsed is written down here, not hidden in its `__dict__`."""

    __slots__ = ("all_instructions", "by_keyword", "runs", "scripts", "commands", "stages_by_name",
                 "pragmas", "copy_sources", "build_use", "picture_needs", "stage_keys", "units", "unit_keys",
                 "present", "setters", "run_names")

    def __init__(self) -> None:
        self.all_instructions: tuple[Instruction, ...] | None = None  # Dockerfile.all_instructions()
        self.by_keyword: dict[str, list[Instruction]] | None = None   # rules.support.helpers.instructions
        self.runs: list | None = None               # rules.support.helpers.runs: (RUN, its script)
        self.scripts: dict | None = None            # rules.support.helpers.script_of: RUN -> script
        self.commands: dict | None = None           # rules.support.helpers.commands: program -> commands
        self.run_names: dict | None = None          # rules.support.helpers: program -> RUNs
        self.stages_by_name: dict | None = None     # stages.stage_by_ref: lower-cased name -> stage
        self.pragmas: dict | None = None            # engine.suppression.collect: resolver -> pragmas
        self.copy_sources: dict | None = None       # rules.support.dockerignore.copy_sources
        self.build_use: object = None               # rules.support.fixguard.build_use
        self.picture_needs: dict | None = None      # analysis.picture.needed: stage -> stages read
        self.stage_keys: dict | None = None         # engine.incremental.stages: per-stage memo keys
        self.units: list | None = None              # engine.incremental.stages.units
        self.unit_keys: tuple | None = None         # engine.incremental.stages: unit texts
        self.present: object = None                 # engine.dispatch: keywords and programs the file has
        self.setters: dict | None = None            # rules.support.mounts.setters_before: stage -> USER/ENV/ARG


@dataclass(slots=True)
class Resumed:
    """How a model was made from another's by resuming its parse after one edit
    (`parse(text, resume_from=old, edit=...)`): old instructions `[first, old_stop)` were read
    again as `count` new ones from `first` on; the others are the old ones (moved)."""

    old: "_weakref[Dockerfile]"   # weakly: a document keeps only its newest model alive
    first: int
    old_stop: int
    count: int
    # The instructions and comments before they are made (`dockerfile.incremental.Runs`): an
    # edit does not copy what follows it; the first read of `instructions` or `comments` makes
    # both, and links the stages, completing the parse.
    pending: tuple | None = None

    def edited(self) -> "tuple[Dockerfile, slice, slice] | None":
        """(the model this one was made from, if still alive; the slice of its instructions
        the edit replaced; the slice of the new model's instructions that replaced them): the
        others are the same, moved."""
        old = self.old()
        if old is None:
            return None
        return old, slice(self.first, self.old_stop), slice(self.first, self.first + self.count)


class Dockerfile:
    """A parsed Dockerfile. Everything is set by `parse()` (its stages linked: each
    instruction's `stage` is known) and never changes after; what is worked out from it later
    is kept in `index`."""

    # Set by `link_stages` (dockerfile/stages.py) when parsing.
    stages: "list[Stage]"
    global_args: "dict[str, str | None]"

    def __init__(self, source: Source, instructions: list[Instruction] | None, comments: list[Comment] | None,
                 directives: dict[str, tuple[str, int, int]], errors: list[ParseError], escape: str = "\\",
                 directives_end: int = 0, had_bom: bool = False, invalid_utf8: bool = False,
                 resumed: Resumed | None = None) -> None:
        self.source = source
        if resumed is None or resumed.pending is None:
            self.instructions = instructions
            self.comments = comments
        self.directives = directives      # name -> (value, start, end)
        self.errors = errors
        self.escape = escape
        self.directives_end = directives_end  # offset after the parser directives block
        self.had_bom = had_bom
        self.invalid_utf8 = invalid_utf8
        self.resumed = resumed  # None: parsed whole
        self.index = ModelIndex()

    @property
    def text(self) -> str:
        return self.source.text

    def __repr__(self) -> str:
        return f"<Dockerfile: {len(self.text)} characters>"

    def __getattr__(self, name: str):
        # Only for what a resumed parse has not made yet (`Resumed.pending`).
        if name in _MADE_ON_FIRST_USE:
            resumed = self.resumed
            if resumed is not None and resumed.pending is not None:
                from .incremental import complete
                complete(self)
                return getattr(self, name)
        raise AttributeError(name)

    def script(self, instruction: Instruction) -> "Script | None":
        """The shell script of a RUN (shell form or heredoc), parsed once and cached."""
        global _script_of
        if _script_of is None:  # imported on first use (tree-sitter), then kept: rules ask often
            from .shell import script_of as _script_of
        return _script_of(self, instruction)

    def run_names(self, instruction: Instruction) -> "tuple[frozenset[str], frozenset[str]] | None":
        """`self.script(instruction).names()` (which programs a RUN runs), without moving a RUN
        an edit moved (shell.run_names); None when it has no script."""
        global _run_names
        if _run_names is None:
            from .shell import run_names as _run_names
        return _run_names(self, instruction)

    def all_instructions(self) -> tuple[Instruction, ...]:
        """Instructions, with ONBUILD's inner instruction after its parent.

        Computed once: many rules walk it, and a model's instructions do not change after parsing."""
        found = self.index.all_instructions
        if found is None:
            found = []
            for ins in self.instructions:
                found.append(ins)
                if ins.sub is not None:
                    found.append(ins.sub)
            found = self.index.all_instructions = tuple(found)
        return found


_MADE_ON_FIRST_USE = frozenset({"instructions", "comments", "stages", "global_args"})
_script_of = None
_run_names = None
